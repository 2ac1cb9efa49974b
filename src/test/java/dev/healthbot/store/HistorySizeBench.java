package dev.healthbot.store;

import dev.healthbot.history.Grain;
import dev.healthbot.history.LatencyHistogram;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/**
 * The database size after a simulated year of rollups: {@code servers} servers' rows as the rollup
 * writer leaves them after a year (400 days of day rows, 14 days of hour rows, closed rows sealed,
 * the open hour and day with their histograms), with realistic figures (360 checks an hour, latencies
 * of 40 to 900 ms), written through the real migrations, then one flush's prune and seal pass timed.
 * {@code mvn -B -q -Phistory-bench -DskipTests package} ({@code -Dhistory.servers=10000}); prints the figures.
 */
public final class HistorySizeBench {

    private HistorySizeBench() {}

    public static void main(String[] args) throws Exception {
        int servers = Integer.getInteger("history.servers", 10_000);
        Path dir = Files.createTempDirectory("healthbot-history-bench");
        Path file = dir.resolve("healthbot.db");
        Instant now = Instant.parse("2026-12-02T12:30:00Z");
        Random random = new Random(17);
        long t0 = System.nanoTime();
        try (Database db = Database.open(file)) {
            long hourNow = RollupWriter.number(Grain.HOUR, now.toEpochMilli());
            long dayNow = RollupWriter.number(Grain.DAY, now.toEpochMilli());
            long rows = 0;
            rows += fill(db, "rollup_days", "day", servers, dayNow - 399, dayNow, 8640, random);
            rows += fill(db, "rollup_hours", "hour", servers, hourNow - 14 * 24 + 1, hourNow, 360, random);
            long filled = System.nanoTime();
            try (var h = db.jdbi().open()) {
                h.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
            long bytes = Files.size(file);
            // One more day: the pass that prunes the oldest day's rows and 24 hours, and seals what closed.
            JdbiStatusRepository status = new JdbiStatusRepository(db);
            RollupWriter w = status.rollups();
            long p0 = System.nanoTime();
            w.record(java.util.List.of(new PendingWrite(
                    1,
                    dev.healthbot.monitor.ProbeResult.up(now.plus(Duration.ofDays(1)), Duration.ofMillis(90), ""),
                    null,
                    null,
                    null)));
            w.flush();
            long pruneMs = (System.nanoTime() - p0) / 1_000_000;
            status.close();
            System.out.printf(
                    "history-bench servers=%d rows=%d dbMB=%.1f bytesPerRow=%.1f fillS=%.1f prunePassMs=%d%n",
                    servers, rows, bytes / 1e6, (double) bytes / rows, (filled - t0) / 1e9, pruneMs);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Rows for buckets {@code first..last} of every server; the last bucket open (with its histogram). */
    private static long fill(
            Database db, String table, String column, int servers, long first, long last, int checks, Random random)
            throws Exception {
        long n = 0;
        for (long bucket = first; bucket <= last; bucket++) {
            long b = bucket;
            n += db.write(h -> {
                Connection c = h.getConnection();
                try (PreparedStatement s = c.prepareStatement("INSERT INTO " + table + " (monitor_id, " + column
                        + ", checks, failures, sum_ms, min_ms, max_ms, p50_ms, p95_ms, p99_ms, hist)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    for (int m = 1; m <= servers; m++) {
                        long p50 = 40 + random.nextInt(400);
                        LatencyHistogram hist = null;
                        if (b == last) {
                            hist = new LatencyHistogram();
                            for (int i = 0; i < checks; i++) {
                                hist.record(p50 + random.nextInt((int) p50));
                            }
                        }
                        s.setLong(1, m);
                        s.setLong(2, b);
                        s.setLong(3, checks);
                        s.setLong(4, random.nextInt(100) < 95 ? 0 : random.nextInt(20));
                        s.setLong(5, p50 * checks + random.nextInt(1000));
                        s.setLong(6, p50 / 2);
                        s.setLong(7, p50 * 3 + random.nextInt(500));
                        s.setLong(8, p50);
                        s.setLong(9, p50 * 2);
                        s.setLong(10, p50 * 2 + random.nextInt(200));
                        s.setBytes(11, hist == null ? null : hist.encode());
                        s.addBatch();
                    }
                    s.executeBatch();
                }
                return (long) servers;
            });
        }
        return n;
    }
}
