package dev.healthbot.store;

import static dev.healthbot.store.Servers.T0;
import static dev.healthbot.store.Servers.settings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.MonitorState;
import dev.healthbot.monitor.Origin;
import dev.healthbot.monitor.ProbeResult;
import dev.healthbot.monitor.Status;
import dev.healthbot.monitor.StatusChange;
import dev.healthbot.monitor.StatusMachine;
import dev.healthbot.monitor.StatusRepository;
import dev.healthbot.monitor.Thresholds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbiStatusRepositoryTest {

    @RegisterExtension
    final SqliteStore store = new SqliteStore();

    @Test
    void theWriterHandsItsConnectionBackWithGeneratedKeysOn() throws Exception {
        Monitor api = store.monitors.add(settings("api"), Origin.SLACK, "U1", T0);
        ProbeResult down = Servers.down(T0.plusSeconds(1));
        StatusMachine.Step step = StatusMachine.next(api.id(), MonitorState.pending(T0), down, new Thresholds(1, 1));
        // The writer turns the driver's generated keys off for its batch (the change's id comes back anyway).
        assertThat(store.status
                        .record(api.id(), down, step.state(), step.change())
                        .id())
                .isPositive();

        // The pool lends the most recently returned connection first: the writer's.
        boolean keys = store.db.jdbi().<Boolean, java.sql.SQLException>withHandle(h -> h.getConnection()
                .unwrap(org.sqlite.SQLiteConnection.class)
                .getConnectionConfig()
                .isGetGeneratedKeys());
        assertThat(keys).isTrue();
        Monitor web = store.monitors.add(settings("web"), Origin.SLACK, "U1", T0);
        assertThat(web.id()).isGreaterThan(api.id());
    }

    @Test
    void flipsAreWrittenToTheAlertOutboxInOrder() {
        Monitor api = store.monitors.add(settings("api"), Origin.SLACK, "U1", T0);
        MonitorState state = MonitorState.pending(T0);
        List<StatusChange> saved = new ArrayList<>();
        // PENDING -> DOWN after three failures, then DOWN -> UP after two successes.
        for (int i = 1; i <= 5; i++) {
            ProbeResult r = i <= 3 ? Servers.down(T0.plusSeconds(i)) : Servers.up(T0.plusSeconds(i));
            StatusMachine.Step step = StatusMachine.next(api.id(), state, r, Thresholds.DEFAULT);
            StatusChange change = store.status.record(api.id(), r, step.state(), step.change());
            if (change != null) {
                saved.add(change);
            }
            state = step.state();
        }

        assertThat(saved).hasSize(2);
        assertThat(outbox(10)).containsExactlyElementsOf(saved);
        assertThat(outbox(1)).containsExactly(saved.get(0));
    }

    @Test
    void prunedResultsAreDeletedFromTheFileEveryFewRecords() {
        Monitor api = store.monitors.add(settings("api"), Origin.SLACK, "U1", T0);
        int n = StatusRepository.KEPT_RESULTS + 50;
        for (int i = 0; i < n; i++) {
            ProbeResult r = Servers.up(T0.plusMillis(i));
            store.status.record(api.id(), r, new MonitorState(Status.UP, T0, 0, i + 1, r), null);
        }
        store.status.flush();

        int stored = store.db.jdbi().withHandle(h -> h.createQuery(
                        "SELECT count(*) FROM probe_results WHERE monitor_id = ?")
                .bind(0, api.id())
                .mapTo(Integer.class)
                .one());
        assertThat(stored)
                .isBetween(StatusRepository.KEPT_RESULTS, StatusRepository.KEPT_RESULTS + StatusBatch.PRUNE_EVERY - 1);
    }

    @Test
    void recordingForARemovedServerWritesNoRow() {
        Monitor api = store.monitors.add(settings("api"), Origin.SLACK, "U1", T0);
        store.monitors.remove(api.id(), "U1", T0);
        ProbeResult down = Servers.down(T0.plusSeconds(1));
        StatusChange change =
                new StatusChange(0, api.id(), Status.PENDING, Status.DOWN, down.at(), down.failure(), "x", 3, null);

        StatusChange saved =
                store.status.record(api.id(), down, new MonitorState(Status.DOWN, down.at(), 3, 0, down), change);

        assertThat(saved).isNull();
        assertThat(outbox(10)).isEmpty();
        int rows = store.db.jdbi().withHandle(h -> h.createQuery(
                        "SELECT (SELECT count(*) FROM probe_results) + (SELECT count(*) FROM monitor_state)")
                .mapTo(Integer.class)
                .one());
        assertThat(rows).isZero();
    }

    @Test
    void eightThreadsRecordingAtOnceAllSucceed() throws Exception {
        int threads = 8;
        int perThread = 200;
        List<Monitor> servers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            servers.add(store.monitors.add(settings("server-" + t), Origin.SLACK, "U1", T0));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> done = new ArrayList<>();
            for (Monitor m : servers) {
                done.add(pool.submit(() -> {
                    go.await();
                    int changes = 0;
                    MonitorState state = MonitorState.pending(T0);
                    for (int i = 0; i < perThread; i++) {
                        // Alternate a failure run and a success run so that flips are recorded too.
                        Instant at = T0.plusMillis(i);
                        ProbeResult r = (i / 4) % 2 == 0 ? Servers.down(at) : Servers.up(at);
                        StatusMachine.Step step = StatusMachine.next(m.id(), state, r, new Thresholds(2, 2));
                        if (store.status.record(m.id(), r, step.state(), step.change()) != null) {
                            changes++;
                        }
                        // Reads run alongside the writes.
                        assertThat(store.status.state(m.id())).contains(step.state());
                        state = step.state();
                    }
                    return changes;
                }));
            }
            go.countDown();
            int changes = 0;
            for (Future<Integer> f : done) {
                changes += f.get(60, TimeUnit.SECONDS);
            }
            assertThat(changes).isPositive();
            assertThat(outbox(100_000)).hasSize(changes);
            for (Monitor m : servers) {
                assertThat(store.status.recentResults(m.id(), 1000)).hasSize(StatusRepository.KEPT_RESULTS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void writesOutsideTheWriteLockWaitForTheBusyTimeoutInsteadOfFailing() throws Exception {
        Monitor api = store.monitors.add(settings("api"), Origin.SLACK, "U1", T0);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        int n = i;
                        store.db
                                .jdbi()
                                .useTransaction(h -> h.execute(
                                        "INSERT INTO audit_log (at, actor, action, subject, detail) VALUES (?, ?, 'test', ?, '')",
                                        n,
                                        "T" + thread,
                                        "monitor:" + api.id()));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
            int rows = store.db.jdbi().withHandle(h -> h.createQuery(
                            "SELECT count(*) FROM audit_log WHERE action = 'test'")
                    .mapTo(Integer.class)
                    .one());
            assertThat(rows).isEqualTo(400);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The recorded changes not yet dispatched: the alert outbox, which reads what the writer wrote. */
    private List<StatusChange> outbox(int limit) {
        return new JdbiAlertRepository(store.db).pendingChanges(limit);
    }
}
