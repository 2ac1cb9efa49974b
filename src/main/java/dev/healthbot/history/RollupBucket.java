package dev.healthbot.history;

import java.time.Instant;

/**
 * The running figures of one server in one hour or day while it is being filled: counts, sum, min,
 * max and the histogram. Mutable, not thread-safe: owned by a {@link RollupAccumulator}.
 */
public final class RollupBucket {

    private final long monitorId;
    private final Grain grain;
    private final long start;
    private final LatencyHistogram histogram = new LatencyHistogram();
    private long checks;
    private long failures;
    private long sumMs;
    private long minMs = Long.MAX_VALUE;
    private long maxMs = Long.MIN_VALUE;
    private boolean dirty;
    private boolean merged;

    RollupBucket(long monitorId, Grain grain, long start) {
        this.monitorId = monitorId;
        this.grain = grain;
        this.start = start;
    }

    void add(boolean up, long latencyMs) {
        long ms = Math.max(0, latencyMs);
        checks++;
        if (!up) {
            failures++;
        }
        sumMs += ms;
        minMs = Math.min(minMs, ms);
        maxMs = Math.max(maxMs, ms);
        histogram.record(ms);
        dirty = true;
    }

    /**
     * Adds what an earlier process stored for this bucket (read once, before the first write of
     * this process), so that a restart in the middle of an hour or a day loses nothing flushed.
     */
    public void mergeStored(
            long storedChecks,
            long storedFailures,
            long storedSumMs,
            long storedMin,
            long storedMax,
            LatencyHistogram storedHistogram) {
        if (storedChecks > 0) {
            checks += storedChecks;
            failures += storedFailures;
            sumMs += storedSumMs;
            minMs = Math.min(minMs, storedMin);
            maxMs = Math.max(maxMs, storedMax);
            histogram.merge(storedHistogram);
        }
        merged = true;
    }

    /** True once what was stored before this process has been added (or there was nothing). */
    public boolean merged() {
        return merged;
    }

    public long monitorId() {
        return monitorId;
    }

    public Grain grain() {
        return grain;
    }

    public long startMillis() {
        return start;
    }

    public long sumMs() {
        return sumMs;
    }

    public byte[] histogram() {
        return histogram.encode();
    }

    boolean dirty() {
        return dirty;
    }

    void clean() {
        dirty = false;
    }

    /** The figures so far. */
    public Rollup rollup() {
        return new Rollup(
                monitorId,
                grain,
                Instant.ofEpochMilli(start),
                checks,
                failures,
                checks == 0 ? 0 : minMs,
                checks == 0 ? 0 : Math.round((double) sumMs / checks),
                clamp(histogram.percentile(0.50)),
                clamp(histogram.percentile(0.95)),
                clamp(histogram.percentile(0.99)),
                checks == 0 ? 0 : maxMs);
    }

    /** A bucket's middle never lies outside what was seen. */
    private long clamp(long p) {
        return checks == 0 ? 0 : Math.min(maxMs, Math.max(minMs, p));
    }
}
