package dev.healthbot.monitor;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Use case: run one check of one server, feed the result to the state machine and save it. A
 * server's checks never overlap: a check asked for while one runs joins the running one.
 * Thread-safe; called by the scheduler's jobs and by "check now".
 */
public final class CheckRunner {

    /** The quick re-check while a verdict is forming. */
    public static final Duration RECHECK = Duration.ofSeconds(1);

    private static final System.Logger LOG = System.getLogger(CheckRunner.class.getName());

    private final MonitorRepository monitors;
    private final StatusRepository status;
    private final Probe probe;
    private final MonitorScheduler scheduler;
    private final StatusListener listener;
    private final InstantSource clock;
    private final ConcurrentMap<Long, CompletableFuture<CheckResult>> running = new ConcurrentHashMap<>();
    /** How many servers there are, kept by {@link MonitorService}: it sets the length of {@link Phase}'s runs. */
    private final AtomicInteger servers = new AtomicInteger();

    public CheckRunner(
            MonitorRepository monitors,
            StatusRepository status,
            Probe probe,
            MonitorScheduler scheduler,
            StatusListener listener,
            InstantSource clock) {
        this.monitors = monitors;
        this.status = status;
        this.probe = probe;
        this.scheduler = scheduler;
        this.listener = listener;
        this.clock = clock;
    }

    /** Checks the server now, or joins the check already running; {@link CheckResult#NOT_FOUND} when the server is gone. */
    public CompletableFuture<CheckResult> run(long monitorId) {
        CompletableFuture<CheckResult> mine = new CompletableFuture<>();
        CompletableFuture<CheckResult> existing = running.putIfAbsent(monitorId, mine);
        if (existing != null) {
            return existing;
        }
        try {
            Optional<Monitor> monitor = monitors.findById(monitorId);
            if (monitor.isEmpty()) {
                finish(monitorId, mine, CheckResult.NOT_FOUND);
                return mine;
            }
            Monitor m = monitor.get();
            if (m.settings().heartbeat()) {
                // Pinged, not probed: "check now" shows what the last ping said.
                finish(
                        monitorId,
                        mine,
                        status.state(monitorId)
                                .<CheckResult>map(s -> new CheckResult.Checked(m, s.last(), s, null))
                                .orElse(CheckResult.NOT_FOUND));
                return mine;
            }
            probe.probe(m.settings().probeSpec()).whenComplete((result, error) -> {
                try {
                    ProbeResult r = result != null
                            ? result
                            : ProbeResult.down(
                                    clock.instant(), Duration.ZERO, FailureKind.ERROR, "probe failed unexpectedly");
                    apply(m, r).whenComplete((outcome, failure) -> {
                        if (failure != null) {
                            fail(monitorId, mine, unwrap(failure));
                        } else {
                            finish(monitorId, mine, outcome);
                        }
                    });
                } catch (Throwable e) {
                    // Anything, even an Error: a check left running would block this server's checks for good.
                    fail(monitorId, mine, e);
                }
            });
        } catch (Throwable e) {
            fail(monitorId, mine, e);
        }
        return mine;
    }

    /**
     * Saves the result; a status change is announced once it is saved. The probe's thread is not held
     * while the change is written, so a burst of changes (every server's first check) waits in the
     * writer's queue rather than in a crowd of blocked threads.
     */
    private CompletableFuture<CheckResult> apply(Monitor m, ProbeResult r) {
        MonitorState before = status.state(m.id()).orElse(null);
        if (before == null) {
            return CompletableFuture.completedFuture(CheckResult.NOT_FOUND);
        }
        StatusMachine.Step step =
                StatusMachine.next(m.id(), before, r, m.settings().thresholds());
        return status.recordAsync(m.id(), r, step.state(), step.change())
                .thenApply(saved -> afterSave(m, r, before, step, saved));
    }

    private CheckResult afterSave(
            Monitor m, ProbeResult r, MonitorState before, StatusMachine.Step step, StatusChange saved) {
        // Re-checks while a verdict forms, and a new server's first check, move the server off its
        // slot; once that is over its checks go back to it (a rare event, not every check).
        boolean offSlot = before.unsettled() || before.last() == null;
        if (step.state().unsettled() || offSlot) {
            Duration next = step.state().unsettled() ? RECHECK : slot(m);
            try {
                scheduler.checkAgainIn(m.id(), next);
            } catch (RuntimeException e) {
                // The result is saved; the next regular tick checks again, only later than a re-check.
                LOG.log(
                        System.Logger.Level.WARNING,
                        "check-again failed monitor=" + m.id() + " error="
                                + e.getClass().getName() + "; the interval goes on");
            }
        }
        if (!java.util.Objects.equals(before.certNotAfter(), step.state().certNotAfter())) {
            try {
                listener.certificateSeen(m.id());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "certificate listener failed monitor=" + m.name(), e);
            }
        }
        if (saved != null) {
            try {
                listener.changed(saved);
            } catch (RuntimeException e) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "status listener failed monitor=" + m.name() + "; the change is saved",
                        e);
            }
        }
        return new CheckResult.Checked(m, r, step.state(), saved);
    }

    /** The server's next slot, at least a re-check's delay away (no second check right after this one). */
    private Duration slot(Monitor m) {
        Duration next = Phase.untilNext(m.id(), m.settings().interval(), run(), clock.instant());
        return next.compareTo(RECHECK) < 0 ? next.plus(m.settings().interval()) : next;
    }

    /** The length of {@link Phase}'s runs for today's number of servers. */
    int run() {
        return Phase.run(servers.get());
    }

    /** Sets, or moves by {@code delta} when {@code absolute} is false, the number of servers. */
    void servers(int n, boolean absolute) {
        if (absolute) {
            servers.set(n);
        } else {
            servers.addAndGet(n);
        }
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    private void finish(long id, CompletableFuture<CheckResult> f, CheckResult value) {
        running.remove(id, f);
        f.complete(value);
    }

    private void fail(long id, CompletableFuture<CheckResult> f, Throwable e) {
        running.remove(id, f);
        // Nothing is saved for this check; the server's next tick checks it again.
        // The class and the throwing frame, not the message: a message may quote the target URL and its credentials.
        StackTraceElement[] at = e.getStackTrace();
        LOG.log(
                System.Logger.Level.ERROR,
                "check failed monitor=" + id + " error=" + e.getClass().getName()
                        + (at.length == 0 ? "" : " at=" + at[0]) + "; retried on the next tick");
        f.completeExceptionally(e);
    }
}
