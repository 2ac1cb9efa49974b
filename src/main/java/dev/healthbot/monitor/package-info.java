/**
 * The domain: monitored servers, probe results, the status state machine, the use cases over them
 * ({@code MonitorService}, {@code CheckRunner} and its {@code CheckResult}), their ports, and the one
 * duration parser ({@code Durations}) that servers and configuration share.
 */
package dev.healthbot.monitor;
