package dev.healthbot.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    @Test
    void aKeySpendsItsBurstThenIsRefusedWithTheTimeUntilTheNextToken() {
        RateLimiter limiter = new RateLimiter(3, 0.5, 100, nanos::get);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("job").allowed()).isTrue();
        }
        RateLimiter.Decision refused = limiter.acquire("job");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(2));

        advance(Duration.ofMillis(1_500));
        assertThat(limiter.acquire("job").retryAfter()).isEqualTo(Duration.ofMillis(500));
        advance(Duration.ofMillis(500));
        assertThat(limiter.acquire("job").allowed()).isTrue();
        assertThat(limiter.acquire("job").allowed()).isFalse();
    }

    @Test
    void oneRunawayKeyDoesNotStarveAnother() {
        RateLimiter limiter = new RateLimiter(2, 1, 100, nanos::get);
        for (int i = 0; i < 1_000; i++) {
            limiter.acquire("runaway");
        }
        assertThat(limiter.acquire("runaway").allowed()).isFalse();
        assertThat(limiter.acquire("nightly-backup").allowed()).isTrue();
        assertThat(limiter.acquire("nightly-backup").allowed()).isTrue();
    }

    @Test
    void aBucketNeverHoldsMoreThanItsBurstAfterALongSilence() {
        RateLimiter limiter = new RateLimiter(2, 10, 100, nanos::get);
        advance(Duration.ofDays(30));
        assertThat(limiter.acquire("k").allowed()).isTrue();
        assertThat(limiter.acquire("k").allowed()).isTrue();
        assertThat(limiter.acquire("k").allowed()).isFalse();
    }

    @Test
    void fullBucketsAreForgottenToMakeRoomAndBusyOnesAreKept() {
        RateLimiter limiter = new RateLimiter(1, 1, 2, nanos::get);
        assertThat(limiter.acquire("a").allowed()).isTrue();
        assertThat(limiter.acquire("b").allowed()).isTrue();
        // Both buckets are empty (busy): a third key is refused rather than growing the map.
        assertThat(limiter.acquire("c").allowed()).isFalse();
        assertThat(limiter.keys()).isEqualTo(2);

        advance(Duration.ofSeconds(1)); // a and b are full again: forgetting them loses nothing
        assertThat(limiter.acquire("c").allowed()).isTrue();
        assertThat(limiter.keys()).isEqualTo(1);
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThatThrownBy(() -> new RateLimiter(0, 1, 1, nanos::get)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimiter(1, 0, 1, nanos::get)).isInstanceOf(IllegalArgumentException.class);
    }
}
