package dev.healthbot.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.healthbot.monitor.Environment;
import dev.healthbot.monitor.FailureKind;
import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.MonitorSettings;
import dev.healthbot.monitor.ProbeResult;
import dev.healthbot.monitor.Status;
import dev.healthbot.monitor.StatusChange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link AlertRepository} (the outbox, incidents and deliveries), run against every
 * implementation (the in-memory double and SQLite) by a subclass. The dispatcher's exactly-once and
 * pacing rely on what is pinned here.
 */
public abstract class AlertRepositoryContract {

    protected static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    /** A fresh, empty repository; the same instance within one test. */
    protected abstract AlertRepository alerts();

    /** Saves a new server with alerts on where this implementation keeps servers. */
    protected abstract Monitor server(String name);

    /** Records a status change the way a check does, so that it waits in the outbox; returns it with its id. */
    protected abstract StatusChange flip(Monitor m, Status from, Status to, Instant at, Instant downSince);

    private StatusChange down(Monitor m, Instant at) {
        return flip(m, Status.UP, Status.DOWN, at, null);
    }

    private long outage(Monitor m, Set<String> channels, Instant at) {
        StatusChange c = down(m, at);
        assertThat(alerts().claimOutage(c, Incident.open(m, c), channels, at)).isTrue();
        return alerts().openIncident(m.id()).orElseThrow().id();
    }

    @Test
    void pendingChangesAreTheUnclaimedOnesOldestFirst() {
        Monitor api = server("api");
        StatusChange first = down(api, T0);
        StatusChange second = flip(api, Status.DOWN, Status.UP, T0.plusSeconds(5), T0);
        StatusChange third = down(api, T0.plusSeconds(9));

        assertThat(second.id()).isGreaterThan(first.id());
        assertThat(alerts().pendingChanges(10)).containsExactly(first, second, third);
        assertThat(alerts().pendingChanges(2)).containsExactly(first, second);

        assertThat(alerts().claimQuiet(first, T0)).isTrue();
        assertThat(alerts().claimQuiet(first, T0)).isFalse();
        assertThat(alerts().pendingChanges(10)).containsExactly(second, third);
    }

    @Test
    void aChangeIsClaimedExactlyOnceWhenTwoThreadsRace() throws Exception {
        Map<Long, Monitor> servers = new ConcurrentHashMap<>();
        for (int i = 0; i < 40; i++) {
            Monitor m = server("srv-" + i);
            servers.put(m.id(), m);
            down(m, T0);
        }
        List<StatusChange> pending = alerts().pendingChanges(100);
        assertThat(pending).hasSize(40);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> wins = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                wins.add(pool.submit(() -> {
                    go.await();
                    int won = 0;
                    for (StatusChange c : pending) {
                        Monitor m = servers.get(c.monitorId());
                        if (alerts().claimOutage(c, Incident.open(m, c), Set.of("C1", "C2"), T0)) {
                            won++;
                        }
                    }
                    return won;
                }));
            }
            go.countDown();
            int total = wins.get(0).get(30, TimeUnit.SECONDS) + wins.get(1).get(30, TimeUnit.SECONDS);

