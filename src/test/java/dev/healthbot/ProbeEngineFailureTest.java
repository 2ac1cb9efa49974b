package dev.healthbot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.healthbot.monitor.CheckResult;
import dev.healthbot.monitor.CheckRunner;
import dev.healthbot.monitor.Environment;
import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.MonitorSettings;
import dev.healthbot.monitor.MonitorState;
import dev.healthbot.monitor.Origin;
import dev.healthbot.monitor.Probe;
import dev.healthbot.monitor.ProbeResult;
import dev.healthbot.monitor.ProbeSpec;
import dev.healthbot.monitor.StatusChange;
import dev.healthbot.monitor.StatusCodes;
import dev.healthbot.monitor.StatusListener;
import dev.healthbot.monitor.StatusRepository;
import dev.healthbot.monitor.Target;
import dev.healthbot.monitor.Thresholds;
import dev.healthbot.schedule.QuartzMonitorScheduler;
import dev.healthbot.store.Database;
import dev.healthbot.store.JdbiMonitorRepository;
import dev.healthbot.store.JdbiStatusRepository;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe engine (Quartz, CheckRunner, a real SQLite store) survives a check that throws: it is
 * logged with the server's id, that server is checked again on its next tick, the others go on.
 */
class ProbeEngineFailureTest {

    static final Duration TICK = Duration.ofMillis(200);
    static final Duration WAIT = Duration.ofSeconds(15);

    /** A probe that answers UP at once, except for the failures queued for a server. */
    static final class ScriptedProbe implements Probe {
        final Map<String, ConcurrentLinkedQueue<Throwable>> failures = new ConcurrentHashMap<>();
        final AtomicInteger thrown = new AtomicInteger();

        void failNext(Monitor m, Throwable t) {
            failures.computeIfAbsent(m.settings().target().masked(), k -> new ConcurrentLinkedQueue<>())
                    .add(t);
        }

        @Override
        public CompletableFuture<ProbeResult> probe(ProbeSpec spec) {
            var queue = failures.get(spec.target().masked());
            Throwable t = queue == null ? null : queue.poll();
            if (t instanceof RuntimeException e) {
                thrown.incrementAndGet();
                throw e;
            }
            if (t instanceof Error e) {
                thrown.incrementAndGet();
                throw e;
            }
            return CompletableFuture.completedFuture(ProbeResult.up(Instant.now(), Duration.ofMillis(1), "HTTP 200"));
        }
    }

    /** The real store, with failures queued per server for {@link #record}. */
    static final class FlakyStatusRepository implements StatusRepository {
        final StatusRepository real;
        final Map<Long, ConcurrentLinkedQueue<Throwable>> failures = new ConcurrentHashMap<>();
        final AtomicInteger thrown = new AtomicInteger();

        FlakyStatusRepository(StatusRepository real) {
            this.real = real;
        }

        void failNextRecord(long monitorId, Throwable t) {
            failures.computeIfAbsent(monitorId, k -> new ConcurrentLinkedQueue<>())
                    .add(t);
        }

        @Override
        public Optional<MonitorState> state(long monitorId) {
            return real.state(monitorId);
        }

        @Override
        public Map<Long, MonitorState> allStates() {
            return real.allStates();
        }

        @Override
        public StatusChange record(long monitorId, ProbeResult result, MonitorState newState, StatusChange change) {
            var queue = failures.get(monitorId);
            Throwable t = queue == null ? null : queue.poll();
            if (t instanceof RuntimeException e) {
                thrown.incrementAndGet();
                throw e;
            }
            if (t instanceof Error e) {
                thrown.incrementAndGet();
                throw e;
            }
            return real.record(monitorId, result, newState, change);
        }

        @Override
        public List<ProbeResult> recentResults(long monitorId, int limit) {
            return real.recentResults(monitorId, limit);
        }
    }

    @TempDir
    Path dir;

    Database db;
    JdbiMonitorRepository monitors;
    FlakyStatusRepository status;
    ScriptedProbe probe;
    QuartzMonitorScheduler scheduler;
    CheckRunner runner;
    LoggerLines log;

