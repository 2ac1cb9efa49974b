package dev.healthbot.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.healthbot.LoggerLines;
import dev.healthbot.monitor.Environment;
import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.Status;
import dev.healthbot.monitor.StatusChange;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher thread survives a notifier that throws what it should not (a RuntimeException, an
 * Error): it is logged, that delivery is retried, the other channels get their alerts.
 */
class AlertLoopFailureTest {

    /** Wraps the recording notifier; throws the queued failures per channel before the call. */
    static final class ThrowingNotifier implements Notifier {
        final RecordingNotifier delegate;
        final ConcurrentHashMap<String, ConcurrentLinkedQueue<Throwable>> failures = new ConcurrentHashMap<>();
        final CountDownLatch thrown;

        ThrowingNotifier(RecordingNotifier delegate, int expectedThrows) {
            this.delegate = delegate;
            this.thrown = new CountDownLatch(expectedThrows);
        }

        void failNext(String channel, Throwable t) {
            failures.computeIfAbsent(channel, k -> new ConcurrentLinkedQueue<>())
                    .add(t);
        }

        private void maybeThrow(String channel) {
            var q = failures.get(channel);
            Throwable t = q == null ? null : q.poll();
            if (t != null) {
                thrown.countDown();
                if (t instanceof RuntimeException e) {
                    throw e;
                }
                throw (Error) t;
            }
        }

        @Override
        public PostRef postOutage(String channel, Alert alert) throws DeliveryException {
            maybeThrow(channel);
            return delegate.postOutage(channel, alert);
        }

        @Override
        public PostRef postRecovery(String channel, String threadTs, Alert alert) throws DeliveryException {
            maybeThrow(channel);
            return delegate.postRecovery(channel, threadTs, alert);
        }

        @Override
        public void markResolved(PostRef outagePost, Alert alert) throws DeliveryException {
            maybeThrow(outagePost.channel());
            delegate.markResolved(outagePost, alert);
        }
    }

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T10:00:00Z"));
    final FakeMonitorRepository monitors = new FakeMonitorRepository();
    final FakeSubscriptionRepository subscriptions = new FakeSubscriptionRepository();
    final FakeAlertRepository alerts = new FakeAlertRepository();
    final RecordingNotifier slack = new RecordingNotifier(clock);
    final LoggerLines log = LoggerLines.of(AlertLoop.class);
    ThrowingNotifier notifier;
    AlertLoop loop;

    void start(int expectedThrows) {
        notifier = new ThrowingNotifier(slack, expectedThrows);
        AlertDispatcher dispatcher = new AlertDispatcher(
                alerts, subscriptions, monitors, notifier, clock, DispatchPolicy.DEFAULT.withJitter(0));
        subscriptions.subscribe("C1", Set.of(Selector.everything()), "U", clock.instant());
        subscriptions.subscribe("C2", Set.of(Selector.everything()), "U", clock.instant());
        // A long idle wait: only wake-ups drive the loop, so the test controls time through the clock.
        loop = new AlertLoop(dispatcher, Duration.ofMinutes(10)).start();
    }

    @AfterEach
    void tearDown() {
        if (loop != null) {
            loop.close();
        }
        log.close();
    }

    StatusChange outage() {
        Monitor m = monitors.add("srv-" + monitors.all().size(), Environment.LIVE);
        return alerts.down(m.id(), Status.UP, clock.instant());
    }

    /** Advances the clock in steps and wakes the loop until {@code done}, within a bounded number of rounds. */
    void driveUntil(String what, BooleanSupplier done) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 15 s: " + what);
            }
            clock.advance(Duration.ofSeconds(5));
            loop.wake();
            LockSupport.parkNanos(20_000_000);
        }
    }

    @Test
    void aNotifierThatThrowsOnceForOneChannelIsRetriedWhileTheOtherChannelGetsItsAlert() throws Exception {
        start(1);
        notifier.failNext("C1", new IllegalStateException("bug in the notifier"));
        CountDownLatch c2 = slack.expect(1);

        loop.changed(outage());

        assertThat(notifier.thrown.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(slack.await(c2)).isTrue();
        assertThat(slack.calls("C2")).hasSize(1);
        driveUntil("C1 retried", () -> slack.calls("C1").size() == 1);
        assertThat(slack.calls("C2")).hasSize(1);
        assertThat(alerts.allDeliveries()).allMatch(d -> d.state() == Delivery.State.SENT);
    }

    @Test
    void anErrorThrownWhileSendingIsLoggedAndTheLoopGoesOn() throws Exception {
        start(2);
        notifier.failNext("C1", new StackOverflowError());
        notifier.failNext("C1", new AssertionError("bug"));

        loop.changed(outage());

        driveUntil("C1 retried after two Errors", () -> slack.calls("C1").size() == 1);
        assertThat(notifier.thrown.getCount()).isZero();
        assertThat(log.lines())
                .filteredOn(l -> l.startsWith("ERROR alert loop iteration failed"))
                .hasSize(2);
        // The loop is alive: a later outage of another server is delivered to both channels.
        driveUntil("the first outage in C2", () -> slack.calls("C2").size() == 1);
        loop.changed(outage());
        driveUntil(
                "a later outage delivered",
                () -> slack.calls("C1").size() == 2 && slack.calls("C2").size() == 2);
        assertThat(slack.calls()).hasSize(4);
    }
}
