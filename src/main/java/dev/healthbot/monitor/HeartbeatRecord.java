package dev.healthbot.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What is kept about one heartbeat besides its settings and status: its ping key and what the pings
 * told; immutable. Times are null until the event first happens.
 *
 * @param lastPingAt the last success or failure ping
 * @param lastStartAt a run's start that no success or failure has ended yet
 * @param lastDuration how long the last finished run took (its start to its success)
 * @param lastExitCode the exit code of the last {@code /<exit code>} ping
 * @param lastBody the body of the last ping that had one, at most {@link #MAX_BODY} bytes of UTF-8
 * @param nextDeadline when silence becomes an outage; null when nothing is expected
 */
public record HeartbeatRecord(
        long monitorId,
        PingKey key,
        Instant keyCreatedAt,
        Instant lastPingAt,
        Instant lastStartAt,
        Duration lastDuration,
        Integer lastExitCode,
        String lastBody,
        Instant nextDeadline) {

    /** The largest body kept with a ping: 10 KiB. */
    public static final int MAX_BODY = 10 * 1024;

    public HeartbeatRecord {
        Objects.requireNonNull(key);
        Objects.requireNonNull(keyCreatedAt);
    }

    /** A new heartbeat's record: a key, nothing heard yet. */
    public static HeartbeatRecord fresh(long monitorId, PingKey key, Instant now) {
        return new HeartbeatRecord(monitorId, key, now, null, null, null, null, null, null);
    }

    public HeartbeatRecord withDeadline(Instant deadline) {
        return new HeartbeatRecord(
                monitorId, key, keyCreatedAt, lastPingAt, lastStartAt, lastDuration, lastExitCode, lastBody, deadline);
    }

    public HeartbeatRecord withKey(PingKey newKey, Instant now) {
        return new HeartbeatRecord(
                monitorId, newKey, now, lastPingAt, lastStartAt, lastDuration, lastExitCode, lastBody, nextDeadline);
    }
}
