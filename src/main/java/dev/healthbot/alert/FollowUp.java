package dev.healthbot.alert;

import java.time.Instant;

/**
 * One row of the follow-up outbox: a message about an incident or a maintenance window beyond the outage post
 * and its recovery; immutable.
 *
 * @param incidentId 0 for a maintenance post
 * @param windowId 0 unless a maintenance post
 * @param seq a reminder's number; the outages counted by a maintenance end post
 * @param totalMs the time down inside the window, for a maintenance end post
 * @param actor who clicked, for a re-check reply
 * @param up the re-check's result (null for other kinds)
 */
public record FollowUp(
        long id,
        Kind kind,
        long incidentId,
        long windowId,
        String channel,
        int seq,
        long totalMs,
        String actor,
        Boolean up,
        Long latencyMs,
        String failure,
        String detail,
        int attempts,
        Instant nextAttemptAt,
        Instant createdAt) {

    /** What the row posts. */
    public enum Kind {
        /** Edits the outage post to show the incident's current state (acknowledged, muted). */
        REFRESH,
        /** Replies in the outage post's thread with a re-check's result. */
        RECHECK,
        /** Reminds in the outage post's thread that the server is still down. */
        REMINDER,
        MAINTENANCE_START,
        MAINTENANCE_END,
        /** Replies in a heartbeat's outage thread with the body its last ping carried ({@code detail}). */
        PING_LOG
    }
}
