package dev.healthbot.history;

import java.time.Instant;

/**
 * One server's checks in one hour or day: counts and latencies in milliseconds (percentiles from
 * the fixed {@link LatencyHistogram}); immutable.
 */
public record Rollup(
        long monitorId,
        Grain grain,
        Instant start,
        long checks,
        long failures,
        long minMs,
        long meanMs,
        long p50Ms,
        long p95Ms,
        long p99Ms,
        long maxMs) {}
