package dev.healthbot.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.healthbot.monitor.Environment;
import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.MonitorSettings;
import dev.healthbot.monitor.Origin;
import dev.healthbot.monitor.StatusCodes;
import dev.healthbot.monitor.Target;
import dev.healthbot.monitor.Thresholds;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QuartzMonitorSchedulerTest {

    /** Counts the checks asked for per server, and lets a test wait for the next ones. */
    static final class RecordingChecks {
        final Map<Long, AtomicInteger> fired = new ConcurrentHashMap<>();
        final AtomicReference<CountDownLatch> latch = new AtomicReference<>(new CountDownLatch(0));

        void run(long id) {
            fired.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            latch.get().countDown();
        }

        CountDownLatch expect(int count) {
            CountDownLatch l = new CountDownLatch(count);
            latch.set(l);
            return l;
        }

        int count(long id) {
            AtomicInteger n = fired.get(id);
            return n == null ? 0 : n.get();
        }
    }

    RecordingChecks checks;
    QuartzMonitorScheduler scheduler;

    @BeforeEach
    void start() {
        checks = new RecordingChecks();
        scheduler = new QuartzMonitorScheduler();
        scheduler.start(checks::run);
    }

    @AfterEach
    void stop() {
        scheduler.close();
    }

    @Test
    void aServerIsCheckedOnItsInterval() throws InterruptedException {
        CountDownLatch three = checks.expect(3);

        scheduler.schedule(monitor(1, Duration.ofSeconds(1)), Duration.ZERO);

        assertThat(three.await(3500, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(checks.count(1)).isBetween(3, 5);
        assertThat(checks.fired.keySet()).containsOnly(1L);
    }

    @Test
    void nothingFiresBeforeTheFirstDelay() {
        scheduler.schedule(monitor(1, Duration.ofSeconds(1)), Duration.ofHours(1));

        assertThat(scheduler.nextCheck(1)).hasValueSatisfying(next -> assertThat(next)
                .isAfter(Instant.now().plus(Duration.ofMinutes(59))));
        assertThat(checks.count(1)).isZero();
    }

    @Test
    void checkAgainInBringsTheNextCheckForwardAndKeepsTheInterval() throws InterruptedException {
        scheduler.schedule(monitor(7, Duration.ofHours(1)), Duration.ofHours(1));
        CountDownLatch one = checks.expect(1);

        scheduler.checkAgainIn(7, Duration.ofMillis(100));

        assertThat(one.await(1, TimeUnit.SECONDS)).isTrue();
        // After the quick re-check the server is back on its own interval.
        Instant next = scheduler.nextCheck(7).orElseThrow();
        assertThat(next).isAfter(Instant.now().plus(Duration.ofMinutes(59)));
    }

    @Test
    void checkAgainInForAServerThatIsNotScheduledDoesNothing() {
        scheduler.checkAgainIn(99, Duration.ofMillis(1));

        assertThat(scheduler.nextCheck(99)).isEmpty();
    }

    @Test
    void anUnscheduledServerIsNoLongerChecked() throws InterruptedException {
        CountDownLatch first = checks.expect(1);
        scheduler.schedule(monitor(3, Duration.ofSeconds(1)), Duration.ZERO);
        assertThat(first.await(2, TimeUnit.SECONDS)).isTrue();

        scheduler.unschedule(3);
        int before = checks.count(3);
        CountDownLatch another = checks.expect(1);

        assertThat(another.await(1500, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(checks.count(3)).isEqualTo(before);
        assertThat(scheduler.nextCheck(3)).isEmpty();
    }

    @Test
    void reschedulingReplacesTheOldTrigger() throws InterruptedException {
        scheduler.schedule(monitor(5, Duration.ofHours(1)), Duration.ofHours(1));
        CountDownLatch two = checks.expect(2);

        scheduler.schedule(monitor(5, Duration.ofSeconds(1)), Duration.ZERO);

        assertThat(two.await(2500, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(scheduler.nextCheck(5)).hasValueSatisfying(next -> assertThat(next)
                .isBefore(Instant.now().plusSeconds(2)));
    }

    @Test
    void eachServerHasItsOwnJob() throws InterruptedException {
        CountDownLatch both = checks.expect(2);

        scheduler.schedule(monitor(1, Duration.ofHours(1)), Duration.ZERO);
        scheduler.schedule(monitor(2, Duration.ofHours(1)), Duration.ZERO);

        assertThat(both.await(2, TimeUnit.SECONDS)).isTrue();
        assertThat(checks.fired.keySet()).containsOnly(1L, 2L);
    }

    @Test
    void checksFireOnTheSchedulerThreadWithNoHandOff() throws InterruptedException {
        java.util.Set<String> threads = ConcurrentHashMap.newKeySet();
        CountDownLatch six = new CountDownLatch(6);
        try (QuartzMonitorScheduler inline = new QuartzMonitorScheduler()) {
            inline.start(id -> {
                threads.add(Thread.currentThread().getName());
                six.countDown();
            });
            for (long id = 1; id <= 3; id++) {
                inline.schedule(monitor(id, Duration.ofSeconds(1)), Duration.ZERO);
            }

            assertThat(six.await(3, TimeUnit.SECONDS)).isTrue();
        }
        // One thread for every check of every server: Quartz's own, no worker pool.
        assertThat(threads).hasSize(1);
        assertThat(threads.iterator().next()).contains("QuartzSchedulerThread");
    }

    @Test
    void aCallbackMayRescheduleItsOwnServer() throws InterruptedException {
        CountDownLatch two = new CountDownLatch(2);
        try (QuartzMonitorScheduler inline = new QuartzMonitorScheduler()) {
            inline.start(id -> {
                two.countDown();
                // What a re-check does, here on the very thread that fires the checks.
                inline.checkAgainIn(id, Duration.ofMillis(100));
            });
            inline.schedule(monitor(9, Duration.ofHours(1)), Duration.ZERO);

            assertThat(two.await(2, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aFailingCallbackDoesNotStopTheSchedule() throws InterruptedException {
        CountDownLatch two = new CountDownLatch(2);
        try (QuartzMonitorScheduler failing = new QuartzMonitorScheduler()) {
            failing.start(id -> {
                two.countDown();
                throw new IllegalStateException("boom");
            });
            failing.schedule(monitor(1, Duration.ofSeconds(1)), Duration.ZERO);

            assertThat(two.await(2500, TimeUnit.MILLISECONDS)).isTrue();
        }
    }

    private static Monitor monitor(long id, Duration interval) {
        return new Monitor(
                id,
                new MonitorSettings(
                        "server-" + id,
                        Target.parse("http://127.0.0.1:1/"),
                        Environment.DEV,
                        interval,
                        Duration.ofSeconds(1),
                        StatusCodes.DEFAULT,
                        Thresholds.DEFAULT,
                        true),
                Origin.SLACK,
                Instant.EPOCH);
    }
}
