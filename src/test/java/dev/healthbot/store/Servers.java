package dev.healthbot.store;

import dev.healthbot.monitor.Environment;
import dev.healthbot.monitor.FailureKind;
import dev.healthbot.monitor.MonitorSettings;
import dev.healthbot.monitor.ProbeResult;
import dev.healthbot.monitor.StatusCodes;
import dev.healthbot.monitor.Target;
import dev.healthbot.monitor.Thresholds;
import java.time.Duration;
import java.time.Instant;

/** Test values: servers' settings and probe results at millisecond precision (what the store keeps). */
final class Servers {

    static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    private Servers() {}

    static MonitorSettings settings(String name) {
        return new MonitorSettings(
                name,
                Target.parse("https://bot:s3cret@127.0.0.1:8443/health?token=abc"),
                Environment.LIVE,
                Duration.ofSeconds(30),
                Duration.ofSeconds(5),
                StatusCodes.parse("200-299,301"),
                new Thresholds(3, 2),
                true);
    }

    static ProbeResult up(Instant at) {
        return ProbeResult.up(at, Duration.ofMillis(42), "HTTP 200 OK");
    }

    static ProbeResult down(Instant at) {
        return ProbeResult.down(at, Duration.ofMillis(3001), FailureKind.TIMEOUT, "read timed out after 3 s");
    }
}
