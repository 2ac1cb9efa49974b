package dev.healthbot.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DispatchPolicyTest {

    @Test
    void backoffDoublesFromOneSecondUpToFiveMinutes() {
        DispatchPolicy p = DispatchPolicy.DEFAULT.withJitter(0);
        assertThat(p.backoff(1, 0.5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(p.backoff(2, 0.5)).isEqualTo(Duration.ofSeconds(2));
        assertThat(p.backoff(9, 0.5)).isEqualTo(Duration.ofSeconds(256));
        assertThat(p.backoff(10, 0.5)).isEqualTo(Duration.ofMinutes(5));
        assertThat(p.backoff(1000, 0.5)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void jitterOnlyShortensTheWaitByItsFraction() {
        DispatchPolicy p = DispatchPolicy.DEFAULT;
        assertThat(p.backoff(4, 0.0)).isEqualTo(Duration.ofSeconds(8));
        assertThat(p.backoff(4, 0.999)).isBetween(Duration.ofMillis(6400), Duration.ofSeconds(8));
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        DispatchPolicy p = DispatchPolicy.DEFAULT;
        assertThat(p.maxAge()).isEqualTo(Duration.ofHours(24));
        assertThat(p.minGap()).isEqualTo(Duration.ofSeconds(1));
        assertThatThrownBy(() -> p.withJitter(2)).isInstanceOf(IllegalArgumentException.class);
    }
}
