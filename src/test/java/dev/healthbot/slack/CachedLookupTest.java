package dev.healthbot.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The cache every Slack lookup goes through: kept a minute, bounded waits, one call per key at a time. */
class CachedLookupTest {

    final AtomicLong now = new AtomicLong(1_000_000_000L);
    final AtomicInteger calls = new AtomicInteger();

    long far() {
        return now.get() + Duration.ofSeconds(10).toNanos();
    }

    @Test
    void anAnswerIsKeptForAMinuteThenAskedAgain() {
        try (CachedLookup<String, String> lookup =
                new CachedLookup<>("test", k -> k + calls.incrementAndGet(), Duration.ofSeconds(60), now::get)) {
            assertThat(lookup.get("a", far())).isEqualTo("a1");
            now.addAndGet(Duration.ofSeconds(59).toNanos());
            assertThat(lookup.get("a", far())).isEqualTo("a1");
            now.addAndGet(Duration.ofSeconds(2).toNanos());
            assertThat(lookup.get("a", far())).isEqualTo("a2");
            assertThat(lookup.fresh("a", far())).isEqualTo("a3");
            assertThat(lookup.get("a", far()))
                    .as("a fresh answer is not cached")
                    .isEqualTo("a2");
        }
    }

    @Test
    void aSlowAnswerIsUnavailableInTimeButFillsTheCacheForTheRetry() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch answered = new CountDownLatch(1);
        try (CachedLookup<String, String> lookup = new CachedLookup<>(
                "test",
                k -> {
                    calls.incrementAndGet();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    answered.countDown();
                    return "late";
                },
                Duration.ofSeconds(60),
                System::nanoTime)) {
            long soon = lookup.deadline(Duration.ofMillis(50));
            CachedLookup.Unavailable e =
                    catchThrowableOfType(CachedLookup.Unavailable.class, () -> lookup.get("k", soon));
            assertThat(e).hasMessage("Slack did not answer in time");
            // A second caller while the first call runs joins it rather than asking again.
            catchThrowableOfType(
                    CachedLookup.Unavailable.class, () -> lookup.get("k", lookup.deadline(Duration.ofMillis(10))));
            release.countDown();
            assertThat(answered.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(lookup.get("k", lookup.deadline(Duration.ofSeconds(5)))).isEqualTo("late");
            assertThat(calls.get()).isEqualTo(1);
        }
    }

    @Test
    void aRefusalIsPassedOnAndAnythingElseSaysSlackCouldNotBeReached() {
        try (CachedLookup<String, String> refused = new CachedLookup<>(
                        "test",
                        k -> {
                            throw new CachedLookup.Unavailable("Slack answered ratelimited");
                        },
                        Duration.ofSeconds(60),
                        now::get);
                CachedLookup<String, String> broken = new CachedLookup<>(
                        "test",
                        k -> {
                            throw new IllegalStateException("boom");
                        },
                        Duration.ofSeconds(60),
                        now::get)) {
            assertThat(catchThrowableOfType(CachedLookup.Unavailable.class, () -> refused.get("k", far())))
                    .hasMessage("Slack answered ratelimited");
            assertThat(catchThrowableOfType(CachedLookup.Unavailable.class, () -> broken.get("k", far())))
                    .hasMessage("Slack could not be reached");
        }
    }
}
