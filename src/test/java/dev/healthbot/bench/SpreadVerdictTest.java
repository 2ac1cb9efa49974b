package dev.healthbot.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The spread and JSON sections the scale bench writes into docs/: their verdicts and figures. */
class SpreadVerdictTest {

    private static String verdict(String section) {
        return section.lines()
                .filter(l -> l.startsWith("| probes in every second"))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void everySecondWithinTenPercentIsMet() {
        long[] counts = new long[60];
        Arrays.fill(counts, 100);
        counts[3] = 90;
        counts[40] = 110;
        String section = ScaleBench.renderSpread(1000, Duration.ofSeconds(30), counts);
        assertThat(verdict(section))
                .contains("| 90 to 110 |")
                .contains("min 90, max 110")
                .contains("0 of 60 seconds outside")
                .endsWith("| met |");
        assertThat(section).contains("| 0–9 | 100 100 100 90 100");
    }

    @Test
    void oneSecondOutsideIsMissed() {
        long[] counts = new long[60];
        Arrays.fill(counts, 100);
        counts[7] = 111;
        assertThat(verdict(ScaleBench.renderSpread(1000, Duration.ofSeconds(30), counts)))
                .contains("1 of 60 seconds outside")
                .endsWith("| **missed** |");
        // all checks in one second and none in the nine others: what issue 12 was about
        long[] burst = new long[10];
        burst[0] = 1000;
        assertThat(verdict(ScaleBench.renderSpread(1000, Duration.ofSeconds(30), burst)))
                .contains("10 of 10 seconds outside")
                .endsWith("| **missed** |");
    }

    @Test
    void theJsonSectionPutsBothMediansSideBySide() {
        String section = ScaleBench.renderJson(
                10_000, List.of(0.20, 0.30, 0.25), List.of(0.28, 0.26, 0.40), List.of("jsonplain-1 99.9 %"));
        assertThat(section)
                .contains("| plain (status code only) | 0.250 | 0.200, 0.300, 0.250 |")
                .contains("| with the JSON assertion | 0.280 | 0.280, 0.260, 0.400 |")
                .contains("costs +0.030 CPU seconds per 1,000 probes (+12 %)");
    }
}
