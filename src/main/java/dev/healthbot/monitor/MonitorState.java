package dev.healthbot.monitor;

import java.time.Instant;

/**
 * A server's current status and the counters the state machine needs; immutable.
 *
 * @param since when the current status began (for PENDING, when the server was registered)
 * @param failures consecutive failed checks up to now
 * @param successes consecutive successful checks up to now
 * @param last the last probe result, null before the first check
 * @param certNotAfter the expiry of the last TLS certificate a check of this server saw (kept when a
 *     later check saw none, e.g. a timeout); null when none was ever seen
 */
public record MonitorState(
        Status status, Instant since, int failures, int successes, ProbeResult last, Instant certNotAfter) {

    /** A state without a known certificate. */
    public MonitorState(Status status, Instant since, int failures, int successes, ProbeResult last) {
        this(status, since, failures, successes, last, null);
    }

    public static MonitorState pending(Instant since) {
        return new MonitorState(Status.PENDING, since, 0, 0, null);
    }

    /** True while a verdict is forming: failing but not yet DOWN, or succeeding but not yet UP. */
    public boolean unsettled() {
        return (status != Status.DOWN && failures > 0) || (status == Status.DOWN && successes > 0);
    }
}
