/** The entry point: {@link dev.healthbot.HealthBot#main} and {@link dev.healthbot.Bot}, the one place that wires everything. */
package dev.healthbot;
