package dev.healthbot.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Is the bot alive: the Socket Mode connection open, the scheduler firing, and the database
 * answering a write within {@link #WRITE_BOUND}. Concurrent checks share one database write in
 * flight, so a burst of probes never queues writes. Thread-safe; {@link #close()} ends its thread.
 */
public final class Liveness implements AutoCloseable {

    /** How long a database write may take before the database counts as not answering. */
    public static final Duration WRITE_BOUND = Duration.ofSeconds(2);

    /**
     * One check's findings.
     *
     * @param problems one short reason per failed part; empty when alive
     * @param databaseWrite how long the write took, when it answered
     */
    public record Report(boolean slack, boolean scheduler, Optional<Duration> databaseWrite, List<String> problems) {
        public boolean alive() {
            return problems.isEmpty();
        }
    }

    private final Vitals vitals;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "healthbot-liveness-write");
        t.setDaemon(true);
        return t;
    });
    private final AtomicReference<CompletableFuture<Duration>> inFlight = new AtomicReference<>();

    public Liveness(Vitals vitals) {
        this.vitals = vitals;
    }

    public Report check() {
        List<String> problems = new ArrayList<>();
        boolean slack = vitals.slackConnected().getAsBoolean();
        if (!slack) {
            problems.add("slack: the Socket Mode connection is not open");
        }
        boolean scheduler = vitals.schedulerRunning().getAsBoolean();
        if (!scheduler) {
            problems.add("scheduler: not running");
        }
        Optional<Duration> write = Optional.empty();
        try {
            write = Optional.of(awaitWrite());
        } catch (TimeoutException e) {
            problems.add("database: no answer to a write within " + WRITE_BOUND.toMillis() + " ms");
        } catch (ExecutionException e) {
            problems.add("database: a write failed (" + e.getCause().getClass().getSimpleName() + ")");
        }
        return new Report(slack, scheduler, write, List.copyOf(problems));
    }

    /** One database write (shared with any already in flight): its duration, or empty when it failed or took too long. */
    public Optional<Duration> databaseWrite() {
        try {
            return Optional.of(awaitWrite());
        } catch (TimeoutException | ExecutionException e) {
            return Optional.empty();
        }
    }

    private Duration awaitWrite() throws TimeoutException, ExecutionException {
        try {
            return write().get(WRITE_BOUND.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExecutionException(e);
        }
    }

    Vitals vitals() {
        return vitals;
    }

    private CompletableFuture<Duration> write() {
        while (true) {
            CompletableFuture<Duration> current = inFlight.get();
            if (current != null && !current.isDone()) {
                return current;
            }
            CompletableFuture<Duration> next = new CompletableFuture<>();
            if (inFlight.compareAndSet(current, next)) {
                try {
                    writer.execute(() -> {
                        try {
                            next.complete(vitals.databaseWrite().get());
                        } catch (RuntimeException e) {
                            next.completeExceptionally(e);
                        }
                    });
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    next.completeExceptionally(e);
                }
                return next;
            }
        }
    }

    @Override
    public void close() {
        writer.shutdownNow();
    }
}
