package dev.healthbot.store;

import dev.healthbot.monitor.MonitorState;
import dev.healthbot.monitor.ProbeResult;
import dev.healthbot.monitor.StatusChange;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status write-behind, with group commit: results are queued and one writer thread saves
 * whatever is queued in one transaction ({@link StatusBatch}), so 1,000 checks a second cost a few
 * transactions, not a thousand. A result that carries a status change is written at once and its
 * future completes when it is saved; an ordinary result is gathered for {@link #LINGER}. A crash can
 * lose at most that batch of ordinary results, never a status change. Thread-safe; {@link #close()}
 * writes what is queued and ends the writer thread. Used by {@link JdbiStatusRepository}.
 */
final class StatusWriter implements AutoCloseable {

    /** The most results one transaction writes; more are left for the next one. */
    static final int MAX_BATCH = 2_000;

    /**
     * How long the writer gathers ordinary results before it writes them: the pages a batch touches
     * (the tail of probe_results, its index, monitor_state) are written once per batch, not once per
     * result. Anything somebody waits for (a status change, a flush) is written at once.
     */
    static final Duration LINGER = Duration.ofMillis(50);

    private static final Logger LOG = LoggerFactory.getLogger(StatusWriter.class);
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final Database db;
    private final LongConsumer gone;
    private final StatusBatch batches = new StatusBatch();
    private final RollupWriter rollups;
    private final BlockingQueue<PendingWrite> queue = new LinkedBlockingQueue<>();
    private final Object lifecycle = new Object();
    private Thread writer;
    private volatile boolean closed;

    /** @param gone told the id of a server whose result found it removed (nothing is written for it) */
    StatusWriter(Database db, LongConsumer gone) {
        this.db = db;
        this.gone = gone;
        this.rollups = new RollupWriter(db);
    }

    /** The rollups every saved result is counted in. */
    RollupWriter rollups() {
        return rollups;
    }

    /**
     * Queues the result; the future completes with the saved change (with its id) once written, at
     * once with null when {@code change} is null.
     */
    CompletableFuture<StatusChange> submit(
            long monitorId, ProbeResult result, MonitorState newState, StatusChange change) {
        CompletableFuture<StatusChange> done =
                change == null ? CompletableFuture.completedFuture(null) : new CompletableFuture<>();
        PendingWrite p = new PendingWrite(monitorId, result, newState, change, change == null ? null : done);
        if (!enqueue(p)) {
            // Closed: no writer any more, so write it here.
            writeNow(List.of(p));
        }
        return done;
    }

    /** Forgets a removed server's prune count. */
    void forget(long monitorId) {
        batches.forget(monitorId);
        rollups.forget(monitorId);
    }

    /** Waits until everything recorded before this call is written. */
    void flush() {
        PendingWrite marker = PendingWrite.marker();
        if (enqueue(marker)) {
            await(marker.done());
        }
    }

    /** Writes what is queued and ends the writer thread; later writes are made on the caller's thread. */
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
        rollups.flush();
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
            List<StatusChange> saved = db.write(h -> batches.write(h, batch, gone));
            countInRollups(batch);
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

    /** Rollups never fail a status write: a failure there is logged and the results stay saved. */
    private void countInRollups(List<PendingWrite> batch) {
        try {
            rollups.record(batch);
        } catch (RuntimeException e) {
            LOG.warn("rollup count failed size={} error={}", batch.size(), e.toString());
        }
    }

    static <T> T await(CompletableFuture<T> f) {
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
