package dev.healthbot.store;

import dev.healthbot.monitor.MonitorState;
import dev.healthbot.monitor.ProbeResult;
import dev.healthbot.monitor.StatusChange;
import dev.healthbot.monitor.StatusRepository;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * {@link StatusRepository} over SQLite; results are written behind by a {@link StatusWriter} (group
 * commit). Each server's state is kept in memory too (the database stays the source of truth at
 * start), so a check reads nothing from SQLite.
 *
 * <p>Durability: a result that flips the status is recorded, with its status change, before {@link
 * #record} returns, so nothing is announced that is not saved. An ordinary result returns at once
 * and is saved with the next batch, within {@link StatusWriter#LINGER} and a write; a crash can lose at most that
 * batch of ordinary results (a server's last check and a failure count, under 0.1 s old), never a
 * status change.
 * Reads that go to the database ({@link #recentResults}, {@link #allStates}) wait for the queue to be
 * written first. Thread-safe; {@link #close()} writes what is queued and ends the writer thread.
 */
public final class JdbiStatusRepository implements StatusRepository, AutoCloseable {

    private final Database db;
    private final ConcurrentMap<Long, MonitorState> states = new ConcurrentHashMap<>();
    private final StatusWriter writer;
    private volatile boolean preloaded;

    public JdbiStatusRepository(Database db) {
        this.db = db;
        this.writer = new StatusWriter(db, states::remove);
    }

    /**
     * Forgets a removed server's cached state; {@link JdbiMonitorRepository} calls it after the
     * removal commits (wired in {@code Bot}).
     */
    public void forget(long monitorId) {
        states.remove(monitorId);
        writer.forget(monitorId);
    }

    @Override
    public Optional<MonitorState> state(long monitorId) {
        MonitorState cached = states.get(monitorId);
        if (cached != null) {
            return Optional.of(cached);
        }
        if (!preloaded) {
            // One query for every server instead of one per server on its first check after start.
            preload();
            cached = states.get(monitorId);
            if (cached != null) {
                return Optional.of(cached);
            }
        }
        // Never recorded by this process: the database has its latest state.
        Optional<MonitorState> read = db.jdbi().withExtension(StatusDao.class, dao -> dao.state(monitorId));
        return read.map(s -> {
            MonitorState raced = states.putIfAbsent(monitorId, s);
            return raced == null ? s : raced;
        });
    }

    private synchronized void preload() {
        if (preloaded) {
            return;
        }
        for (Rows.StateRow row : db.jdbi().withExtension(StatusDao.class, StatusDao::allStates)) {
            // A state recorded meanwhile is newer than the row: keep it.
            states.putIfAbsent(row.monitorId(), row.state());
        }
        preloaded = true;
    }

    @Override
    public Map<Long, MonitorState> allStates() {
        flush();
        List<Rows.StateRow> rows = db.jdbi().withExtension(StatusDao.class, StatusDao::allStates);
        Map<Long, MonitorState> out = new HashMap<>(rows.size() * 2);
        for (Rows.StateRow row : rows) {
            out.put(row.monitorId(), row.state());
        }
        return out;
    }

    @Override
    public StatusChange record(long monitorId, ProbeResult result, MonitorState newState, StatusChange change) {
        return StatusWriter.await(recordAsync(monitorId, result, newState, change));
    }

    @Override
    public CompletableFuture<StatusChange> recordAsync(
            long monitorId, ProbeResult result, MonitorState newState, StatusChange change) {
        states.put(monitorId, newState);
        return writer.submit(monitorId, result, newState, change);
    }

    @Override
    public List<ProbeResult> recentResults(long monitorId, int limit) {
        flush();
        int capped = Math.max(0, Math.min(limit, KEPT_RESULTS));
        return db.jdbi().withExtension(StatusDao.class, dao -> dao.recentResults(monitorId, capped));
    }

    /** Waits until everything recorded before this call is written. */
    public void flush() {
        writer.flush();
    }

    /** The rollups the writer counts every saved result in ({@link JdbiHistoryRepository} reads them). */
    RollupWriter rollups() {
        return writer.rollups();
    }

    /** Writes what is queued and ends the writer thread; later records are written on the caller's thread. */
    @Override
    public void close() {
        writer.close();
    }
}
