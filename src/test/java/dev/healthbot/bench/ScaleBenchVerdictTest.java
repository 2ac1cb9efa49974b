package dev.healthbot.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The scale bench writes "met" or "missed" into docs/: rounding for display must not decide it. */
class ScaleBenchVerdictTest {

    private static String cpuRow(double cpuPer1000) {
        ScaleBench bench = new ScaleBench(Path.of("target"));
        bench.exact("http.cpuPer1000", cpuPer1000, 3);
        return bench.render(Duration.ofMinutes(1))
                .lines()
                .filter(l -> l.contains("CPU seconds per 1,000 probes"))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aFigureJustOverTheTargetIsMissedThoughItRoundsToIt() {
        assertThat(cpuRow(0.35324)).contains("| 0.353 |").endsWith("| **missed** |");
        assertThat(cpuRow(0.35004)).contains("| 0.350 |").endsWith("| **missed** |");
    }

    @Test
    void aFigureAtOrUnderTheTargetIsMet() {
        assertThat(cpuRow(0.35)).endsWith("| met |");
        assertThat(cpuRow(0.26012)).contains("| 0.260 |").endsWith("| met |");
    }

    @Test
    void theUnroundedValuesStayOutOfTheTables() {
        ScaleBench bench = new ScaleBench(Path.of("target"));
        bench.exact("size.fullMb", 64.2816, 2);
        String doc = bench.render(Duration.ofMinutes(1));
        assertThat(doc).contains("| `size.fullMb` | 64.28 |").doesNotContain("Exact");
    }
}
