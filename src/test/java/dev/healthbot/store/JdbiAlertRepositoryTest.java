package dev.healthbot.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.healthbot.alert.AlertDispatcher;
import dev.healthbot.alert.AlertRepositoryContract;
import dev.healthbot.alert.Delivery;
import dev.healthbot.alert.DeliveryException;
import dev.healthbot.alert.DispatchPolicy;
import dev.healthbot.alert.FakeMonitorRepository;
import dev.healthbot.alert.Incident;
import dev.healthbot.alert.MutableClock;
import dev.healthbot.alert.PostRef;
import dev.healthbot.alert.RecordingNotifier;
import dev.healthbot.alert.RecordingNotifier.Call;
import dev.healthbot.alert.RecordingNotifier.Op;
import dev.healthbot.alert.Selector;
import dev.healthbot.monitor.Environment;
import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.MonitorState;
import dev.healthbot.monitor.Origin;
import dev.healthbot.monitor.ProbeResult;
import dev.healthbot.monitor.Status;
import dev.healthbot.monitor.StatusChange;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbiAlertRepositoryTest {

    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(T0);
    final RecordingNotifier slack = new RecordingNotifier(clock);
    final DispatchPolicy policy = DispatchPolicy.DEFAULT.withJitter(0);
    ExecutorService pool;

    @AfterEach
    void tearDown() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    Database open() {
        return Database.open(dir.resolve("healthbot.db"));
    }

    /** Records a flip the way a check does: state and change in one transaction. */
    static StatusChange flip(Database db, Monitor m, Status from, Status to, Instant at, Instant downSince) {
        ProbeResult r = AlertRepositoryContract.result(to, at);
        StatusChange c = AlertRepositoryContract.change(m, from, to, at, downSince);
        return new JdbiStatusRepository(db).record(m.id(), r, new MonitorState(to, at, c.failedChecks(), 0, r), c);
    }

    static Monitor addMonitor(Database db, String name, Environment env) {
        return new JdbiMonitorRepository(db, removed -> {})
                .add(FakeMonitorRepository.settings(name, env), Origin.SLACK, "U1", T0);
    }

    AlertDispatcher dispatcher(Database db) {
        return new AlertDispatcher(
                new JdbiAlertRepository(db),
                new JdbiSubscriptionRepository(db),
                new JdbiMonitorRepository(db, removed -> {}),
                slack,
                clock,
                policy);
    }

    void drain(AlertDispatcher d) {
        for (int step = 0; step < 10_000; step++) {
            d.fanOut();
            Duration wait = d.deliverDue();
            if (wait.equals(AlertDispatcher.IDLE)) {
                return;
            }
            clock.advance(wait);
        }
        throw new AssertionError("dispatcher never went idle");
    }

    @Test
    void anOutageSentBeforeARestartGetsItsRecoveryThreadedAfter() {
        Monitor api;
        PostRef outagePost;
        try (Database db = open()) {
            api = addMonitor(db, "api-live", Environment.LIVE);
            new JdbiSubscriptionRepository(db).subscribe("C1", Set.of(Selector.env(Environment.LIVE)), "U1", T0);
            flip(db, api, Status.UP, Status.DOWN, T0, null);
            drain(dispatcher(db));
            assertThat(slack.calls()).singleElement().extracting(Call::op).isEqualTo(Op.OUTAGE);
            outagePost = slack.calls().get(0).post();
        }

        clock.set(T0.plus(Duration.ofMinutes(20)));
        try (Database db = open()) {
            flip(db, api, Status.DOWN, Status.UP, clock.instant(), T0);
            drain(dispatcher(db));

            List<Call> calls = slack.calls("C1");
            assertThat(calls).extracting(Call::op).containsExactly(Op.OUTAGE, Op.RECOVERY, Op.RESOLVE);
            assertThat(calls.get(1).threadTs()).isEqualTo(outagePost.ts());
            assertThat(calls.get(2).post()).isEqualTo(outagePost);
            assertThat(calls.get(1).alert().lasted()).isEqualTo(Duration.ofMinutes(20));
            JdbiAlertRepository alerts = new JdbiAlertRepository(db);
            assertThat(alerts.openIncident(api.id())).isEmpty();
            Incident incident = alerts.incident(1).orElseThrow();
            assertThat(incident.resolvedAt()).isEqualTo(T0.plus(Duration.ofMinutes(20)));
            assertThat(incident.target()).doesNotContain("s3cret");
            assertThat(deliveries(db)).containsExactly("OUTAGE SENT", "RECOVERY SENT");
        }
    }

    @Test
    void aRetryScheduledBeforeARestartIsSentAfterItOnce() {
        try (Database db = open()) {
            Monitor api = addMonitor(db, "api", Environment.DEV);
            new JdbiSubscriptionRepository(db).subscribe("C1", Set.of(Selector.everything()), "U1", T0);
            flip(db, api, Status.PENDING, Status.DOWN, T0, null);
            slack.failNext(Op.OUTAGE, DeliveryException.transientFailure("ratelimited", Duration.ofSeconds(30)));
            AlertDispatcher d = dispatcher(db);
            d.fanOut();
            d.deliverDue();
        }
        clock.advance(Duration.ofSeconds(30));
        try (Database db = open()) {
            Delivery pending = new JdbiAlertRepository(db)
                    .dueDeliveries(clock.instant(), Set.of(), 10)
                    .get(0);
            assertThat(pending.state()).isEqualTo(Delivery.State.PENDING);
            assertThat(pending.attempts()).isEqualTo(1);
            assertThat(pending.lastError()).isEqualTo("ratelimited");
            assertThat(pending.nextAttemptAt()).isEqualTo(T0.plusSeconds(30));

            drain(dispatcher(db));

            assertThat(slack.calls()).singleElement().satisfies(c -> assertThat(c.at())
                    .isEqualTo(T0.plusSeconds(30)));
        }
    }

    @Test
    void alertsOffStillRecordsTheIncident() {
        try (Database db = open()) {
            JdbiMonitorRepository monitors = new JdbiMonitorRepository(db, removed -> {});
            Monitor m = addMonitor(db, "quiet", Environment.LIVE);
            monitors.update(m.id(), m.settings().withAlerts(false), Origin.SLACK, "U1", T0);
            new JdbiSubscriptionRepository(db).subscribe("C1", Set.of(Selector.everything()), "U1", T0);
            flip(db, m, Status.UP, Status.DOWN, T0, null);

            drain(dispatcher(db));

            JdbiAlertRepository alerts = new JdbiAlertRepository(db);
            assertThat(alerts.openIncident(m.id())).isPresent();
            assertThat(deliveries(db)).isEmpty();
            assertThat(slack.calls()).isEmpty();
        }
    }

    @Test
    void heldChannelNamesAreQuotedForJson() {
        assertThat(JdbiAlertRepository.json(new java.util.LinkedHashSet<>(List.of("C1", "a\"b\\c"))))
                .isEqualTo("[\"C1\",\"a\\\"b\\\\c\"]");
        assertThat(JdbiAlertRepository.json(Set.of())).isEqualTo("[]");
    }

    /** Every delivery row as "KIND STATE", by id. */
    private static List<String> deliveries(Database db) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT kind || ' ' || state FROM deliveries ORDER BY id")
                .mapTo(String.class)
                .list());
    }
}
