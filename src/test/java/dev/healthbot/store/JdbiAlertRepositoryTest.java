package dev.healthbot.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.healthbot.alert.AlertDispatcher;
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
import dev.healthbot.monitor.FailureKind;
import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.MonitorState;
import dev.healthbot.monitor.Origin;
import dev.healthbot.monitor.ProbeResult;
import dev.healthbot.monitor.Status;
import dev.healthbot.monitor.StatusChange;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
        ProbeResult r = to == Status.UP
                ? ProbeResult.up(at, Duration.ofMillis(20), "HTTP 200")
                : ProbeResult.down(at, Duration.ofSeconds(5), FailureKind.TIMEOUT, "timed out after 5s");
        StatusChange c = new StatusChange(
                0, m.id(), from, to, at, r.failure(), r.detail(), to == Status.DOWN ? 3 : 0, downSince);
        return new JdbiStatusRepository(db)
                .record(m.id(), r, new MonitorState(to, at, to == Status.DOWN ? 3 : 0, 0, r), c);
    }

    static Monitor addMonitor(Database db, String name, Environment env) {
        return new JdbiMonitorRepository(db, removed -> {}).add(FakeMonitorRepository.settings(name, env), Origin.SLACK, "U1", T0);
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
    void aChangeIsClaimedExactlyOnceWhenTwoThreadsRace() throws Exception {
        try (Database db = open()) {
            List<Monitor> monitors = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                Monitor m = addMonitor(db, "srv-" + i, Environment.LIVE);
                monitors.add(m);
                flip(db, m, Status.UP, Status.DOWN, T0, null);
            }
            JdbiAlertRepository alerts = new JdbiAlertRepository(db);
            List<StatusChange> pending = alerts.pendingChanges(100);
            assertThat(pending).hasSize(40);
            pool = Executors.newFixedThreadPool(2);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> wins = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                wins.add(pool.submit(() -> {
                    go.await();
                    int won = 0;
                    for (StatusChange c : pending) {
                        Monitor m = monitors.get(
                                (int) (c.monitorId() - monitors.get(0).id()));
                        if (alerts.claimOutage(c, Incident.open(m, c), Set.of("C1", "C2"), T0)) {
                            won++;
                        }
                    }
                    return won;
                }));
            }
            go.countDown();
            int total = wins.get(0).get(30, TimeUnit.SECONDS) + wins.get(1).get(30, TimeUnit.SECONDS);

            assertThat(total).isEqualTo(40);
            assertThat(alerts.pendingChanges(100)).isEmpty();
            int incidents = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM incidents")
                    .mapTo(Integer.class)
                    .one());
            int deliveries = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM deliveries")
                    .mapTo(Integer.class)
                    .one());
            assertThat(incidents).isEqualTo(40);
            assertThat(deliveries).isEqualTo(80);
        }
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
            assertThat(alerts.deliveries(incident.id()))
                    .extracting(Delivery::kind, Delivery::state)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(Delivery.Kind.OUTAGE, Delivery.State.SENT),
                            org.assertj.core.groups.Tuple.tuple(Delivery.Kind.RECOVERY, Delivery.State.SENT));
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
            Delivery pending = new JdbiAlertRepository(db).delivery(1).orElseThrow();
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
    void theDueQueryGivesEachChannelsHeadAndSkipsHeldChannels() {
        try (Database db = open()) {
            JdbiAlertRepository alerts = new JdbiAlertRepository(db);
            for (int i = 0; i < 3; i++) {
                Monitor m = addMonitor(db, "srv-" + i, Environment.LIVE);
                StatusChange c = flip(db, m, Status.UP, Status.DOWN, T0, null);
                alerts.claimOutage(c, Incident.open(m, c), Set.of("C1", "C2", "C3"), T0.plusSeconds(i));
            }
            // C3's head is in backoff: its later rows must wait behind it? No: the head is the
            // smallest next attempt, so C3's second row becomes its head.
            Delivery c3first = alerts.dueDeliveries(T0.plusSeconds(5), Set.of("C1", "C2"), 10)
                    .get(0);
            alerts.reschedule(c3first.id(), 1, T0.plusSeconds(60), "http 503");

            List<Delivery> due = alerts.dueDeliveries(T0.plusSeconds(5), Set.of("C2"), 10);

            assertThat(due).extracting(Delivery::channel).containsExactly("C1", "C3");
            assertThat(due.get(0).incidentId()).isEqualTo(1);
            assertThat(due.get(1).incidentId()).isEqualTo(2);
            assertThat(alerts.dueDeliveries(T0.minusSeconds(1), Set.of(), 10)).isEmpty();
            assertThat(alerts.nextAttemptAfter(T0.plusSeconds(5))).contains(T0.plusSeconds(60));
            assertThat(alerts.nextAttemptAfter(T0)).contains(T0.plusSeconds(1));
        }
    }

    @Test
    void aRecoveryReachesEveryChannelThatHadTheOutageAndOnlyThose() {
        try (Database db = open()) {
            JdbiAlertRepository alerts = new JdbiAlertRepository(db);
            Monitor m = addMonitor(db, "api", Environment.LIVE);
            StatusChange down = flip(db, m, Status.UP, Status.DOWN, T0, null);
            assertThat(alerts.claimOutage(down, Incident.open(m, down), Set.of("C1", "C2"), T0))
                    .isTrue();
            assertThat(alerts.claimOutage(down, Incident.open(m, down), Set.of("C1", "C2"), T0))
                    .isFalse();
            Delivery toC2 = alerts.outageDelivery(1, "C2").orElseThrow();
            alerts.giveUp(toC2.id(), 1, "not_in_channel", T0);
            StatusChange up = flip(db, m, Status.DOWN, Status.UP, T0.plusSeconds(90), T0);

            assertThat(alerts.claimRecovery(up, T0.plusSeconds(91))).isTrue();
            assertThat(alerts.claimRecovery(up, T0.plusSeconds(91))).isFalse();

            assertThat(alerts.deliveries(1))
                    .filteredOn(d -> d.kind() == Delivery.Kind.RECOVERY)
                    .extracting(Delivery::channel)
                    .containsExactly("C1", "C2");
            assertThat(alerts.incident(1).orElseThrow().resolvedAt()).isEqualTo(T0.plusSeconds(90));
        }
    }

    @Test
    void aRecoveryReplyIsKeptSoARetryOnlyEdits() {
        try (Database db = open()) {
            JdbiAlertRepository alerts = new JdbiAlertRepository(db);
            Monitor m = addMonitor(db, "api", Environment.LIVE);
            StatusChange down = flip(db, m, Status.UP, Status.DOWN, T0, null);
            alerts.claimOutage(down, Incident.open(m, down), Set.of("C1"), T0);
            alerts.markSent(1, new PostRef("C1", "1.000100"), T0, null);
            StatusChange up = flip(db, m, Status.DOWN, Status.UP, T0.plusSeconds(90), T0);
            alerts.claimRecovery(up, T0.plusSeconds(90));

            alerts.recordReply(2, new PostRef("C1", "1.000200"));
            alerts.reschedule(2, 1, T0.plusSeconds(95), "edit ratelimited");

            Delivery recovery = alerts.delivery(2).orElseThrow();
            assertThat(recovery.state()).isEqualTo(Delivery.State.PENDING);
            assertThat(recovery.post()).isEqualTo(new PostRef("C1", "1.000200"));
            assertThat(alerts.outageDelivery(1, "C1").orElseThrow().post()).isEqualTo(new PostRef("C1", "1.000100"));
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
            assertThat(alerts.deliveries(alerts.openIncident(m.id()).get().id()))
                    .isEmpty();
            assertThat(slack.calls()).isEmpty();
        }
    }

    @Test
    void heldChannelNamesAreQuotedForJson() {
        assertThat(JdbiAlertRepository.json(new java.util.LinkedHashSet<>(List.of("C1", "a\"b\\c"))))
                .isEqualTo("[\"C1\",\"a\\\"b\\\\c\"]");
        assertThat(JdbiAlertRepository.json(Set.of())).isEqualTo("[]");
    }
}
