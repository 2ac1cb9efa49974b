package dev.healthbot.store;

import dev.healthbot.alert.Incident;
import dev.healthbot.alert.MaintenanceWindow;
import dev.healthbot.alert.PostRef;
import dev.healthbot.history.Grain;
import dev.healthbot.history.HistoryRepository;
import dev.healthbot.history.Rollup;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link HistoryRepository} over SQLite: incidents, maintenance windows and outage posts from the
 * alert tables, rollup rows from {@code rollup_hours} and {@code rollup_days} (flushed from memory
 * before each read). Thread-safe.
 */
public final class JdbiHistoryRepository implements HistoryRepository {

    private final Database db;
    private final JdbiStatusRepository status;
    private final RollupWriter rollups;

    /** @param status the repository whose writer counts the rollups */
    public JdbiHistoryRepository(Database db, JdbiStatusRepository status) {
        this.db = db;
        this.status = status;
        this.rollups = status.rollups();
    }

    @Override
    public List<Incident> incidents(long monitorId, Instant from, Instant to) {
        return db.jdbi()
                .withExtension(
                        HistoryDao.class, dao -> dao.incidents(monitorId, from.toEpochMilli(), to.toEpochMilli()));
    }

    @Override
    public List<MaintenanceWindow> windows(Instant from, Instant to) {
        List<MaintenanceWindow> out = new ArrayList<>();
        for (ResponseDao.WindowRow r :
                db.jdbi().withExtension(HistoryDao.class, dao -> dao.windows(from.toEpochMilli(), to.toEpochMilli()))) {
            out.add(JdbiMaintenanceWindows.window(r));
        }
        return out;
    }

    @Override
    public List<Rollup> rollups(long monitorId, Grain grain, Instant from, Instant to) {
        flush();
        long length = grain.length().toMillis();
        // Buckets starting in [from, to): the first bucket number at or after from, up to before to.
        long first = Math.floorDiv(from.toEpochMilli() + length - 1, length);
        long end = Math.floorDiv(to.toEpochMilli() + length - 1, length);
        String table = grain == Grain.HOUR ? "rollup_hours" : "rollup_days";
        String column = grain == Grain.HOUR ? "hour" : "day";
        List<Rollup> out = new ArrayList<>();
        for (HistoryDao.RollupRow r :
                db.jdbi().withExtension(HistoryDao.class, dao -> dao.rollups(table, column, monitorId, first, end))) {
            out.add(new Rollup(
                    r.monitorId(),
                    grain,
                    Instant.ofEpochMilli(r.bucket() * length),
                    r.checks(),
                    r.failures(),
                    r.minMs(),
                    Math.round((double) r.sumMs() / r.checks()),
                    r.p50Ms(),
                    r.p95Ms(),
                    r.p99Ms(),
                    r.maxMs()));
        }
        return out;
    }

    @Override
    public Optional<PostRef> outagePost(long incidentId) {
        return db.jdbi()
                .withExtension(HistoryDao.class, dao -> dao.outagePost(incidentId))
                .map(p -> new PostRef(p.postChannel(), p.postTs()));
    }

    /** Writes the rollups counted in memory now (tests and benchmarks; reads flush by themselves). */
    public void flush() {
        // Results still queued for the status writer are not counted yet: write them first.
        status.flush();
        rollups.flush();
    }
}
