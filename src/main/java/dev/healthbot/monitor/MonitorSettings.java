package dev.healthbot.monitor;

import java.time.Duration;
import java.util.Objects;

/** Everything a user sets for one monitored server; immutable and always valid once built. */
public record MonitorSettings(
        String name,
        Target target,
        Environment environment,
        Duration interval,
        Duration timeout,
        StatusCodes expectedStatus,
        Thresholds thresholds,
        boolean alertsEnabled,
        ProbeOptions options) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    public static final Duration MAX_INTERVAL = Duration.ofHours(24);
    public static final Duration MIN_TIMEOUT = Duration.ofMillis(100);
    public static final Duration MAX_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration MIN_PERIOD = Duration.ofMinutes(1);
    public static final Duration MAX_PERIOD = Duration.ofDays(31);
    public static final Duration MIN_GRACE = Duration.ofMinutes(1);
    public static final Duration MAX_GRACE = Duration.ofDays(7);
    public static final Duration DEFAULT_PERIOD = Duration.ofHours(1);
    public static final Duration DEFAULT_GRACE = Duration.ofMinutes(5);
    /** A heartbeat's verdict needs no repeat: a silence or a failure ping is DOWN, the next success UP. */
    public static final Thresholds HEARTBEAT_THRESHOLDS = new Thresholds(1, 1);

    public MonitorSettings {
        Objects.requireNonNull(name);
        Objects.requireNonNull(target);
        Objects.requireNonNull(environment);
        Objects.requireNonNull(interval);
        Objects.requireNonNull(timeout);
        Objects.requireNonNull(expectedStatus);
        Objects.requireNonNull(thresholds);
        Objects.requireNonNull(options);
    }

    /** Settings with the default probe options (a plain check). */
    public MonitorSettings(
            String name,
            Target target,
            Environment environment,
            Duration interval,
            Duration timeout,
            StatusCodes expectedStatus,
            Thresholds thresholds,
            boolean alertsEnabled) {
        this(
                name,
                target,
                environment,
                interval,
                timeout,
                expectedStatus,
                thresholds,
                alertsEnabled,
                ProbeOptions.DEFAULT);
    }

    /** True for a heartbeat: pinged by its job instead of probed; {@link #period()} and {@link #grace()} apply. */
    public boolean heartbeat() {
        return target.kind() == ProbeKind.HEARTBEAT;
    }

    /** A heartbeat's period, the expected time between pings (held in {@link #interval()}). */
    public Duration period() {
        return interval;
    }

    /** A heartbeat's grace, how late a ping may be before it is missed (held in {@link #timeout()}). */
    public Duration grace() {
        return timeout;
    }

    /** A heartbeat with the default further settings. */
    public static MonitorSettings heartbeat(
            String name,
            Environment environment,
            Duration period,
            Duration grace,
            Thresholds thresholds,
            boolean alerts) {
        return new MonitorSettings(
                name, Target.HEARTBEAT, environment, period, grace, StatusCodes.DEFAULT, thresholds, alerts);
    }

    public ProbeSpec probeSpec() {
        return new ProbeSpec(target, timeout, expectedStatus, options);
    }

    public MonitorSettings withAlerts(boolean enabled) {
        return new MonitorSettings(
                name, target, environment, interval, timeout, expectedStatus, thresholds, enabled, options);
    }
}
