/** Quartz wiring: one in-memory job per monitored server, each asking the core to run one check. */
package dev.healthbot.schedule;
