package dev.healthbot.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PhaseTest {

    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    @Test
    void aThousandServersAtTenSecondsFallAHundredIntoEverySecond() {
        int[] perSecond = new int[10];
        for (long id = 1; id <= 1000; id++) {
            perSecond[(int) (Phase.offsetMs(id, TEN_SECONDS) / 1000)]++;
        }
        for (int s = 0; s < 10; s++) {
            assertThat(perSecond[s]).as("second " + s).isBetween(95, 105);
        }
    }

    @Test
    void anyRunOfIdsIsSpreadToo() {
        // servers added later, after some were removed: ids 5,001 to 6,000
        int[] perSecond = new int[10];
        for (long id = 5001; id <= 6000; id++) {
            perSecond[(int) (Phase.offsetMs(id, TEN_SECONDS) / 1000)]++;
        }
        for (int n : perSecond) {
            assertThat(n).isBetween(95, 105);
        }
    }

    @Test
    void theNextSlotIsWithinOneIntervalAndTheSameAfterARestart() {
        Instant now = Instant.parse("2030-01-01T00:00:03.250Z");
        for (long id = 1; id <= 200; id++) {
            Duration until = Phase.untilNext(id, TEN_SECONDS, now);
            assertThat(until).isGreaterThanOrEqualTo(Duration.ZERO).isLessThan(TEN_SECONDS);
            Instant slot = now.plus(until);
            assertThat(Math.floorMod(slot.toEpochMilli(), 10_000L)).isEqualTo(Phase.offsetMs(id, TEN_SECONDS));
            // a restart later finds the same slots, whole intervals on
            Instant later = now.plus(Duration.ofMinutes(7)).plusMillis(123);
            Instant again = later.plus(Phase.untilNext(id, TEN_SECONDS, later));
            assertThat(Duration.between(slot, again).toMillis() % 10_000).isZero();
        }
        assertThat(Phase.untilNext(7, TEN_SECONDS, now.plus(Phase.untilNext(7, TEN_SECONDS, now))))
                .isEqualTo(Duration.ZERO);
    }

    @Test
    void anyIntervalWorks() {
        assertThat(Phase.offsetMs(42, Duration.ofMillis(1))).isZero();
        assertThat(Phase.offsetMs(Long.MAX_VALUE, Duration.ofHours(24))).isBetween(0L, 86_399_999L);
        assertThat(Phase.offsetMs(-3, Duration.ofSeconds(1))).isBetween(0L, 999L);
    }
}
