package dev.healthbot.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InlineThreadPoolTest {

    @Test
    void aJobRunsOnTheCallersThreadBeforeRunInThreadReturns() {
        InlineThreadPool pool = new InlineThreadPool();
        List<Thread> ranOn = new ArrayList<>();

        assertThat(pool.runInThread(() -> ranOn.add(Thread.currentThread()))).isTrue();

        assertThat(ranOn).containsExactly(Thread.currentThread());
        assertThat(pool.blockForAvailableThreads()).isEqualTo(QuartzMonitorScheduler.MAX_BATCH);
    }

    @Test
    void aJobThatThrowsEvenAnErrorLeavesTheSchedulerThreadRunning() {
        InlineThreadPool pool = new InlineThreadPool();

        assertThat(pool.runInThread(() -> {
                    throw new StackOverflowError("deep");
                }))
                .isTrue();
        assertThat(pool.runInThread(() -> {
                    throw new IllegalStateException("boom");
                }))
                .isTrue();
        List<String> after = new ArrayList<>();
        assertThat(pool.runInThread(() -> after.add("next"))).isTrue();
        assertThat(after).containsExactly("next");
    }

    @Test
    void afterShutdownNoJobRuns() {
        InlineThreadPool pool = new InlineThreadPool();
        pool.shutdown(true);
        List<String> ran = new ArrayList<>();

        assertThat(pool.runInThread(() -> ran.add("late"))).isFalse();
        assertThat(ran).isEmpty();
    }
}
