package dev.healthbot.monitor;

import java.time.Instant;

/**
 * A recorded flip of a server's status, written in the same transaction as the new state; the
 * alert outbox reads these. Immutable.
 *
 * @param id database id, 0 before it is saved
 * @param failedChecks consecutive failed checks at the flip (0 for a flip to UP)
 * @param downSince for a flip to UP from DOWN, when the outage began; otherwise null
 */
public record StatusChange(
        long id,
        long monitorId,
        Status from,
        Status to,
        Instant at,
        FailureKind cause,
        String detail,
        int failedChecks,
        Instant downSince) {

    public boolean isOutage() {
        return to == Status.DOWN;
    }

    public boolean isRecovery() {
        return from == Status.DOWN && to == Status.UP;
    }

    public StatusChange withId(long newId) {
        return new StatusChange(newId, monitorId, from, to, at, cause, detail, failedChecks, downSince);
    }
}
