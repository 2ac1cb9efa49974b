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

    @Test
    void runsGrowWithTheNumberOfServersInPowersOfTwo() {
        assertThat(Phase.run(0)).isEqualTo(1);
        assertThat(Phase.run(511)).isEqualTo(1);
        assertThat(Phase.run(512)).isEqualTo(2);
        assertThat(Phase.run(1_000)).isEqualTo(2);
        assertThat(Phase.run(10_000)).isEqualTo(32);
        assertThat(Phase.run(100_000)).isEqualTo(Phase.MAX_RUN);
        // a few servers more or less do not change the run, so they move no check
        assertThat(Phase.run(9_990)).isEqualTo(Phase.run(10_010));
    }

    @Test
    void tenThousandServersInRunsStillFallEvenlyIntoEverySecond() {
        int run = Phase.run(10_000);
        int[] perSecond = new int[10];
        for (long id = 1; id <= 10_000; id++) {
            perSecond[(int) (Phase.offsetMs(id, TEN_SECONDS, run) / 1000)]++;
        }
        for (int s = 0; s < 10; s++) {
            assertThat(perSecond[s]).as("second " + s).isBetween(950, 1050);
        }
    }

    @Test
    void theServersOfOneFiftyMillisecondBatchAreNeighbours() {
        // What the status writer saves together: the checks of one 50 ms window. In runs they come
        // from a few stretches of consecutive ids (few database pages), not from 50 scattered ids.
        int run = Phase.run(10_000);
        java.util.TreeMap<Long, java.util.List<Long>> byOffset = new java.util.TreeMap<>();
        for (long id = 1; id <= 10_000; id++) {
            byOffset.computeIfAbsent(Phase.offsetMs(id, TEN_SECONDS, run), k -> new java.util.ArrayList<>())
                    .add(id);
        }
        for (long start = 0; start < 10_000; start += 50) {
            java.util.Set<Long> stretches = new java.util.HashSet<>();
            byOffset.subMap(start, start + 50).values().forEach(ids -> ids.forEach(id -> stretches.add(id / run)));
            assertThat(stretches).as("window at " + start + " ms").hasSizeLessThanOrEqualTo(5);
        }
        // one by one, the same window holds about 50 unrelated ids
        java.util.Set<Long> single = new java.util.HashSet<>();
        for (long id = 1; id <= 10_000; id++) {
            if (Phase.offsetMs(id, TEN_SECONDS) < 50) {
                single.add(id / run);
            }
        }
        assertThat(single).hasSizeGreaterThan(30);
    }

    @Test
    void aRunsSlotsAreStableAndWithinTheInterval() {
        Instant now = Instant.parse("2030-01-01T00:00:03.250Z");
        for (long id = 1; id <= 500; id++) {
            Duration until = Phase.untilNext(id, TEN_SECONDS, 32, now);
            assertThat(until).isGreaterThanOrEqualTo(Duration.ZERO).isLessThan(TEN_SECONDS);
            assertThat(Math.floorMod(now.plus(until).toEpochMilli(), 10_000L))
                    .isEqualTo(Phase.offsetMs(id, TEN_SECONDS, 32));
        }
        assertThat(Phase.offsetMs(Long.MAX_VALUE, Duration.ofSeconds(1), 32)).isBetween(0L, 999L);
        assertThat(Phase.offsetMs(31, Duration.ofMillis(5), 32)).isBetween(0L, 4L);
    }
}
