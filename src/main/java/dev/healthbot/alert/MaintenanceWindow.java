package dev.healthbot.alert;

import dev.healthbot.monitor.Monitor;
import java.time.Duration;
import java.time.Instant;

/**
 * Planned work on some servers: while it lasts, their outages post nothing and nothing reminds; one short post
 * when it starts and one when it ends. Immutable.
 *
 * @param id database id, 0 for a draft
 * @param label what the user named (a server, {@code LIVE}, {@code all}), for messages
 * @param endedAt when {@code maintenance end} ended it early; null otherwise
 * @param startAnnounced its start post has been queued
 */
public record MaintenanceWindow(
        long id,
        Selector selector,
        String label,
        Instant startsAt,
        Instant endsAt,
        String reason,
        String createdBy,
        Instant endedAt,
        boolean startAnnounced) {

    public MaintenanceWindow {
        if (!endsAt.isAfter(startsAt)) {
            throw new IllegalArgumentException("a window must end after it starts");
        }
        reason = reason == null ? "" : reason;
    }

    /** When it ends: early when ended, as planned otherwise. */
    public Instant end() {
        return endedAt != null && endedAt.isBefore(endsAt) ? endedAt : endsAt;
    }

    public boolean activeAt(Instant now) {
        return !now.isBefore(startsAt) && now.isBefore(end());
    }

    public boolean covers(Monitor monitor) {
        return selector.matches(monitor);
    }

    public Duration length() {
        return Duration.between(startsAt, end());
    }
}
