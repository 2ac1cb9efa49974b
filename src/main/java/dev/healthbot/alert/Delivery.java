package dev.healthbot.alert;

import java.time.Instant;

/**
 * One message owed to one channel about one incident: a row of the outbox; immutable.
 *
 * @param attempts how many sends failed so far
 * @param nextAttemptAt when it is next due (while PENDING)
 * @param post for an OUTAGE, the outage post once SENT; for a RECOVERY, the thread reply as soon
 *     as it is posted (so a retry only edits the outage post)
 * @param lastError the last failure, or a note on a SENT recovery whose edit failed; null otherwise
 * @param attemptStartedAt when a post was last started whose outcome is unknown (it may have landed
 *     without the row learning its {@code ts}); null when no such post is outstanding
 */
public record Delivery(
        long id,
        long incidentId,
        String channel,
        Kind kind,
        State state,
        int attempts,
        Instant nextAttemptAt,
        Instant createdAt,
        Instant doneAt,
        String lastError,
        PostRef post,
        Instant attemptStartedAt) {

    /** What the message says. */
    public enum Kind {
        OUTAGE,
        RECOVERY
    }

    /** Where the delivery stands. */
    public enum State {
        PENDING,
        SENT,
        GIVEN_UP
    }

    /** A new PENDING delivery, due at once. */
    public static Delivery pending(long id, long incidentId, String channel, Kind kind, Instant now) {
        return new Delivery(id, incidentId, channel, kind, State.PENDING, 0, now, now, null, null, null, null);
    }
}
