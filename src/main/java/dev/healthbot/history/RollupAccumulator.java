package dev.healthbot.history;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers check results in memory per server-hour and per server-day, so that the check path costs
 * a map lookup and two histogram increments, and the database sees one batched upsert per flush
 * instead of a write per check. Not thread-safe: its owner (the store's rollup writer) holds its
 * lock around every call.
 */
public final class RollupAccumulator {

    private final Map<Long, RollupBucket[]> current = new HashMap<>();
    /** Buckets whose hour or day has passed, kept until written. */
    private final List<RollupBucket> closed = new ArrayList<>();

    /**
     * Counts one result. A result older than its server's current bucket (a late one from the hour
     * before) is counted in the current bucket: one check moves by at most one bucket.
     */
    public void add(long monitorId, long atMillis, boolean up, long latencyMs) {
        RollupBucket[] b = current.computeIfAbsent(monitorId, id -> new RollupBucket[2]);
        for (Grain g : Grain.values()) {
            int i = g.ordinal();
            long start = g.startOf(atMillis);
            if (b[i] == null || b[i].startMillis() < start) {
                if (b[i] != null && b[i].dirty()) {
                    closed.add(b[i]);
                }
                b[i] = new RollupBucket(monitorId, g, start);
            }
            b[i].add(up, latencyMs);
        }
    }

    /** Every bucket changed since it was last written, closed ones first. */
    public List<RollupBucket> dirty() {
        List<RollupBucket> out = new ArrayList<>(closed);
        for (RollupBucket[] b : current.values()) {
            for (RollupBucket x : b) {
                if (x != null && x.dirty()) {
                    out.add(x);
                }
            }
        }
        return out;
    }

    /** Marks the buckets {@link #dirty()} returned as written; closed ones are let go. */
    public void written(List<RollupBucket> buckets) {
        for (RollupBucket x : buckets) {
            x.clean();
        }
        closed.removeIf(x -> !x.dirty());
    }

    /** Forgets a removed server. */
    public void forget(long monitorId) {
        current.remove(monitorId);
        closed.removeIf(x -> x.monitorId() == monitorId);
    }

    /** How many servers have a bucket in memory. */
    public int servers() {
        return current.size();
    }
}