            assertThat(total).isEqualTo(40);
        } finally {
            pool.shutdownNow();
        }
        assertThat(alerts().pendingChanges(100)).isEmpty();
        for (Monitor m : servers.values()) {
            long incident = alerts().openIncident(m.id()).orElseThrow().id();
            assertThat(alerts().outageDelivery(incident, "C1")).isPresent();
            assertThat(alerts().outageDelivery(incident, "C2")).isPresent();
        }
        assertThat(alerts().dueDeliveries(T0, Set.of(), 1000)).hasSize(2);
    }

    @Test
    void anOutageForNoChannelStillOpensTheIncident() {
        Monitor quiet = server("quiet");

        long incident = outage(quiet, Set.of(), T0);

        assertThat(alerts().incident(incident).orElseThrow().isOpen()).isTrue();
        assertThat(alerts().incident(incident).orElseThrow().monitorId()).isEqualTo(quiet.id());
        assertThat(alerts().dueDeliveries(T0.plusSeconds(3600), Set.of(), 10)).isEmpty();
        assertThat(alerts().nextAttemptAfter(T0.minusSeconds(1))).isEmpty();
    }

    @Test
    void theDueQueryGivesEachChannelsHeadAndSkipsHeldChannels() {
        List<Long> incidents = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            incidents.add(outage(server("srv-" + i), Set.of("C1", "C2", "C3"), T0.plusSeconds(i)));
        }
        // C3's head goes into backoff: its next row, due now, becomes its head.
        Delivery c3first = alerts().dueDeliveries(T0.plusSeconds(5), Set.of("C1", "C2"), 10)
                .get(0);
        assertThat(c3first.incidentId()).isEqualTo(incidents.get(0));
        alerts().reschedule(c3first.id(), 1, T0.plusSeconds(60), "http 503");

        List<Delivery> due = alerts().dueDeliveries(T0.plusSeconds(5), Set.of("C2"), 10);

        assertThat(due).extracting(Delivery::channel).containsExactly("C1", "C3");
        assertThat(due).extracting(Delivery::incidentId).containsExactly(incidents.get(0), incidents.get(1));
        assertThat(alerts().dueDeliveries(T0.plusSeconds(5), Set.of("C2"), 1)).hasSize(1);
        assertThat(alerts().dueDeliveries(T0.minusSeconds(1), Set.of(), 10)).isEmpty();
        assertThat(alerts().nextAttemptAfter(T0.plusSeconds(5))).contains(T0.plusSeconds(60));
        assertThat(alerts().nextAttemptAfter(T0)).contains(T0.plusSeconds(1));
    }

    @Test
    void aRecoveryReachesEveryChannelThatHadTheOutageAndOnlyThose() {
        Monitor m = server("api");
        server("other");
        StatusChange down = down(m, T0);
        assertThat(alerts().claimOutage(down, Incident.open(m, down), Set.of("C1", "C2"), T0))
                .isTrue();
        assertThat(alerts().claimOutage(down, Incident.open(m, down), Set.of("C1", "C2"), T0))
                .isFalse();
        long incident = alerts().openIncident(m.id()).orElseThrow().id();
        Delivery toC1 = alerts().outageDelivery(incident, "C1").orElseThrow();
        Delivery toC2 = alerts().outageDelivery(incident, "C2").orElseThrow();
        alerts().markSent(toC1.id(), new PostRef("C1", "1.000100"), T0, null);
        alerts().giveUp(toC2.id(), 1, "not_in_channel", T0);
        assertThat(alerts().dueDeliveries(T0.plusSeconds(90), Set.of(), 10)).isEmpty();
        StatusChange up = flip(m, Status.DOWN, Status.UP, T0.plusSeconds(90), T0);

        assertThat(alerts().claimRecovery(up, T0.plusSeconds(91))).isTrue();
        assertThat(alerts().claimRecovery(up, T0.plusSeconds(91))).isFalse();

        assertThat(alerts().dueDeliveries(T0.plusSeconds(91), Set.of(), 10))
                .allMatch(d -> d.kind() == Delivery.Kind.RECOVERY && d.incidentId() == incident)
                .extracting(Delivery::channel)
                .containsExactly("C1", "C2");
        assertThat(alerts().incident(incident).orElseThrow().resolvedAt()).isEqualTo(T0.plusSeconds(90));
        assertThat(alerts().openIncident(m.id())).isEmpty();
        assertThat(alerts().outageDelivery(incident, "C2").orElseThrow().state())
                .isEqualTo(Delivery.State.GIVEN_UP);
    }

    @Test
    void aRecoveryWithNoOpenIncidentOnlyClaims() {
        Monitor m = server("api");
        StatusChange up = flip(m, Status.DOWN, Status.UP, T0, T0.minusSeconds(60));

        assertThat(alerts().claimRecovery(up, T0)).isTrue();

        assertThat(alerts().pendingChanges(10)).isEmpty();
        assertThat(alerts().dueDeliveries(T0.plusSeconds(60), Set.of(), 10)).isEmpty();
    }

    @Test
    void aRecoveryReplyIsKeptSoARetryOnlyEdits() {
        Monitor m = server("api");
        long incident = outage(m, Set.of("C1"), T0);
        Delivery outage = alerts().outageDelivery(incident, "C1").orElseThrow();
        alerts().markSent(outage.id(), new PostRef("C1", "1.000100"), T0, null);
        alerts().claimRecovery(flip(m, Status.DOWN, Status.UP, T0.plusSeconds(90), T0), T0.plusSeconds(90));
        Delivery recovery =
                alerts().dueDeliveries(T0.plusSeconds(90), Set.of(), 10).get(0);

        alerts().recordReply(recovery.id(), new PostRef("C1", "1.000200"));
        alerts().reschedule(recovery.id(), 1, T0.plusSeconds(95), "edit ratelimited");

        assertThat(alerts().dueDeliveries(T0.plusSeconds(94), Set.of(), 10)).isEmpty();
        Delivery again =
                alerts().dueDeliveries(T0.plusSeconds(95), Set.of(), 10).get(0);
        assertThat(again.id()).isEqualTo(recovery.id());
        assertThat(again.state()).isEqualTo(Delivery.State.PENDING);
        assertThat(again.attempts()).isEqualTo(1);
        assertThat(again.lastError()).isEqualTo("edit ratelimited");
        assertThat(again.post()).isEqualTo(new PostRef("C1", "1.000200"));
        assertThat(alerts().outageDelivery(incident, "C1").orElseThrow().post())
                .isEqualTo(new PostRef("C1", "1.000100"));
        assertThat(alerts().outageDelivery(incident, "C1").orElseThrow().state())
                .isEqualTo(Delivery.State.SENT);
    }

    @Test
    void aStartedAttemptIsRememberedUntilTheOutcomeIsKnown() {
        Monitor m = server("api");
        long incident = outage(m, Set.of("C1"), T0);
        Delivery fresh = alerts().outageDelivery(incident, "C1").orElseThrow();
        assertThat(fresh.attemptStartedAt()).isNull();

        // The mark is written before Slack is called: a restart sees it on the due row.
        alerts().markAttempt(fresh.id(), T0.plusSeconds(1));
        Delivery afterKill =
                alerts().dueDeliveries(T0.plusSeconds(1), Set.of(), 10).get(0);
        assertThat(afterKill.id()).isEqualTo(fresh.id());
        assertThat(afterKill.attemptStartedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(afterKill.post()).isNull();

        // An unknown outcome (a timeout) is retried with the mark kept; a refusal clears it.
        alerts().reschedule(fresh.id(), 1, T0.plusSeconds(5), "Slack not reachable");
        assertThat(alerts().outageDelivery(incident, "C1").orElseThrow().attemptStartedAt())
                .isEqualTo(T0.plusSeconds(1));
        alerts().markAttempt(fresh.id(), null);
        assertThat(alerts().outageDelivery(incident, "C1").orElseThrow().attemptStartedAt())
                .isNull();

        // Adopting the found post: SENT with the post, the mark kept as history.
        alerts().markAttempt(fresh.id(), T0.plusSeconds(6));
        alerts().markSent(fresh.id(), new PostRef("C1", "1.000100"), T0.plusSeconds(7), "adopted");
        Delivery sent = alerts().outageDelivery(incident, "C1").orElseThrow();
        assertThat(sent.state()).isEqualTo(Delivery.State.SENT);
        assertThat(sent.post()).isEqualTo(new PostRef("C1", "1.000100"));
        assertThat(sent.lastError()).isEqualTo("adopted");
        assertThat(sent.attemptStartedAt()).isEqualTo(T0.plusSeconds(6));
        assertThat(alerts().dueDeliveries(T0.plusSeconds(60), Set.of(), 10)).isEmpty();
    }

    @Test
    void aRecordedThreadReplyClearsItsAttemptMark() {
        Monitor m = server("api");
        long incident = outage(m, Set.of("C1"), T0);
        Delivery outage = alerts().outageDelivery(incident, "C1").orElseThrow();
        alerts().markSent(outage.id(), new PostRef("C1", "1.000100"), T0, null);
        alerts().claimRecovery(flip(m, Status.DOWN, Status.UP, T0.plusSeconds(90), T0), T0.plusSeconds(90));
        Delivery recovery =
                alerts().dueDeliveries(T0.plusSeconds(90), Set.of(), 10).get(0);

        alerts().markAttempt(recovery.id(), T0.plusSeconds(90));
        assertThat(alerts().dueDeliveries(T0.plusSeconds(90), Set.of(), 10)
                        .get(0)
                        .attemptStartedAt())
                .isEqualTo(T0.plusSeconds(90));
        alerts().recordReply(recovery.id(), new PostRef("C1", "1.000200"));

        Delivery again =
                alerts().dueDeliveries(T0.plusSeconds(90), Set.of(), 10).get(0);
        assertThat(again.post()).isEqualTo(new PostRef("C1", "1.000200"));
        assertThat(again.attemptStartedAt()).isNull();
    }

    /** A server's settings for {@link #server}: alerts on, in LIVE. */
    public static MonitorSettings settings(String name) {
        return FakeMonitorRepository.settings(name, Environment.LIVE);
    }

    /** The result of the check that makes the flip. */
    public static ProbeResult result(Status to, Instant at) {
        return to == Status.UP
                ? ProbeResult.up(at, Duration.ofMillis(20), "HTTP 200")
                : ProbeResult.down(at, Duration.ofSeconds(5), FailureKind.TIMEOUT, "timed out after 5s");
    }

    /** The flip as the state machine makes it, without its id. */
    public static StatusChange change(Monitor m, Status from, Status to, Instant at, Instant downSince) {
        ProbeResult r = result(to, at);
        return new StatusChange(0, m.id(), from, to, at, r.failure(), r.detail(), to == Status.DOWN ? 3 : 0, downSince);
    }
}
