/**
 * Quartz wiring: one in-memory job per monitored server, each calling the check callback given at
 * {@code start} to run one check.
 */
package dev.healthbot.schedule;
