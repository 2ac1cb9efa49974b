package dev.healthbot.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The warning rule from a table: time left, threshold and the step already claimed, to the step due. */
class CertificateRuleTest {

    /** {@code 5d}, {@code 36h}, {@code 30m}, {@code -2h}; {@code -} is null (none claimed / none due). */
    private static Duration d(String text) {
        if (text.equals("-")) {
            return null;
        }
        boolean negative = text.startsWith("-");
        String t = negative ? text.substring(1) : text;
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        Duration v =
                switch (t.charAt(t.length() - 1)) {
                    case 'd' -> Duration.ofDays(n);
                    case 'h' -> Duration.ofHours(n);
                    case 'm' -> Duration.ofMinutes(n);
                    default -> throw new IllegalArgumentException(text);
                };
        return negative ? v.negated() : v;
    }

    @ParameterizedTest(name = "left {0}, threshold {1}, claimed {2}: due {3}")
    @CsvSource({
        // far from expiry: nothing
        "30d, 14d, -, -",
        "14d, 14d, -, -", // exactly the threshold is not less than it
        // first sight inside the threshold: the threshold's own step
        "13d, 14d, -, 14d",
        "8d, 14d, -, 14d",
        // first sight late: only the step it is in, one post (5 days: the 7-day step)
        "5d, 14d, -, 7d",
        "12h, 14d, -, 1d",
        "-2h, 14d, -, 1d", // expired: still the last step
        // steps already claimed
        "13d, 14d, 14d, -",
        "8d, 14d, 14d, -",
        "6d, 14d, 14d, 7d",
        "5d, 14d, 7d, -",
        "23h, 14d, 7d, 1d",
        "23h, 14d, 1d, -",
        "-5d, 14d, 1d, -",
        // a threshold raised after a warning does not warn again for a step already passed
        "10d, 30d, 14d, -",
        "6d, 30d, 14d, 7d",
        // a threshold lowered: its steps only
        "5d, 3d, -, -",
        "2d, 3d, -, 3d",
        "20h, 3d, 3d, 1d",
        "20h, 12h, -, -",
        "11h, 12h, -, 12h",
        "30m, 12h, 12h, -", // no 7 d or 1 d step below a 12 h threshold
        // exactly 7 days left is not less than 7 days
        "7d, 14d, 14d, -",
        // off
        "1h, 0d, -, -",
    })
    void theDueStep(String left, String threshold, String claimed, String due) {
        Optional<Duration> step = CertificateRule.due(d(left), d(threshold), d(claimed));
        assertThat(step.orElse(null)).isEqualTo(d(due));
    }

    @ParameterizedTest(name = "threshold {0}: steps {1}")
    @CsvSource({"14d, 14d 7d 1d", "30d, 30d 7d 1d", "7d, 7d 1d", "3d, 3d 1d", "1d, 1d", "12h, 12h", "0d, ''"})
    void theStepsOfAThreshold(String threshold, String steps) {
        assertThat(CertificateRule.steps(d(threshold)).stream()
                        .map(s -> s.toHours() % 24 == 0 ? s.toDays() + "d" : s.toHours() + "h")
                        .toList())
                .isEqualTo(
                        steps == null || steps.isBlank() ? java.util.List.of() : java.util.List.of(steps.split(" ")));
    }

    @ParameterizedTest(name = "{0} left: {1} days")
    @CsvSource({"5d, 5", "119h, 4", "23h, 0", "-1h, -1", "-25h, -2"})
    void daysLeftRoundDown(String left, long days) {
        assertThat(CertificateRule.daysLeft(d(left))).isEqualTo(days);
    }
}
