package dev.healthbot.store;

import dev.healthbot.monitor.MonitorRepositoryContract;
import dev.healthbot.monitor.MonitorSettings;
import dev.healthbot.monitor.ProbeResult;
import dev.healthbot.monitor.StatusRepositoryContract;
import java.time.Instant;

/** Test values: servers' settings and probe results at millisecond precision (what the store keeps). */
final class Servers {

    static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    private Servers() {}

    static MonitorSettings settings(String name) {
        return MonitorRepositoryContract.settings(name);
    }

    static ProbeResult up(Instant at) {
        return StatusRepositoryContract.up(at);
    }

    static ProbeResult down(Instant at) {
        return StatusRepositoryContract.down(at);
    }
}
