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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** The scheduler reports how late checks start, for /metrics. */
class FiringLagTest {

    @Test
    void aCheckThatStartsLateIsReportedOnceAndOnTimeChecksReportNoLag() throws Exception {
        CountDownLatch fired = new CountDownLatch(1);
        try (QuartzMonitorScheduler scheduler = new QuartzMonitorScheduler()) {
            Monitor m = new Monitor(
                    7,
                    new MonitorSettings(
                            "late",
                            Target.parse("tcp://127.0.0.1:9"),
                            Environment.DEV,
                            Duration.ofHours(1),
                            Duration.ofSeconds(1),
                            StatusCodes.DEFAULT,
                            Thresholds.DEFAULT,
                            true),
                    Origin.SLACK,
                    Instant.now());
            scheduler.schedule(m, Duration.ZERO);
            // Not started yet: the check falls behind its time (a busy machine, a suspended laptop).
            long due = scheduler.nextCheck(7).orElseThrow().toEpochMilli();
            while (System.currentTimeMillis() < due + 300) {
                LockSupport.parkNanos(10_000_000);
            }
            assertThat(scheduler.takeMaxLag()).isZero();
            scheduler.start(id -> fired.countDown());
            assertThat(fired.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(scheduler.takeMaxLag()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
            assertThat(scheduler.takeMaxLag())
                    .as("read once, then a fresh start")
                    .isZero();
        }
    }
}
