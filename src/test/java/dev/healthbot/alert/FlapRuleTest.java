package dev.healthbot.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.healthbot.alert.FlapRule.Thresholds;
import dev.healthbot.alert.FlapRule.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The flapping rule from a table: (in an episode?, change times in minutes, now in minutes) to a verdict. */
class FlapRuleTest {

    static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
    static final Thresholds DEFAULT = Thresholds.DEFAULT;

    static Instant at(double minutes) {
        return T0.plusMillis(Math.round(minutes * 60_000));
    }

    static List<Instant> times(double... minutes) {
        return Arrays.stream(minutes).mapToObj(FlapRuleTest::at).toList();
    }

    static Stream<Arguments> table() {
        return Stream.of(
                // flapping, changes (min), now (min), expected verdict kind, detail
                Arguments.of(false, times(), 0, "Steady", "no changes"),
                Arguments.of(false, times(1, 2, 3), 3, "Steady", "3 changes are not enough"),
                Arguments.of(false, times(1, 2, 3, 4), 4, "Starts", "the 4th change within 10 min starts it"),
                Arguments.of(false, times(0, 3, 6, 10), 10, "Steady", "the first change is exactly 10 min old: out"),
                Arguments.of(false, times(0.5, 3, 6, 10), 10, "Starts", "all 4 inside the window"),
                Arguments.of(false, times(0, 1, 2, 15, 16, 17), 17, "Steady", "old changes do not count"),
                Arguments.of(false, times(0, 1, 2, 3, 4), 4, "Starts", "5 changes: starts with all 5"),
                Arguments.of(true, times(1, 2, 3, 4), 5, "Continues", "1 min after the last change"),
                Arguments.of(true, times(1, 2, 3, 4), 13.9, "Continues", "9.9 min on one status"),
                Arguments.of(true, times(1, 2, 3, 4), 14, "Ends", "10 min on one status ends it"),
                Arguments.of(true, times(1, 2, 3, 4, 12), 21, "Continues", "a new change restarts the calm period"),
                Arguments.of(true, times(1, 2, 3, 4, 12), 22, "Ends", "calm again 10 min after the last change"));
    }

    @ParameterizedTest(name = "{4}")
    @MethodSource("table")
    void decides(boolean flapping, List<Instant> changes, double now, String expected, String why) {
        Verdict v = FlapRule.decide(flapping, changes, at(now), DEFAULT);
        assertThat(v.getClass().getSimpleName()).as(why).isEqualTo(expected);
    }

    @Test
    void aStartCarriesTheChangesInTheWindowAndAnEndTheLastChange() {
        Verdict start = FlapRule.decide(false, times(0, 1, 2, 3, 4), at(10.5), DEFAULT);
        assertThat(start).isEqualTo(new Verdict.Starts(times(1, 2, 3, 4)));

        Verdict end = FlapRule.decide(true, times(1, 2, 3, 4), at(20), DEFAULT);
        assertThat(end).isEqualTo(new Verdict.Ends(at(4)));
    }

    @Test
    void thresholdsArePerServerAndChecked() {
        Thresholds strict = new Thresholds(2, Duration.ofMinutes(1), Duration.ofMinutes(2));
        assertThat(FlapRule.decide(false, times(0.2, 0.9), at(1), strict)).isInstanceOf(Verdict.Starts.class);
        assertThat(FlapRule.decide(false, times(0.2, 0.9), at(1), DEFAULT)).isInstanceOf(Verdict.Steady.class);
        assertThatThrownBy(() -> new Thresholds(1, Duration.ofMinutes(1), Duration.ofMinutes(1)))
                .hasMessageContaining("at least 2");
        assertThatThrownBy(() -> new Thresholds(4, Duration.ZERO, Duration.ofMinutes(1)))
                .hasMessageContaining("positive");
    }
}
