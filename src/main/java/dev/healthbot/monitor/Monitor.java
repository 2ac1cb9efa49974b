package dev.healthbot.monitor;

import java.time.Instant;

/** A registered server: its id, settings and where they come from; immutable. */
public record Monitor(long id, MonitorSettings settings, Origin origin, Instant createdAt) {

    public String name() {
        return settings.name();
    }
}
