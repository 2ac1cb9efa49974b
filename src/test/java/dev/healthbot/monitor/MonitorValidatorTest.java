package dev.healthbot.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MonitorValidatorTest {

    private static MonitorDraft draft(
            String name, String url, String env, String every, String timeout, String codes, String n, String m) {
        return new MonitorDraft(name, url, env, every, timeout, codes, n, m, null);
    }

    @Test
    void nameAndUrlAloneMakeAValidServerWithDefaults() {
        var r = MonitorValidator.validate(MonitorDraft.of("api-live", "https://api.example.com/health"));
        assertThat(r.valid()).isTrue();
        MonitorSettings s = r.settings();
        assertThat(s.environment()).isEqualTo(Environment.DEV);
        assertThat(s.interval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.thresholds()).isEqualTo(new Thresholds(3, 2));
        assertThat(s.expectedStatus().matches(200)).isTrue();
        assertThat(s.expectedStatus().matches(299)).isTrue();
        assertThat(s.expectedStatus().matches(301))
                .as("redirects are followed, not expected")
                .isFalse();
        assertThat(s.expectedStatus().matches(404)).isFalse();
        assertThat(s.alertsEnabled()).isTrue();
    }

    static Stream<Arguments> invalid() {
        String ok = "http://127.0.0.1:8080/";
        return Stream.of(
                Arguments.of(draft("", ok, null, null, null, null, null, null), Field.NAME, "required"),
                Arguments.of(draft("a".repeat(65), ok, null, null, null, null, null, null), Field.NAME, "64"),
                Arguments.of(draft("bad name", ok, null, null, null, null, null, null), Field.NAME, "letters"),
                Arguments.of(draft("x;drop", ok, null, null, null, null, null, null), Field.NAME, "letters"),
                Arguments.of(draft("api", "", null, null, null, null, null, null), Field.URL, "required"),
                Arguments.of(draft("api", "ftp://x/", null, null, null, null, null, null), Field.URL, "scheme"),
                Arguments.of(draft("api", "example.com", null, null, null, null, null, null), Field.URL, "scheme"),
                Arguments.of(draft("api", "http://", null, null, null, null, null, null), Field.URL, ""),
                Arguments.of(draft("api", "tcp://db.local", null, null, null, null, null, null), Field.URL, "port"),
                Arguments.of(
                        draft("api", "http://x/" + "a".repeat(2048), null, null, null, null, null, null),
                        Field.URL,
                        "2048"),
                Arguments.of(
                        draft("api", ok, "PROD", null, null, null, null, null),
                        Field.ENVIRONMENT,
                        "DEV, STAGE or LIVE"),
                Arguments.of(draft("api", ok, null, "0s", null, null, null, null), Field.INTERVAL, "1s to 24h"),
                Arguments.of(draft("api", ok, null, "25h", null, null, null, null), Field.INTERVAL, "1s to 24h"),
                Arguments.of(draft("api", ok, null, "-5s", null, null, null, null), Field.INTERVAL, "durations"),
                Arguments.of(draft("api", ok, null, "soon", null, null, null, null), Field.INTERVAL, "durations"),
                Arguments.of(draft("api", ok, null, null, "50ms", null, null, null), Field.TIMEOUT, "100ms to 60s"),
                Arguments.of(draft("api", ok, null, null, "61s", null, null, null), Field.TIMEOUT, "100ms to 60s"),
                Arguments.of(draft("api", ok, null, "2s", "3s", null, null, null), Field.TIMEOUT, "interval"),
                Arguments.of(draft("api", ok, null, null, null, "abc", null, null), Field.EXPECTED_STATUS, "200-299"),
                Arguments.of(
                        draft("api", ok, null, null, null, "299-200", null, null), Field.EXPECTED_STATUS, "100 to 599"),
                Arguments.of(
                        draft("api", ok, null, null, null, "700", null, null), Field.EXPECTED_STATUS, "100 to 599"),
                Arguments.of(
                        draft("api", ok, null, null, null, null, "0", null), Field.FAILURES_BEFORE_DOWN, "1 to 10"),
                Arguments.of(
                        draft("api", ok, null, null, null, null, "11", null), Field.FAILURES_BEFORE_DOWN, "1 to 10"),
                Arguments.of(
                        draft("api", ok, null, null, null, null, null, "x"), Field.SUCCESSES_BEFORE_UP, "1 to 10"));
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("invalid")
    void invalidInputIsRefusedOnItsField(MonitorDraft draft, Field field, String words) {
        var r = MonitorValidator.validate(draft);
        assertThat(r.valid()).isFalse();
        assertThat(r.settings()).isNull();
        assertThat(r.errors()).containsKey(field);
        assertThat(r.errors().get(field)).contains(words);
    }

    @Test
    void everySettingIsRead() {
        var r = MonitorValidator.validate(
                draft("db.live_1", "tcp://10.0.0.5:5432", "live", "1s", "100ms", "200-299,301", "1", "10"));
        assertThat(r.errors()).isEmpty();
        var s = r.settings();
        assertThat(s.target().kind()).isEqualTo(ProbeKind.TCP);
        assertThat(s.environment()).isEqualTo(Environment.LIVE);
        assertThat(s.interval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.timeout()).isEqualTo(Duration.ofMillis(100));
        assertThat(s.expectedStatus().matches(301)).isTrue();
        assertThat(s.expectedStatus().matches(302)).isFalse();
        assertThat(s.thresholds()).isEqualTo(new Thresholds(1, 10));
    }
}
