/**
 * The domain: monitored servers and how they are probed ({@code ProbeOptions}: the request, and
 * assertions with {@code JsonRule}s), probe results, the status state machine, each server's slot in
 * its interval ({@code Phase}), the use cases over them ({@code MonitorService}, {@code CheckRunner}
 * and its {@code CheckResult}), their ports, and the one duration parser ({@code Durations}) that
 * servers and configuration share.
 */
package dev.healthbot.monitor;
