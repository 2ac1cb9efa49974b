package dev.healthbot.store;

import dev.healthbot.monitor.MonitorState;
import dev.healthbot.monitor.ProbeResult;
import dev.healthbot.monitor.StatusChange;
import dev.healthbot.monitor.StatusRepository;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * {@link StatusRepository} and {@link StatusChangeLog} over SQLite; {@link #record} is one short
 * write transaction, cheap enough to run for every check. Thread-safe.
 */
public final class JdbiStatusRepository implements StatusRepository, StatusChangeLog {

    /**
     * Pruning runs on a server's first record after start and then on every {@code PRUNE_EVERY}th,
     * so a server keeps between {@link #KEPT_RESULTS} and {@code KEPT_RESULTS + PRUNE_EVERY - 1}
     * stored results; {@link #recentResults} never returns more than {@link #KEPT_RESULTS}.
     */
    static final int PRUNE_EVERY = 10;

    private final Database db;
    private final ConcurrentMap<Long, Integer> prunes = new ConcurrentHashMap<>();

    public JdbiStatusRepository(Database db) {
        this.db = db;
    }

    @Override
    public Optional<MonitorState> state(long monitorId) {
        return db.jdbi().withExtension(StatusDao.class, dao -> dao.state(monitorId));
    }

    @Override
    public Map<Long, MonitorState> allStates() {
        List<Rows.StateRow> rows = db.jdbi().withExtension(StatusDao.class, StatusDao::allStates);
        Map<Long, MonitorState> out = new HashMap<>(rows.size() * 2);
        for (Rows.StateRow row : rows) {
            out.put(row.monitorId(), row.state());
        }
        return out;
    }

    @Override
    public StatusChange record(long monitorId, ProbeResult result, MonitorState newState, StatusChange change) {
        return db.write(h -> {
            StatusDao dao = h.attach(StatusDao.class);
            int inserted = dao.insertResult(
                    monitorId,
                    result.at().toEpochMilli(),
                    result.up(),
                    result.latency().toMillis(),
                    result.failure().name(),
                    result.detail());
            if (inserted == 0) {
                // The server was removed while its probe ran: there is nothing to record.
                prunes.remove(monitorId);
                return null;
            }
            if (prunes.merge(monitorId, 1, (a, b) -> (a + b) % PRUNE_EVERY) == 1) {
                dao.prune(monitorId, KEPT_RESULTS);
            }
            ProbeResult last = newState.last();
            dao.saveState(
                    monitorId,
                    newState.status().name(),
                    newState.since().toEpochMilli(),
                    newState.failures(),
                    newState.successes(),
                    last == null ? null : last.up(),
                    last == null ? null : last.at().toEpochMilli(),
                    last == null ? null : last.latency().toMillis(),
                    last == null ? null : last.failure().name(),
                    last == null ? null : last.detail());
            if (change == null) {
                return null;
            }
            long id = dao.insertChange(
                    monitorId,
                    change.from().name(),
                    change.to().name(),
                    change.at().toEpochMilli(),
                    change.cause().name(),
                    change.detail(),
                    change.failedChecks(),
                    change.downSince() == null ? null : change.downSince().toEpochMilli());
            return change.withId(id);
        });
    }

    @Override
    public List<ProbeResult> recentResults(long monitorId, int limit) {
        int capped = Math.max(0, Math.min(limit, KEPT_RESULTS));
        return db.jdbi().withExtension(StatusDao.class, dao -> dao.recentResults(monitorId, capped));
    }

    @Override
    public List<StatusChange> changesSince(long afterId, int limit) {
        return db.jdbi().withExtension(StatusDao.class, dao -> dao.changesSince(afterId, limit));
    }

    @Override
    public Optional<String> monitorName(long changeId) {
        return db.jdbi().withExtension(StatusDao.class, dao -> dao.changeMonitorName(changeId));
    }
}
