package dev.healthbot.store;

import dev.healthbot.history.Grain;
import dev.healthbot.history.LatencyHistogram;
import dev.healthbot.history.Rollup;
import dev.healthbot.history.RollupAccumulator;
import dev.healthbot.history.RollupBucket;
import dev.healthbot.monitor.ProbeResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rollups' write-behind: the status writer hands it every saved result, it counts them in memory
 * ({@link RollupAccumulator}) and writes the changed server-hours and server-days in one transaction
 * of batched upserts every {@link #FLUSH_EVERY} of result time, and on {@link #flush()} (reads,
 * shutdown). Once an hour it prunes old rows and seals closed ones (drops their histogram). A crash
 * loses at most the last {@link #FLUSH_EVERY} of latency statistics. Thread-safe (one lock).
 */
final class RollupWriter {

    static final Duration FLUSH_EVERY = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(RollupWriter.class);

    private final Database db;
    private final RollupAccumulator accumulator = new RollupAccumulator();
    private long nextFlush = Long.MIN_VALUE;
    private long latest = Long.MIN_VALUE;
    private long prunedHour = Long.MIN_VALUE;

    RollupWriter(Database db) {
        this.db = db;
    }

    /** Counts the saved results of a batch; flushes when the flush interval has passed in result time. */
    synchronized void record(List<PendingWrite> batch) {
        for (PendingWrite p : batch) {
            if (p.isMarker()) {
                continue;
            }
            ProbeResult r = p.result();
            long at = r.at().toEpochMilli();
            accumulator.add(p.monitorId(), at, r.up(), r.latency().toMillis());
            latest = Math.max(latest, at);
            if (nextFlush == Long.MIN_VALUE) {
                nextFlush = at + FLUSH_EVERY.toMillis();
            }
        }
        if (nextFlush != Long.MIN_VALUE && latest >= nextFlush) {
            flush();
        }
    }

    /** Forgets a removed server's buckets in memory (its rows age out). */
    synchronized void forget(long monitorId) {
        accumulator.forget(monitorId);
    }

    /** Writes every changed bucket now, and prunes once per hour of result time; failures are logged and retried later. */
    synchronized void flush() {
        if (latest != Long.MIN_VALUE) {
            nextFlush = latest + FLUSH_EVERY.toMillis();
        }
        List<RollupBucket> dirty = accumulator.dirty();
        long hour = latest == Long.MIN_VALUE ? Long.MIN_VALUE : Grain.HOUR.startOf(latest);
        boolean prune = hour != Long.MIN_VALUE && hour != prunedHour;
        if (dirty.isEmpty() && !prune) {
            return;
        }
        long t0 = System.nanoTime();
        try {
            db.write(h -> {
                Connection c = h.getConnection();
                write(c, dirty);
                if (prune) {
                    prune(c, latest);
                }
                return null;
            });
            accumulator.written(dirty);
            if (prune) {
                prunedHour = hour;
            }
            LOG.debug(
                    "rollups flushed buckets={} pruned={} ms={}",
                    dirty.size(),
                    prune,
                    (System.nanoTime() - t0) / 1_000_000);
        } catch (RuntimeException | SQLException e) {
            // Kept in memory and written with the next flush.
            LOG.warn("rollup flush failed buckets={} error={}", dirty.size(), e.toString());
        }
    }

    private static String table(Grain g) {
        return g == Grain.HOUR ? "rollup_hours" : "rollup_days";
    }

    private static String column(Grain g) {
        return g == Grain.HOUR ? "hour" : "day";
    }

    /** The bucket number stored for a bucket start: UTC hours or days since the epoch. */
    static long number(Grain g, long startMillis) {
        return Math.floorDiv(startMillis, g.length().toMillis());
    }

    private static void write(Connection c, List<RollupBucket> dirty) throws SQLException {
        for (Grain g : Grain.values()) {
            String t = table(g);
            String k = column(g);
            try (PreparedStatement read =
                            c.prepareStatement("SELECT checks, failures, sum_ms, min_ms, max_ms, hist FROM " + t
                                    + " WHERE monitor_id = ? AND " + k + " = ?");
                    PreparedStatement upsert = c.prepareStatement("INSERT INTO " + t + " (monitor_id, " + k
                            + ", checks, failures, sum_ms, min_ms, max_ms, p50_ms, p95_ms, p99_ms, hist)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                            + " ON CONFLICT (monitor_id, " + k + ") DO UPDATE SET"
                            + " checks = excluded.checks, failures = excluded.failures, sum_ms = excluded.sum_ms,"
                            + " min_ms = excluded.min_ms, max_ms = excluded.max_ms, p50_ms = excluded.p50_ms,"
                            + " p95_ms = excluded.p95_ms, p99_ms = excluded.p99_ms, hist = excluded.hist")) {
                int n = 0;
                for (RollupBucket b : dirty) {
                    if (b.grain() != g) {
                        continue;
                    }
                    long number = number(g, b.startMillis());
                    if (!b.merged()) {
                        mergeStored(read, b, number);
                    }
                    Rollup r = b.rollup();
                    upsert.setLong(1, b.monitorId());
                    upsert.setLong(2, number);
                    upsert.setLong(3, r.checks());
                    upsert.setLong(4, r.failures());
                    upsert.setLong(5, b.sumMs());
                    upsert.setLong(6, r.minMs());
                    upsert.setLong(7, r.maxMs());
                    upsert.setLong(8, r.p50Ms());
                    upsert.setLong(9, r.p95Ms());
                    upsert.setLong(10, r.p99Ms());
                    upsert.setBytes(11, b.histogram());
                    upsert.addBatch();
                    if (++n % 500 == 0) {
                        upsert.executeBatch();
                    }
                }
                if (n % 500 != 0) {
                    upsert.executeBatch();
                }
            }
        }
    }

    /** Adds what an earlier process wrote for this bucket, read once per bucket per process. */
    private static void mergeStored(PreparedStatement read, RollupBucket b, long number) throws SQLException {
        read.setLong(1, b.monitorId());
        read.setLong(2, number);
        try (ResultSet rs = read.executeQuery()) {
            if (rs.next()) {
                byte[] hist = rs.getBytes("hist");
                LatencyHistogram stored;
                try {
                    // A sealed row keeps its counts but not its histogram: the percentiles then cover this process
                    // only.
                    stored = hist == null ? new LatencyHistogram() : LatencyHistogram.decode(hist);
                } catch (IllegalArgumentException e) {
                    stored = new LatencyHistogram();
                }
                b.mergeStored(
                        rs.getLong("checks"),
                        rs.getLong("failures"),
                        rs.getLong("sum_ms"),
                        rs.getLong("min_ms"),
                        rs.getLong("max_ms"),
                        stored);
            } else {
                b.mergeStored(0, 0, 0, 0, 0, new LatencyHistogram());
            }
        }
    }

    /** Deletes rows older than their grain keeps and drops the histograms of closed buckets. */
    private static void prune(Connection c, long nowMillis) throws SQLException {
        for (Grain g : Grain.values()) {
            String t = table(g);
            String k = column(g);
            long current = number(g, nowMillis);
            long oldest = number(g, nowMillis - g.kept().toMillis());
            int deleted;
            int sealed;
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + t + " WHERE " + k + " < ?")) {
                s.setLong(1, oldest);
                deleted = s.executeUpdate();
            }
            try (PreparedStatement s =
                    c.prepareStatement("UPDATE " + t + " SET hist = NULL WHERE hist IS NOT NULL AND " + k + " < ?")) {
                s.setLong(1, current);
                sealed = s.executeUpdate();
            }
            if (deleted > 0 || sealed > 0) {
                LOG.info("rollups pruned grain={} deleted={} sealed={}", g, deleted, sealed);
            }
        }
    }
}