    @BeforeEach
    void setUp() {
        db = Database.open(dir.resolve("engine.db"));
        JdbiStatusRepository saved = new JdbiStatusRepository(db);
        monitors = new JdbiMonitorRepository(db, saved::forget);
        status = new FlakyStatusRepository(saved);
        probe = new ScriptedProbe();
        log = LoggerLines.of(CheckRunner.class);
        scheduler = new QuartzMonitorScheduler();
        runner = new CheckRunner(monitors, status, probe, scheduler, StatusListener.NONE, InstantSource.system());
    }

    @AfterEach
    void tearDown() {
        scheduler.close();
        log.close();
        db.close();
    }

    Monitor server(String name) {
        MonitorSettings s = new MonitorSettings(
                name,
                Target.parse("http://127.0.0.1:9/" + name),
                Environment.LIVE,
                TICK, // below the users' 1 s minimum: only to keep this test short
                Duration.ofSeconds(1),
                StatusCodes.DEFAULT,
                new Thresholds(1, 1),
                true);
        Monitor m = monitors.add(s, Origin.SLACK, "test", Instant.now());
        scheduler.schedule(m, Duration.ZERO);
        return m;
    }

    int results(Monitor m) {
        return status.recentResults(m.id(), StatusRepository.KEPT_RESULTS).size();
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT + ": " + what);
            }
            LockSupport.parkNanos(20_000_000);
        }
    }

    long failedChecksLogged(Monitor m) {
        return log.lines().stream()
                .filter(l -> l.startsWith("ERROR check failed monitor=" + m.id() + " "))
                .count();
    }

    @Test
    void aStoreThatThrowsForOneServerIsLoggedAndThatServerIsCheckedAgainOnItsNextTick() {
        Monitor a = server("a");
        Monitor b = server("b");
        status.failNextRecord(a.id(), new IllegalStateException("disk I/O error"));
        status.failNextRecord(a.id(), new OutOfMemoryError("simulated"));

        scheduler.start(runner::run);

        await("both failures thrown", () -> status.thrown.get() == 2);
        int aAfter = results(a);
        int bAfter = results(b);
        await("a checked 3 more times", () -> results(a) >= aAfter + 3);
        await("b checked 3 more times", () -> results(b) >= bAfter + 3);
        assertThat(failedChecksLogged(a)).isEqualTo(2);
        assertThat(failedChecksLogged(b)).isZero();
        assertThat(log.lines())
                .filteredOn(l -> l.contains("check failed"))
                .allMatch(l -> l.contains("error=java.lang.") && !l.contains("disk I/O"));
    }

    @Test
    void aProbeThatThrowsForOneServerIsLoggedAndThatServerIsCheckedAgainOnItsNextTick() {
        Monitor a = server("a");
        Monitor b = server("b");
        probe.failNext(a, new IllegalArgumentException("bad spec"));
        probe.failNext(a, new StackOverflowError());

        scheduler.start(runner::run);

        await("both failures thrown", () -> probe.thrown.get() == 2);
        int aAfter = results(a);
        int bAfter = results(b);
        await("a checked 3 more times", () -> results(a) >= aAfter + 3);
        await("b checked 3 more times", () -> results(b) >= bAfter + 3);
        assertThat(failedChecksLogged(a)).isEqualTo(2);
        assertThat(failedChecksLogged(b)).isZero();
    }

    @Test
    void aFailedCheckDoesNotLeaveTheServerMarkedAsRunning() throws Exception {
        Monitor a = server("a");
        scheduler.unschedule(a.id());
        status.failNextRecord(a.id(), new AssertionError("bug"));

        CompletableFuture<CheckResult> failed = runner.run(a.id());
        assertThat(failed).failsWithin(WAIT);

        // A new check runs (it does not join the failed one) and is saved.
        CheckResult second = runner.run(a.id()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(second).isInstanceOf(CheckResult.Checked.class);
        assertThat(results(a)).isEqualTo(1);
    }
}
