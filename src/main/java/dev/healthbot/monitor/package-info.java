/** The domain: monitored servers, probe results, the status state machine and the use cases over them. */
package dev.healthbot.monitor;
