package dev.healthbot.monitor;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Finds heartbeats whose deadline passed: one thread looks at the head of the {@link DeadlineIndex}
 * every {@link #TICK} (an O(1) look when nothing is due, whatever the number of heartbeats) and hands
 * each due one to {@code missed}, so a missed deadline is found within a tick. Reading the injected
 * clock on each tick keeps it right when tests move that clock. Thread-safe; start once, close once.
 */
public final class SilenceWatch implements AutoCloseable {

    /** How often the head of the index is looked at: the most a missed deadline waits to be found. */
    public static final Duration TICK = Duration.ofMillis(100);

    /** How long a deadline whose handling failed (the database did not answer) waits to be tried again. */
    public static final Duration RETRY = Duration.ofSeconds(5);

    private static final System.Logger LOG = System.getLogger(SilenceWatch.class.getName());

    private final DeadlineIndex index;
    private final BiConsumer<Long, Instant> missed;
    private final InstantSource clock;
    private final ScheduledExecutorService timer;

    /** @param missed called with the server's id and its deadline (in production {@link HeartbeatService#missed}) */
    public SilenceWatch(DeadlineIndex index, BiConsumer<Long, Instant> missed, InstantSource clock) {
        this.index = index;
        this.missed = missed;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "healthbot-silence");
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::tick, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Handles every deadline due now; public for tests and benches that drive it without the thread. */
    public int tick() {
        List<DeadlineIndex.Due> due;
        try {
            due = index.takeDue(clock.instant());
        } catch (RuntimeException e) {
            LOG.log(
                    System.Logger.Level.ERROR,
                    "silence tick failed error=" + e.getClass().getName());
            return 0;
        }
        for (DeadlineIndex.Due d : due) {
            try {
                missed.accept(d.monitorId(), d.deadline());
            } catch (RuntimeException e) {
                // Not lost: tried again later (the database may be busy).
                later(d, e);
            }
        }
        return due.size();
    }

    private void later(DeadlineIndex.Due d, RuntimeException e) {
        LOG.log(
                System.Logger.Level.WARNING,
                "heartbeat missed failed monitor=" + d.monitorId() + " error="
                        + e.getClass().getName() + "; retried in " + RETRY.toSeconds() + " s");
        timer.schedule(() -> retry(d), RETRY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void retry(DeadlineIndex.Due d) {
        // A ping since puts a new deadline in the index: then this one is moot.
        if (index.deadline(d.monitorId()).isEmpty()) {
            try {
                missed.accept(d.monitorId(), d.deadline());
            } catch (RuntimeException e) {
                later(d, e);
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
