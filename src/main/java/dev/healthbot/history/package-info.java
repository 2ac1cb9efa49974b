/**
 * History, plain Java: latency rollups per server per hour and per day from a fixed histogram, and
 * uptime, MTTR, incident counts and error budgets computed from incidents (exact down intervals),
 * with maintenance windows excluded; the {@code HistoryService} use case and its port.
 */
package dev.healthbot.history;
