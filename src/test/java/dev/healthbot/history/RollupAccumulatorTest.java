package dev.healthbot.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RollupAccumulatorTest {

    static final long T0 = Instant.parse("2026-03-01T10:00:00Z").toEpochMilli();
    static final long MINUTE = 60_000;

    @Test
    void checksAreCountedPerServerHourAndDay() {
        RollupAccumulator a = new RollupAccumulator();
        a.add(1, T0, true, 100);
        a.add(1, T0 + MINUTE, true, 300);
        a.add(1, T0 + 2 * MINUTE, false, 3000);
        a.add(2, T0, true, 50);
        List<RollupBucket> dirty = a.dirty();
        assertThat(dirty).hasSize(4);
        Rollup hour = dirty.stream()
                .filter(b -> b.monitorId() == 1 && b.grain() == Grain.HOUR)
                .findFirst()
                .orElseThrow()
                .rollup();
        assertThat(hour.start()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        assertThat(hour.checks()).isEqualTo(3);
        assertThat(hour.failures()).isEqualTo(1);
        assertThat(hour.minMs()).isEqualTo(100);
        assertThat(hour.maxMs()).isEqualTo(3000);
        assertThat(hour.meanMs()).isEqualTo(1133);
        assertThat(hour.p50Ms()).isBetween(285L, 315L);
        assertThat(hour.p99Ms()).isBetween(2850L, 3000L);
        Rollup day = dirty.stream()
                .filter(b -> b.monitorId() == 1 && b.grain() == Grain.DAY)
                .findFirst()
                .orElseThrow()
                .rollup();
        assertThat(day.start()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
        assertThat(day.checks()).isEqualTo(3);
    }

    @Test
    void aWrittenBucketIsNotWrittenAgainUntilItChanges() {
        RollupAccumulator a = new RollupAccumulator();
        a.add(1, T0, true, 100);
        a.written(a.dirty());
        assertThat(a.dirty()).isEmpty();
        a.add(1, T0 + MINUTE, true, 100);
        assertThat(a.dirty()).hasSize(2);
        assertThat(a.dirty().get(0).rollup().checks()).isEqualTo(2);
    }

    @Test
    void aNewHourClosesTheOldBucketWhichIsWrittenOnceThenLetGo() {
        RollupAccumulator a = new RollupAccumulator();
        a.add(1, T0 + 59 * MINUTE, true, 100);
        a.add(1, T0 + 61 * MINUTE, true, 200);
        List<RollupBucket> dirty = a.dirty();
        // The closed 10:00 hour, the 11:00 hour, and the one day.
        assertThat(dirty)
                .extracting(b -> b.grain() + "@" + Instant.ofEpochMilli(b.startMillis()))
                .containsExactlyInAnyOrder(
                        "HOUR@2026-03-01T10:00:00Z", "HOUR@2026-03-01T11:00:00Z", "DAY@2026-03-01T00:00:00Z");
        a.written(dirty);
        a.add(1, T0 + 62 * MINUTE, true, 200);
        assertThat(a.dirty()).hasSize(2);
    }

    @Test
    void aLateResultCountsInTheCurrentBucket() {
        RollupAccumulator a = new RollupAccumulator();
        a.add(1, T0 + 61 * MINUTE, true, 100);
        a.add(1, T0 + 59 * MINUTE, true, 100);
        assertThat(a.dirty()).hasSize(2);
        assertThat(a.dirty().get(0).rollup().checks()).isEqualTo(2);
    }

    @Test
    void aForgottenServerHasNoBuckets() {
        RollupAccumulator a = new RollupAccumulator();
        a.add(1, T0, true, 100);
        a.add(1, T0 + 61 * MINUTE, true, 100);
        a.forget(1);
        assertThat(a.dirty()).isEmpty();
        assertThat(a.servers()).isZero();
    }
}
