package dev.healthbot.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.healthbot.alert.RecordingNotifier.Call;
import dev.healthbot.alert.RecordingNotifier.Op;
import dev.healthbot.monitor.Environment;
import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.Origin;
import dev.healthbot.monitor.Status;
import dev.healthbot.monitor.StatusChange;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AlertDispatcherTest {

    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    final MutableClock clock = new MutableClock(T0);
    final FakeMonitorRepository monitors = new FakeMonitorRepository();
    final FakeSubscriptionRepository subscriptions = new FakeSubscriptionRepository();
    final FakeAlertRepository alerts = new FakeAlertRepository();
    final RecordingNotifier slack = new RecordingNotifier(clock);
    final DispatchPolicy policy = DispatchPolicy.DEFAULT.withJitter(0);
    AlertDispatcher dispatcher;
    ExecutorService pool;

    @BeforeEach
    void setUp() {
        dispatcher = newDispatcher();
    }

    @AfterEach
    void tearDown() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    AlertDispatcher newDispatcher() {
        return new AlertDispatcher(alerts, subscriptions, monitors, slack, clock, policy);
    }

    void subscribe(String channel, Selector... selectors) {
        subscriptions.subscribe(channel, Set.of(selectors), "U1", clock.instant());
    }

    StatusChange down(Monitor m) {
        return alerts.down(m.id(), Status.UP, clock.instant());
    }

    StatusChange up(Monitor m, Instant since) {
        return alerts.up(m.id(), Status.DOWN, clock.instant(), since);
    }

    /** Runs the dispatcher as its loop would, moving the fake clock by what it asks, until idle. */
    int drain() {
        for (int step = 0; step < 20_000; step++) {
            dispatcher.fanOut();
            Duration wait = dispatcher.deliverDue();
            if (wait.equals(AlertDispatcher.IDLE)) {
                return step;
            }
            clock.advance(wait);
        }
        throw new AssertionError("dispatcher never went idle");
    }

    List<Op> ops(String channel) {
        return slack.calls(channel).stream().map(Call::op).toList();
    }

    @Test
    void outageIsPostedToEverySubscribedChannelAndNoOther() {
        Monitor api = monitors.add("api-live", Environment.LIVE);
        subscribe("C1", Selector.everything());
        subscribe("C2", Selector.env(Environment.LIVE));
        subscribe("C3", Selector.env(Environment.DEV));
        down(api);

        drain();

        assertThat(slack.calls()).extracting(Call::channel).containsExactlyInAnyOrder("C1", "C2");
        Alert alert = slack.calls().get(0).alert();
        assertThat(alert.monitorName()).isEqualTo("api-live");
        assertThat(alert.environment()).isEqualTo(Environment.LIVE);
        assertThat(alert.since()).isEqualTo(T0);
        assertThat(alert.failedChecks()).isEqualTo(3);
        assertThat(alert.resolvedAt()).isNull();
        assertThat(alert.target()).doesNotContain("s3cret").doesNotContain("abc");
        assertThat(alerts.allDeliveries()).allMatch(d -> d.state() == Delivery.State.SENT && d.post() != null);
    }

    @Test
    void environmentAndServerSelectorsMatchOnlyTheirServersAndSurviveARename() {
        Monitor web = monitors.add("web-dev", Environment.DEV);
        Monitor db = monitors.add("db-live", Environment.LIVE);
        subscribe("CWEB", Selector.server(web.id()));
        subscribe("CLIVE", Selector.env(Environment.LIVE));
        monitors.update(
                web.id(), FakeMonitorRepository.settings("web-renamed", Environment.DEV), Origin.SLACK, "U", T0);

        down(web);
        down(db);
        drain();

        assertThat(slack.calls("CWEB")).extracting(c -> c.alert().monitorName()).containsExactly("web-renamed");
        assertThat(slack.calls("CLIVE"))
                .extracting(c -> c.alert().monitorName())
                .containsExactly("db-live");
    }

    @Test
    void recoveryIsPostedInTheThreadOfTheOutagePostAndEditsIt() {
        Monitor api = monitors.add("api", Environment.LIVE);
        subscribe("C1", Selector.everything());
        down(api);
        drain();
        clock.set(T0.plus(Duration.ofMinutes(12)));
        up(api, T0);
        drain();

        List<Call> calls = slack.calls("C1");
        assertThat(calls).extracting(Call::op).containsExactly(Op.OUTAGE, Op.RECOVERY, Op.RESOLVE);
        PostRef outagePost = calls.get(0).post();
        assertThat(calls.get(1).threadTs()).isEqualTo(outagePost.ts());
        assertThat(calls.get(2).post()).isEqualTo(outagePost);
        Alert recovery = calls.get(1).alert();
        assertThat(recovery.resolvedAt()).isEqualTo(T0.plus(Duration.ofMinutes(12)));
        assertThat(recovery.lasted()).isEqualTo(Duration.ofMinutes(12));
        assertThat(alerts.incidents()).singleElement().satisfies(i -> assertThat(i.isOpen())
                .isFalse());
        assertThat(alerts.allDeliveries()).allMatch(d -> d.state() == Delivery.State.SENT);
    }

    @Test
    void recoveryWaitsUntilItsOutageHasBeenPosted() {
        Monitor api = monitors.add("api", Environment.LIVE);
        subscribe("C1", Selector.everything());
        slack.failNext(Op.OUTAGE, DeliveryException.transientFailure("ratelimited", Duration.ofSeconds(30)));
        down(api);
        dispatcher.fanOut();
        dispatcher.deliverDue();
        clock.advance(Duration.ofSeconds(5));
        up(api, T0);

        dispatcher.fanOut();
        dispatcher.deliverDue();
        assertThat(slack.calls()).isEmpty();
        Delivery recovery = alerts.allDeliveries().get(1);
        assertThat(recovery.kind()).isEqualTo(Delivery.Kind.RECOVERY);
        assertThat(recovery.attempts()).isZero();

        drain();
        List<Call> calls = slack.calls("C1");
        assertThat(calls).extracting(Call::op).containsExactly(Op.OUTAGE, Op.RECOVERY, Op.RESOLVE);
        assertThat(calls.get(0).at()).isEqualTo(T0.plusSeconds(30));
        assertThat(calls.get(1).threadTs()).isEqualTo(calls.get(0).post().ts());
        assertThat(calls.get(1).at()).isAfterOrEqualTo(calls.get(0).at().plusSeconds(1));
    }

    @Test
    void recoveryIsPostedAtTheTopLevelWhenTheOutageWasGivenUp() {
        Monitor api = monitors.add("api", Environment.LIVE);
        subscribe("C1", Selector.everything());
        slack.failNext(Op.OUTAGE, DeliveryException.permanent("not_in_channel"));
        down(api);
        drain();
        assertThat(subscriptions.find("C1").orElseThrow().failingReason()).isEqualTo("not_in_channel");
        clock.advance(Duration.ofMinutes(3));
        up(api, T0);
        drain();

        assertThat(slack.calls("C1")).singleElement().satisfies(c -> {
            assertThat(c.op()).isEqualTo(Op.RECOVERY);
            assertThat(c.threadTs()).isNull();
        });
        assertThat(subscriptions.find("C1").orElseThrow().failing()).isFalse();
    }

    @Test
    void transientFailuresAreRetriedWithDoublingBackoffAndRetryAfterIsHonoured() {
        Monitor api = monitors.add("api", Environment.LIVE);
        subscribe("C1", Selector.everything());
        slack.failNext(Op.OUTAGE, DeliveryException.transientFailure("http 503", null))
                .failNext(Op.OUTAGE, DeliveryException.transientFailure("timeout", null))
                .failNext(Op.OUTAGE, DeliveryException.transientFailure("http 500", null))
                .failNext(Op.OUTAGE, DeliveryException.transientFailure("ratelimited", Duration.ofSeconds(45)));
        down(api);
        dispatcher.fanOut();

        List<Instant> attempts = new ArrayList<>();
        for (int step = 0; step < 100 && slack.calls().isEmpty(); step++) {
            int before = alerts.allDeliveries().get(0).attempts();
            Instant at = clock.instant();
            Duration wait = dispatcher.deliverDue();
            if (alerts.allDeliveries().get(0).attempts() > before) {
                attempts.add(at);
            }
            clock.advance(wait);
        }

        // 1 s, 2 s, 4 s of backoff, then the 45 s the server asked for instead of 8 s.
        assertThat(attempts).containsExactly(T0, T0.plusSeconds(1), T0.plusSeconds(3), T0.plusSeconds(7));
        assertThat(slack.calls()).singleElement().satisfies(c -> assertThat(c.at())
                .isEqualTo(T0.plusSeconds(52)));
        Delivery d = alerts.allDeliveries().get(0);
        assertThat(d.state()).isEqualTo(Delivery.State.SENT);
        assertThat(d.lastError()).isNull();
    }

    @Test
    void retryAfterHoldsBackTheWholeChannelButNotOthers() {
        Monitor a = monitors.add("a", Environment.LIVE);
        Monitor b = monitors.add("b", Environment.LIVE);
        subscribe("C1", Selector.everything());
        subscribe("C2", Selector.everything());
        slack.failNext(Op.OUTAGE, DeliveryException.transientFailure("ratelimited", Duration.ofSeconds(20)));
        down(a);
        down(b);

        drain();

        List<Call> c1 = slack.calls("C1");
        List<Call> c2 = slack.calls("C2");
        assertThat(c1).hasSize(2);
        assertThat(c1).allSatisfy(c -> assertThat(c.at()).isAfterOrEqualTo(T0.plusSeconds(20)));
        assertThat(c2).extracting(Call::at).containsExactly(T0, T0.plusSeconds(1));
    }

    @Test
    void permanentFailureGivesUpAndMarksTheChannelFailingUntilALaterSuccess() {
        Monitor api = monitors.add("api", Environment.LIVE);
        subscribe("C1", Selector.everything());
        subscribe("C2", Selector.everything());
        slack.failChannel("C1", DeliveryException.permanent("channel_not_found"));
        down(api);

        drain();

        Delivery toC1 = alerts.allDeliveries().stream()
                .filter(d -> d.channel().equals("C1"))
                .findFirst()
                .orElseThrow();
        assertThat(toC1.state()).isEqualTo(Delivery.State.GIVEN_UP);
        assertThat(toC1.lastError()).isEqualTo("channel_not_found");
        assertThat(slack.attempts("C1")).isEqualTo(1);
        ChannelSubscription c1 = subscriptions.find("C1").orElseThrow();
        assertThat(c1.failingReason()).isEqualTo("channel_not_found");
        assertThat(c1.failingSince()).isEqualTo(T0);
        assertThat(slack.calls("C2")).hasSize(1);

        slack.heal("C1");
        Monitor other = monitors.add("other", Environment.DEV);
        down(other);
        drain();
        assertThat(subscriptions.find("C1").orElseThrow().failing()).isFalse();
    }

    @Test
    void aDeliveryStillFailingAfterItsMaxAgeIsGivenUp() {
        Monitor api = monitors.add("api", Environment.LIVE);
        subscribe("C1", Selector.everything());
        slack.failChannel("C1", DeliveryException.transientFailure("http 502", null));
        down(api);

        drain();

        Delivery d = alerts.allDeliveries().get(0);
        assertThat(d.state()).isEqualTo(Delivery.State.GIVEN_UP);
        assertThat(d.lastError()).contains("http 502");
        assertThat(d.doneAt())
                .isBetween(
                        T0.plus(Duration.ofHours(24)),
                        T0.plus(Duration.ofHours(24).plusMinutes(5)));
        // 1+2+...+256 s, then every 5 minutes: about 24 h / 5 min attempts, not thousands.
        assertThat(d.attempts()).isBetween(280, 300);
        assertThat(subscriptions.find("C1").orElseThrow().failing()).isFalse();
    }

    @Test
    void aStormOf200OutagesToOneChannelIsPacedAtOnePostPerSecondAndAllArrive() {
        subscribe("C1", Selector.everything());
        for (int i = 0; i < 200; i++) {
            down(monitors.add("srv-" + i, Environment.LIVE));
        }

        drain();

        List<Call> calls = slack.calls("C1");
        assertThat(calls).hasSize(200);
        assertThat(calls).extracting(c -> c.alert().monitorName()).doesNotHaveDuplicates();
        for (int i = 1; i < calls.size(); i++) {
            assertThat(Duration.between(calls.get(i - 1).at(), calls.get(i).at()))
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        }
        assertThat(calls.get(199).at()).isEqualTo(T0.plusSeconds(199));
    }

    @Test
    void twoChannelsProceedIndependentlyAndInterleave() {
        subscribe("C1", Selector.everything());
        subscribe("C2", Selector.everything());
        for (int i = 0; i < 5; i++) {
            down(monitors.add("srv-" + i, Environment.LIVE));
        }

        drain();

        assertThat(slack.calls("C1"))
                .extracting(Call::at)
                .containsExactly(T0, T0.plusSeconds(1), T0.plusSeconds(2), T0.plusSeconds(3), T0.plusSeconds(4));
        assertThat(slack.calls("C2"))
                .extracting(Call::at)
                .isEqualTo(slack.calls("C1").stream().map(Call::at).toList());
        assertThat(slack.calls()).extracting(Call::channel).startsWith("C1", "C2", "C1", "C2");
    }

    @Test
    void aFailingChannelDoesNotSlowAnother() {
        subscribe("CBAD", Selector.everything());
        subscribe("CGOOD", Selector.everything());
        slack.failChannel("CBAD", DeliveryException.transientFailure("timeout", null));
        for (int i = 0; i < 3; i++) {
            down(monitors.add("srv-" + i, Environment.LIVE));
        }
        dispatcher.fanOut();
        for (int i = 0; i < 3; i++) {
            dispatcher.deliverDue();
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(slack.calls("CGOOD")).hasSize(3);
    }

    @Test
    void aChangeIsFannedOutOnceEvenWhenTwoDispatchersRace() throws Exception {
        subscribe("C1", Selector.everything());
        subscribe("C2", Selector.env(Environment.LIVE));
        for (int i = 0; i < 100; i++) {
            Monitor m = monitors.add("srv-" + i, Environment.LIVE);
            down(m);
            up(m, T0);
        }
        AlertDispatcher other = newDispatcher();
        pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> claimed = new ArrayList<>();
        for (AlertDispatcher d : List.of(dispatcher, other)) {
            claimed.add(pool.submit(() -> {
                go.await();
                return d.fanOut();
            }));
        }
        go.countDown();
        int total = claimed.get(0).get(10, TimeUnit.SECONDS) + claimed.get(1).get(10, TimeUnit.SECONDS);

        assertThat(total).isEqualTo(200);
        assertThat(alerts.incidents()).hasSize(100).allMatch(i -> !i.isOpen());
        assertThat(alerts.allDeliveries()).hasSize(400);
        assertThat(dispatcher.fanOut() + other.fanOut()).isZero();
    }

    @Test
    void aServerWithAlertsOffRecordsItsIncidentButPostsNothing() {
        Monitor quiet = monitors.add("quiet", Environment.LIVE);
        monitors.update(quiet.id(), quiet.settings().withAlerts(false), Origin.SLACK, "U", T0);
        subscribe("C1", Selector.everything());
        StatusChange c = down(quiet);

        drain();
        up(quiet, T0);
        drain();

        assertThat(alerts.dispatched(c.id())).isTrue();
        assertThat(alerts.incidents()).singleElement().satisfies(i -> assertThat(i.isOpen())
                .isFalse());
        assertThat(alerts.allDeliveries()).isEmpty();
        assertThat(slack.calls()).isEmpty();
    }

    @Test
    void aNewServersFirstUpIsQuiet() {
        Monitor fresh = monitors.add("fresh", Environment.LIVE);
        subscribe("C1", Selector.everything());
        StatusChange c = alerts.up(fresh.id(), Status.PENDING, T0, null);

        drain();

        assertThat(alerts.dispatched(c.id())).isTrue();
        assertThat(alerts.incidents()).isEmpty();
        assertThat(slack.calls()).isEmpty();
    }

    @Test
    void aNewServerThatNeverCameUpIsAnOutage() {
        Monitor fresh = monitors.add("fresh", Environment.LIVE);
        subscribe("C1", Selector.everything());
        alerts.down(fresh.id(), Status.PENDING, T0);

        drain();

        assertThat(ops("C1")).containsExactly(Op.OUTAGE);
    }

    @Test
    void aPausedChannelGetsNoNewOutages() {
        Monitor api = monitors.add("api", Environment.LIVE);
        subscribe("C1", Selector.everything());
        subscriptions.setPaused("C1", true, "U", T0);
        down(api);

        drain();

        assertThat(slack.calls()).isEmpty();
        assertThat(alerts.incidents()).hasSize(1);
    }

    @Test
    void aChannelThatHeardOfTheOutageHearsOfItsEndAfterUnsubscribing() {
        Monitor api = monitors.add("api", Environment.LIVE);
        subscribe("C1", Selector.everything());
        down(api);
        drain();
        subscriptions.unsubscribe("C1", Set.of(), "U", T0);
        up(api, T0);
        drain();

        assertThat(ops("C1")).containsExactly(Op.OUTAGE, Op.RECOVERY, Op.RESOLVE);
    }

    @Test
    void aCrashAfterTheThreadReplyOnlyRepeatsTheEdit() {
        Monitor api = monitors.add("api", Environment.LIVE);
        subscribe("C1", Selector.everything());
        down(api);
        drain();
        up(api, T0);
        slack.crashNext(Op.RESOLVE);
        dispatcher.fanOut();
        assertThatThrownBy(() -> dispatcher.deliverDue()).isInstanceOf(RecordingNotifier.Crash.class);

        dispatcher = newDispatcher(); // the restart: new memory, same database
        drain();

        assertThat(ops("C1")).containsExactly(Op.OUTAGE, Op.RECOVERY, Op.RESOLVE, Op.RESOLVE);
        assertThat(alerts.allDeliveries()).allMatch(d -> d.state() == Delivery.State.SENT);
    }

    @Test
    void aTransientFailureOfTheEditDoesNotRepeatTheReply() {
        Monitor api = monitors.add("api", Environment.LIVE);
        subscribe("C1", Selector.everything());
        down(api);
        drain();
        slack.failNext(Op.RESOLVE, DeliveryException.transientFailure("ratelimited", Duration.ofSeconds(10)));
        up(api, T0);
        drain();

        assertThat(ops("C1")).containsExactly(Op.OUTAGE, Op.RECOVERY, Op.RESOLVE);
    }

    @Test
    void aPermanentFailureOfTheEditStillCountsTheRecoveryAsSent() {
        Monitor api = monitors.add("api", Environment.LIVE);
        subscribe("C1", Selector.everything());
        down(api);
        drain();
        slack.failNext(Op.RESOLVE, DeliveryException.permanent("cant_update_message"));
        up(api, T0);
        drain();

        Delivery recovery = alerts.allDeliveries().get(1);
        assertThat(recovery.state()).isEqualTo(Delivery.State.SENT);
        assertThat(recovery.lastError()).contains("cant_update_message");
        assertThat(subscriptions.find("C1").orElseThrow().failing()).isFalse();
    }

    @Test
    void aChangeThatFailsToFanOutHoldsBackOnlyItsOwnServer() {
        Monitor gone = monitors.add("gone", Environment.LIVE);
        Monitor api = monitors.add("api", Environment.LIVE);
        subscribe("C1", Selector.everything());
        monitors.remove(gone.id(), "U", T0);
        down(gone);
        down(api);

        drain();

        assertThat(ops("C1")).containsExactly(Op.OUTAGE);
        assertThat(alerts.pendingChanges(10)).isEmpty();
    }

    @Test
    void deliverDueSaysHowLongUntilTheNextPostIsAllowed() {
        subscribe("C1", Selector.everything());
        down(monitors.add("a", Environment.LIVE));
        down(monitors.add("b", Environment.LIVE));
        dispatcher.fanOut();

        assertThat(dispatcher.deliverDue()).isEqualTo(Duration.ofSeconds(1));
        clock.advance(Duration.ofMillis(400));
        assertThat(dispatcher.deliverDue()).isEqualTo(Duration.ofMillis(600));
        clock.advance(Duration.ofMillis(600));
        assertThat(dispatcher.deliverDue()).isEqualTo(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(dispatcher.deliverDue()).isEqualTo(AlertDispatcher.IDLE);
        assertThat(slack.calls()).hasSize(2);
    }
}
