package dev.healthbot.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.healthbot.store.Database;
import dev.healthbot.store.JdbiMonitorRepository;
import dev.healthbot.store.JdbiStatusRepository;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One check: probe, state machine, save, re-check and notify; against the real SQLite store. */
class CheckRunnerTest {

    /** A probe whose answers the test gives by hand. */
    static final class ManualProbe implements Probe {
        final List<CompletableFuture<ProbeResult>> calls = new CopyOnWriteArrayList<>();

        @Override
        public CompletableFuture<ProbeResult> probe(ProbeSpec spec) {
            CompletableFuture<ProbeResult> f = new CompletableFuture<>();
            calls.add(f);
            return f;
        }
    }

    /** Records what the runner asks of the scheduler. */
    static final class RecordingScheduler implements MonitorScheduler {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public void start(java.util.function.LongConsumer runCheck) {
            calls.add("start");
        }

        @Override
        public void schedule(Monitor monitor, Duration firstDelay) {
            calls.add("schedule " + monitor.id());
        }

        @Override
        public void checkAgainIn(long monitorId, Duration delay) {
            calls.add("again " + monitorId + " " + delay.toMillis());
        }

        @Override
        public void unschedule(long monitorId) {
            calls.add("unschedule " + monitorId);
        }
    }

    @TempDir
    Path dir;

    Database db;
    JdbiMonitorRepository monitors;
    JdbiStatusRepository status;
    ManualProbe probe = new ManualProbe();
    RecordingScheduler scheduler = new RecordingScheduler();
    List<StatusChange> heard = new CopyOnWriteArrayList<>();
    CheckRunner runner;
    Monitor api;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("t.db"));
        status = new JdbiStatusRepository(db);
        monitors = new JdbiMonitorRepository(db, status::forget);
        runner = new CheckRunner(monitors, status, probe, scheduler, heard::add, InstantSource.system());
        MonitorSettings s = MonitorValidator.validate(
                        new MonitorDraft("api", "http://127.0.0.1:9/", null, null, null, null, "2", "1", null))
                .settings();
        api = monitors.add(s, Origin.SLACK, "U1", Instant.now());
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static ProbeResult down() {
        return ProbeResult.down(Instant.now(), Duration.ofMillis(3), FailureKind.REFUSED, "connection refused");
    }

    @Test
    void aCheckAskedForWhileOneRunsJoinsItInsteadOfProbingTwice() throws Exception {
        var first = runner.run(api.id());
        var second = runner.run(api.id());
        assertThat(probe.calls).hasSize(1);
        probe.calls.get(0).complete(ProbeResult.up(Instant.now(), Duration.ofMillis(2), "HTTP 200 OK"));
        assertThat(checked(first).state().status()).isEqualTo(Status.UP);
        assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo(first.get());
        runner.run(api.id());
        assertThat(probe.calls).as("a new check after the first finished").hasSize(2);
    }

    @Test
    void aFailingServerIsRecheckedAfterOneSecondAndItsFlipIsSavedAndHeard() throws Exception {
        runner.run(api.id());
        probe.calls.get(0).complete(down());
        await(() -> scheduler.calls.contains("again " + api.id() + " 1000"));
        assertThat(status.state(api.id()).orElseThrow().status()).isEqualTo(Status.PENDING);
        assertThat(heard).isEmpty();

        var second = runner.run(api.id());
        probe.calls.get(1).complete(down());
        var outcome = checked(second);
        assertThat(outcome.state().status()).isEqualTo(Status.DOWN);
        assertThat(outcome.change().id()).isPositive();
        assertThat(heard).extracting(StatusChange::to).containsExactly(Status.DOWN);
        assertThat(status.state(api.id()).orElseThrow().status()).isEqualTo(Status.DOWN);
        assertThat(status.recentResults(api.id(), 10)).hasSize(2);
    }

    @Test
    void aServerRemovedWhileItsProbeRunsIsNotResurrected() throws Exception {
        var running = runner.run(api.id());
        monitors.remove(api.id(), "U1", Instant.now());
        probe.calls.get(0).complete(down());
        assertThat(running.get(5, TimeUnit.SECONDS)).isEqualTo(CheckResult.NOT_FOUND);
        assertThat(status.state(api.id())).isEmpty();
        assertThat(runner.run(api.id()).get(5, TimeUnit.SECONDS)).isEqualTo(CheckResult.NOT_FOUND);
    }

    @Test
    void aProbeThatFailsExceptionallyStillGivesADownResult() throws Exception {
        var running = runner.run(api.id());
        probe.calls.get(0).completeExceptionally(new IllegalStateException("boom"));
        var outcome = checked(running);
        assertThat(outcome.result().failure()).isEqualTo(FailureKind.ERROR);
    }

    private static CheckResult.Checked checked(java.util.concurrent.Future<CheckResult> f) throws Exception {
        return (CheckResult.Checked) f.get(5, TimeUnit.SECONDS);
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 5 s").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    @Test
    void afterItsFirstCheckAServerGoesOnItsSlotAndThenStaysThere() throws Exception {
        var first = runner.run(api.id());
        probe.calls.get(0).complete(ProbeResult.up(Instant.now(), Duration.ofMillis(2), "HTTP 200 OK"));
        checked(first);
        long interval = api.settings().interval().toMillis();
        assertThat(scheduler.calls).hasSize(1);
        String[] again = scheduler.calls.get(0).split(" ");
        assertThat(again[0] + " " + again[1]).isEqualTo("again " + api.id());
        long delay = Long.parseLong(again[2]);
        assertThat(delay).isBetween(1000L, interval + 1000L);
        // lands on the slot: the server's offset within its interval, on the wall clock
        long landing = Math.floorMod(
                System.currentTimeMillis()
                        + delay
                        - Phase.offsetMs(api.id(), api.settings().interval()),
                interval);
        assertThat(Math.min(landing, interval - landing)).isLessThan(2_000L);

        var second = runner.run(api.id());
        probe.calls.get(1).complete(ProbeResult.up(Instant.now(), Duration.ofMillis(2), "HTTP 200 OK"));
        checked(second);
        assertThat(scheduler.calls)
                .as("a settled server's checks are not moved again")
                .hasSize(1);
    }
}
