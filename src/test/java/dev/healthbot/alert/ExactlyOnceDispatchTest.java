package dev.healthbot.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.healthbot.alert.RecordingNotifier.Op;
import dev.healthbot.monitor.Environment;
import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Exactly once through a crash at the worst instant: the notifier's call took effect (the post landed) and the
 * process died before the row learnt the post's ref. The restarted dispatcher finds the post by its key and adopts
 * it; when the lookup cannot be made it posts again (at least once).
 */
class ExactlyOnceDispatchTest {

    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    final MutableClock clock = new MutableClock(T0);
    final FakeMonitorRepository monitors = new FakeMonitorRepository();
    final FakeSubscriptionRepository subscriptions = new FakeSubscriptionRepository();
    final FakeAlertRepository alerts = new FakeAlertRepository();
    final RecordingNotifier slack = new RecordingNotifier(clock);
    final DispatchPolicy policy = DispatchPolicy.DEFAULT.withJitter(0);
    AlertDispatcher dispatcher = newDispatcher();

    AlertDispatcher newDispatcher() {
        return new AlertDispatcher(alerts, subscriptions, monitors, slack, clock, policy);
    }

    Monitor downIn(String channel) {
        Monitor api = monitors.add("api", Environment.LIVE);
        subscriptions.subscribe(channel, Set.of(Selector.everything()), "U1", clock.instant());
        alerts.down(api.id(), Status.UP, clock.instant());
        return api;
    }

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

    Delivery only(Delivery.Kind kind) {
        return alerts.allDeliveries().stream()
                .filter(d -> d.kind() == kind)
                .findFirst()
                .orElseThrow();
    }

    void crashOn(Op op) {
        slack.crashNext(op);
        dispatcher.fanOut();
        assertThatThrownBy(() -> dispatcher.deliverDue()).isInstanceOf(RecordingNotifier.Crash.class);
        dispatcher = newDispatcher(); // the restart: new memory, same database
        clock.advance(Duration.ofSeconds(5));
    }

    @Test
    void anOutagePostThatLandedBeforeTheCrashIsAdoptedNotPostedAgain() {
        Monitor api = downIn("C1");
        crashOn(Op.OUTAGE);
        assertThat(only(Delivery.Kind.OUTAGE).attemptStartedAt()).isEqualTo(T0);
        assertThat(only(Delivery.Kind.OUTAGE).post()).isNull();

        drain();

        assertThat(slack.calls("C1")).extracting(RecordingNotifier.Call::op).containsExactly(Op.OUTAGE);
        assertThat(slack.lookups()).hasSize(1);
        Delivery outage = only(Delivery.Kind.OUTAGE);
        assertThat(outage.state()).isEqualTo(Delivery.State.SENT);
        assertThat(outage.post()).isEqualTo(slack.calls("C1").get(0).post());
        assertThat(outage.lastError()).isEqualTo(AlertDispatcher.ADOPTED);

        alerts.up(api.id(), Status.DOWN, clock.instant(), T0);
        drain();
        assertThat(slack.calls("C1"))
                .extracting(RecordingNotifier.Call::op)
                .containsExactly(Op.OUTAGE, Op.RECOVERY, Op.RESOLVE);
        assertThat(slack.calls("C1").get(1).threadTs()).isEqualTo(outage.post().ts());
    }

    @Test
    void aRecoveryReplyThatLandedBeforeTheCrashIsFoundInTheThread() {
        Monitor api = downIn("C1");
        drain();
        alerts.up(api.id(), Status.DOWN, clock.instant(), T0);
        crashOn(Op.RECOVERY);

        drain();

        assertThat(slack.calls("C1"))
                .extracting(RecordingNotifier.Call::op)
                .containsExactly(Op.OUTAGE, Op.RECOVERY, Op.RESOLVE);
        String outageTs = only(Delivery.Kind.OUTAGE).post().ts();
        assertThat(slack.lookups()).singleElement().satisfies(l -> assertThat(l.threadTs())
                .isEqualTo(outageTs));
        Delivery recovery = only(Delivery.Kind.RECOVERY);
        assertThat(recovery.state()).isEqualTo(Delivery.State.SENT);
        assertThat(recovery.post()).isEqualTo(slack.calls("C1").get(1).post());
    }

    @Test
    void whenTheLookupCannotBeMadeTheOutageIsPostedAgain() {
        downIn("C1");
        crashOn(Op.OUTAGE);
        slack.failLookups(DeliveryException.permanent("missing_scope"));

        drain();

        assertThat(slack.calls("C1")).extracting(RecordingNotifier.Call::op).containsExactly(Op.OUTAGE, Op.OUTAGE);
        Delivery outage = only(Delivery.Kind.OUTAGE);
        assertThat(outage.state()).isEqualTo(Delivery.State.SENT);
        assertThat(outage.post()).isEqualTo(slack.calls("C1").get(1).post());
        assertThat(outage.lastError()).isNull();
    }

    @Test
    void aLookupThatFailsForNowIsRetriedBeforeAnyPost() {
        downIn("C1");
        crashOn(Op.OUTAGE);
        slack.failLookups(
                DeliveryException.transientFailure("rate limited by Slack (HTTP 429)", Duration.ofSeconds(30)));
        dispatcher.fanOut();
        dispatcher.deliverDue();

        assertThat(slack.calls("C1")).hasSize(1);
        assertThat(only(Delivery.Kind.OUTAGE).state()).isEqualTo(Delivery.State.PENDING);
        assertThat(only(Delivery.Kind.OUTAGE).attemptStartedAt()).isEqualTo(T0);

        slack.failLookups(null);
        drain();

        assertThat(slack.calls("C1")).hasSize(1);
        assertThat(only(Delivery.Kind.OUTAGE).post())
                .isEqualTo(slack.calls("C1").get(0).post());
    }

    @Test
    void aRefusedPostClearsTheMarkAndAnUnknownOutcomeKeepsIt() {
        downIn("C1");
        slack.failNext(Op.OUTAGE, DeliveryException.transientFailure("ratelimited", Duration.ofSeconds(1)));
        dispatcher.fanOut();
        dispatcher.deliverDue();
        assertThat(only(Delivery.Kind.OUTAGE).attemptStartedAt()).isNull();

        slack.failNext(
                Op.OUTAGE, DeliveryException.outcomeUnknown("Slack not reachable (SocketTimeoutException)", null));
        clock.advance(Duration.ofSeconds(2));
        dispatcher.deliverDue();
        assertThat(only(Delivery.Kind.OUTAGE).attemptStartedAt()).isNotNull();
        assertThat(slack.lookups()).isEmpty();

        drain();

        // The timed-out post did not land (the notifier failed it): the lookup finds nothing, the post goes out once.
        assertThat(slack.lookups()).hasSize(1);
        assertThat(slack.calls("C1")).extracting(RecordingNotifier.Call::op).containsExactly(Op.OUTAGE);
        assertThat(only(Delivery.Kind.OUTAGE).state()).isEqualTo(Delivery.State.SENT);
    }
}
