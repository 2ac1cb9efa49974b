package dev.healthbot.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/** The deadline index and the silence watch that reads it. */
class DeadlineIndexTest {

    static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void dueDeadlinesComeOutEarliestFirstAndMovedOnesOnlyOnce() {
        DeadlineIndex index = new DeadlineIndex();
        index.put(1, T.plusSeconds(30));
        index.put(2, T.plusSeconds(10));
        index.put(3, T.plusSeconds(20));
        index.put(3, T.plusSeconds(90)); // a ping moved it
        index.put(4, T.plusSeconds(5));
        index.remove(4);
        index.put(5, null);

        assertThat(index.size()).isEqualTo(3);
        assertThat(index.earliest()).contains(T.plusSeconds(10));
        assertThat(index.takeDue(T.plusSeconds(9))).isEmpty();
        assertThat(index.takeDue(T.plusSeconds(30)))
                .containsExactly(
                        new DeadlineIndex.Due(2, T.plusSeconds(10)), new DeadlineIndex.Due(1, T.plusSeconds(30)));
        assertThat(index.takeDue(T.plusSeconds(60))).isEmpty();
        assertThat(index.deadline(3)).contains(T.plusSeconds(90));
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void aHundredThousandDeadlinesAreServedAndEachIsFoundOnce() {
        DeadlineIndex index = new DeadlineIndex();
        for (int i = 0; i < 100_000; i++) {
            index.put(i, T.plusMillis(i % 60_000));
        }
        for (int i = 0; i < 100_000; i += 2) {
            index.put(i, T.plus(Duration.ofHours(1))); // half were pinged meanwhile
        }
        List<DeadlineIndex.Due> due = index.takeDue(T.plusSeconds(60));
        assertThat(due).hasSize(50_000).allMatch(d -> d.monitorId() % 2 == 1);
        assertThat(index.size()).isEqualTo(50_000);
    }

    @Test
    void theWatchHandsOverWhatTheClockMadeDueAndRetriesAFailure() {
        DeadlineIndex index = new DeadlineIndex();
        MutableClock clock = new MutableClock(T);
        ConcurrentLinkedQueue<Long> missed = new ConcurrentLinkedQueue<>();
        List<Long> failOnce = new ArrayList<>(List.of(7L));
        SilenceWatch watch = new SilenceWatch(
                index,
                (id, at) -> {
                    if (failOnce.remove(id)) {
                        throw new IllegalStateException("database busy");
                    }
                    missed.add(id);
                },
                clock);
        try (watch) {
            index.put(1, T.plusSeconds(60));
            index.put(7, T.plusSeconds(60));
            index.put(2, T.plusSeconds(61));
            assertThat(watch.tick()).isZero();
            clock.advance(Duration.ofSeconds(60));
            assertThat(watch.tick()).isEqualTo(2);
            assertThat(missed).containsExactly(1L);
            assertThat(failOnce).isEmpty();
        }
    }

    /** A clock that moves when told. */
    static final class MutableClock implements java.time.InstantSource {
        private volatile Instant now;

        MutableClock(Instant start) {
            now = start;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }
}
