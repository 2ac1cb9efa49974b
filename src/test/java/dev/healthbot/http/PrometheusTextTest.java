package dev.healthbot.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The test parser itself is strict: what Prometheus would refuse, it refuses. */
class PrometheusTextTest {

    @Test
    void readsEscapedLabelValuesAndSpecialValues() {
        PrometheusText p = PrometheusText.parse(
                """
                # HELP x_total a \\\\ help\\nline
                # TYPE x counter
                x_total{a="q\\"uote",b="back\\\\slash",c="new\\nline"} 3
                # TYPE y gauge
                y NaN
                y{k="v"} +Inf 1700000000000
                """);
        assertThat(p.value("x_total", "a", "q\"uote", "b", "back\\slash", "c", "new\nline"))
                .contains(3.0);
        assertThat(p.value("y", "k", "v")).contains(Double.POSITIVE_INFINITY);
        assertThat(p.value("y").orElseThrow()).isNaN();
    }

    @Test
    void refusesWhatPrometheusWouldRefuse() {
        String[] bad = {
            "x 1\n", // no TYPE
            "# TYPE x gauge\nx{a=\"b} 1\n", // unterminated value
            "# TYPE x gauge\nx{a=\"b\\q\"} 1\n", // bad escape
            "# TYPE x gauge\nx{1a=\"b\"} 1\n", // bad label name
            "# TYPE x gauge\nx one\n", // bad value
            "# TYPE x gauge\nx 1\nx 2\n", // a series twice
            "# TYPE x gauge\nx 1\n# TYPE y gauge\ny 1\n# TYPE x gauge\n", // a family split
            "# TYPE x gauge\nz 1\n", // a sample outside its family
            "# TYPE x gauge\nx 1", // no final newline
            "# TYPE x wobbly\nx 1\n", // unknown type
        };
        for (String text : bad) {
            assertThatThrownBy(() -> PrometheusText.parse(text)).as(text).isInstanceOf(RuntimeException.class);
        }
    }
}
