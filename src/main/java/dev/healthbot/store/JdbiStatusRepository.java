package dev.healthbot.store;

import dev.healthbot.monitor.MonitorState;
import dev.healthbot.monitor.ProbeResult;
import dev.healthbot.monitor.StatusChange;
import dev.healthbot.monitor.StatusRepository;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link StatusRepository} and {@link StatusChangeLog} over SQLite, with group commit: results are
 * queued and one writer thread saves whatever is queued in one transaction, so 1,000 checks a second
 * cost a few transactions, not a thousand. Each server's state is kept in memory too (the database
 * stays the source of truth at start), so a check reads nothing from SQLite.
 *
 * <p>Durability: a result that flips the status is recorded, with its status change, before {@link
 * #record} returns, so nothing is announced that is not saved. An ordinary result returns at once
 * and is saved with the next batch, within {@link #LINGER} and a write; a crash can lose at most that
 * batch of ordinary results (a server's last check and a failure count, under 0.1 s old), never a
 * status change.
 * Reads that go to the database ({@link #recentResults}, {@link #allStates}) wait for the queue to be
 * written first. Thread-safe; {@link #close()} writes what is queued and ends the writer thread.
 */
public final class JdbiStatusRepository implements StatusRepository, StatusChangeLog, AutoCloseable {

    /** The most results one transaction writes; more are left for the next one. */
    static final int MAX_BATCH = 2_000;

    /**
     * How long the writer gathers ordinary results before it writes them: the pages a batch touches
     * (the tail of probe_results, its index, monitor_state) are written once per batch, not once per
     * result. Anything somebody waits for (a status change, a flush) is written at once.
     */
    static final Duration LINGER = Duration.ofMillis(50);

    private static final Logger LOG = LoggerFactory.getLogger(JdbiStatusRepository.class);
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final Database db;
    private final StatusBatch batches = new StatusBatch();
    private final ConcurrentMap<Long, MonitorState> states = new ConcurrentHashMap<>();
    private final BlockingQueue<PendingWrite> queue = new LinkedBlockingQueue<>();
    private final Object lifecycle = new Object();
    private Thread writer;
    private volatile boolean closed;
    private volatile boolean preloaded;

    public JdbiStatusRepository(Database db) {
        this.db = db;
        db.onMonitorRemoved(id -> {
            states.remove(id);
            batches.forget(id);
        });
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
        return await(recordAsync(monitorId, result, newState, change));
    }

    @Override
    public CompletableFuture<StatusChange> recordAsync(
            long monitorId, ProbeResult result, MonitorState newState, StatusChange change) {
        CompletableFuture<StatusChange> done =
                change == null ? CompletableFuture.completedFuture(null) : new CompletableFuture<>();
        PendingWrite p = new PendingWrite(monitorId, result, newState, change, change == null ? null : done);
        states.put(monitorId, newState);
        if (!enqueue(p)) {
            // Closed: no writer any more, so write it here.
            writeNow(List.of(p));
        }
        return done;
    }

    @Override
    public List<ProbeResult> recentResults(long monitorId, int limit) {
        flush();
        int capped = Math.max(0, Math.min(limit, KEPT_RESULTS));
        return db.jdbi().withExtension(StatusDao.class, dao -> dao.recentResults(monitorId, capped));
    }

    @Override
    public List<StatusChange> changesSince(long afterId, int limit) {
        // Changes are written before record returns: nothing queued can be one.
        return db.jdbi().withExtension(StatusDao.class, dao -> dao.changesSince(afterId, limit));
    }

    @Override
    public Optional<String> monitorName(long changeId) {
        return db.jdbi().withExtension(StatusDao.class, dao -> dao.changeMonitorName(changeId));
    }

    /** Waits until everything recorded before this call is written. */
    public void flush() {
        PendingWrite marker = PendingWrite.marker();
        if (enqueue(marker)) {
            await(marker.done());
        }
    }

    /** Writes what is queued and ends the writer thread; later records are written on the caller's thread. */
    @Override
    public void close() {
        Thread t;
        synchronized (lifecycle) {
            closed = true;
            t = writer;
        }
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<PendingWrite> left = new ArrayList<>();
        queue.drainTo(left);
        if (!left.isEmpty()) {
            writeNow(left);
        }
    }

    private boolean enqueue(PendingWrite p) {
        synchronized (lifecycle) {
            if (closed) {
                return false;
            }
            queue.add(p);
            if (writer == null) {
                writer = new Thread(this::writeLoop, "healthbot-status-writer");
                writer.setDaemon(true);
                writer.start();
            } else if (p.done() != null) {
                // Somebody waits for this one: end the writer's linger now. Ordinary results do not
                // wake it; it gathers them for LINGER, which saves a thread wake-up per result.
                LockSupport.unpark(writer);
            }
            return true;
        }
    }

    private void writeLoop() {
        List<PendingWrite> batch = new ArrayList<>();
        while (true) {
            try {
                PendingWrite first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closed) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                gather(batch);
                writeNow(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                // writeNow reports per item; this is a bug: keep the writer alive.
                LOG.error("status writer failed error={}", e.toString(), e);
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * Adds to the batch what arrives within {@link #LINGER}, or until something is waited for: the
     * writer sleeps through the linger and is woken early only by a result somebody waits for (or by
     * {@link #close()}), then takes everything queued.
     */
    private void gather(List<PendingWrite> batch) throws InterruptedException {
        long until = System.nanoTime() + LINGER.toNanos();
        boolean waitedFor = batch.get(0).done() != null;
        while (!waitedFor && !closed && batch.size() < MAX_BATCH) {
            int from = batch.size();
            queue.drainTo(batch, MAX_BATCH - from);
            for (int i = from; i < batch.size(); i++) {
                waitedFor |= batch.get(i).done() != null;
            }
            long left = until - System.nanoTime();
            if (waitedFor || left <= 0 || batch.size() >= MAX_BATCH) {
                return;
            }
            // Returns early on unpark (or spuriously); the loop takes what is queued and goes on.
            LockSupport.parkNanos(this, left);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
        queue.drainTo(batch, MAX_BATCH - batch.size());
    }

    /**
     * Writes a batch in one transaction; if it fails, each item alone, so one bad item fails only
     * itself. Returns true when the batch as a whole was written.
     */
    private boolean writeNow(List<PendingWrite> batch) {
        try {
            List<StatusChange> saved = db.write(h -> batches.write(h, batch, states::remove));
            for (int i = 0; i < batch.size(); i++) {
                CompletableFuture<StatusChange> done = batch.get(i).done();
                if (done != null) {
                    done.complete(saved.get(i));
                }
            }
            return true;
        } catch (RuntimeException | SQLException e) {
            if (batch.size() == 1) {
                PendingWrite p = batch.get(0);
                if (p.done() != null) {
                    p.done().completeExceptionally(e);
                } else {
                    LOG.warn("status write failed monitorId={} error={}", p.monitorId(), e.toString());
                }
                return false;
            }
            LOG.warn("status batch failed size={} error={}; writing one by one", batch.size(), e.toString());
            for (PendingWrite p : batch) {
                writeNow(List.of(p));
            }
            return false;
        }
    }

    private static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while saving a status", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new CompletionException(cause);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the status writer did not answer within " + WAIT.toSeconds() + " s", e);
        }
    }
}
