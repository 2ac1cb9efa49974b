package dev.healthbot.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.healthbot.monitor.Environment;
import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.Status;
import dev.healthbot.monitor.StatusChange;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AlertLoopTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T10:00:00Z"));
    final FakeMonitorRepository monitors = new FakeMonitorRepository();
    final FakeSubscriptionRepository subscriptions = new FakeSubscriptionRepository();
    final FakeAlertRepository alerts = new FakeAlertRepository();
    final RecordingNotifier slack = new RecordingNotifier(clock);
    final AlertDispatcher dispatcher =
            new AlertDispatcher(alerts, subscriptions, monitors, slack, clock, DispatchPolicy.DEFAULT.withJitter(0));
    // A long idle wait: only a wake-up can explain a prompt delivery.
    final AlertLoop loop = new AlertLoop(dispatcher, Duration.ofMinutes(10));

    @AfterEach
    void tearDown() {
        loop.close();
    }

    StatusChange outage() {
        Monitor m = monitors.add("srv-" + monitors.all().size(), Environment.LIVE);
        return alerts.down(m.id(), Status.UP, clock.instant());
    }

    @Test
    void aStatusChangeWakesTheLoopAtOnce() throws Exception {
        subscriptions.subscribe("C1", Set.of(Selector.everything()), "U", clock.instant());
        loop.start();
        CountDownLatch posted = slack.expect(1);

        loop.changed(outage());

        assertThat(slack.await(posted)).isTrue();
        assertThat(slack.calls("C1")).hasSize(1);
    }

    @Test
    void theLoopSurvivesAnIterationThatThrows() throws Exception {
        subscriptions.subscribe("C1", Set.of(Selector.everything()), "U", clock.instant());
        alerts.failNextPendingChanges(1);
        CountDownLatch posted = slack.expect(1);
        StatusChange c = outage();
        loop.start();
        // The first iteration throws; the wake-up after it must still be served.
        for (int i = 0; i < 1000 && posted.getCount() > 0; i++) {
            loop.changed(c);
            posted.await(10, java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        assertThat(slack.await(posted)).isTrue();
    }

    @Test
    void closeStopsTheThread() {
        loop.start();
        loop.close();

        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.getName().equals("alert-dispatcher") && t.isAlive());
    }
}
