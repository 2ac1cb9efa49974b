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

    public ProbeSpec probeSpec() {
        return new ProbeSpec(target, timeout, expectedStatus, options);
    }

    public MonitorSettings withAlerts(boolean enabled) {
        return new MonitorSettings(
                name, target, environment, interval, timeout, expectedStatus, thresholds, enabled, options);
    }
}
