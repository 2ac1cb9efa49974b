package dev.healthbot.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Validation of the assertion settings: what is accepted, what is refused and why, and the actuator preset. */
class AssertionSettingsTest {

    private static final String URL = "http://127.0.0.1:8080/actuator/health";

    private static MonitorValidator.Result validate(String url, String expect, Map<Field, String> more) {
        return MonitorValidator.validate(
                new MonitorDraft("api", url, null, null, null, expect, null, null, null, more));
    }

    @Test
    void assertionsAreReadIntoTheSettingsAndBackIntoADraft() {
        var r = validate(
                URL,
                null,
                Map.of(
                        Field.EXPECT_JSON, "$.status == \"UP\" and $.measurements[0].value < 0.9",
                        Field.EXPECT_BODY, "UP",
                        Field.EXPECT_BODY_NOT, "OUT_OF_SERVICE",
                        Field.LATENCY_MAX, "800ms"));
        assertThat(r.errors()).isEmpty();
        Assertions a = r.settings().options().assertions();
        assertThat(a.json()).hasSize(2);
        assertThat(a.bodyContains()).isEqualTo("UP");
        assertThat(a.bodyNotContains()).isEqualTo("OUT_OF_SERVICE");
        assertThat(a.latencyMax()).isEqualTo(Duration.ofMillis(800));
        assertThat(a.needsBody()).isTrue();
        // the draft of the saved settings validates to the same settings (edit forms, export)
        assertThat(MonitorValidator.validate(MonitorDraft.from(r.settings())).settings())
                .isEqualTo(r.settings());
    }

    @Test
    void aPlainServerHasNoAssertionsAndNeverNeedsTheBody() {
        var r = validate(URL, null, Map.of());
        assertThat(r.settings().options()).isEqualTo(ProbeOptions.DEFAULT);
        assertThat(r.settings().options().assertions().needsBody()).isFalse();
        assertThat(MonitorDraft.from(r.settings()).more()).isEmpty();
    }

    @Test
    void theActuatorPresetExpectsStatusUpAndKeepsTheDefaultCodes() {
        var r = validate(URL, "Actuator", Map.of());
        assertThat(r.errors()).isEmpty();
        assertThat(r.settings().expectedStatus()).isEqualTo(StatusCodes.DEFAULT);
        assertThat(r.settings().options().assertions().json()).containsExactly(JsonRule.ACTUATOR);
        // with rules of its own, the preset's rule comes first, once
        var more = validate(URL, "actuator", Map.of(Field.EXPECT_JSON, "$.components.db.status == \"UP\""));
        assertThat(more.settings().options().assertions().json())
                .extracting(JsonRule::toString)
                .containsExactly("$.status == \"UP\"", "$.components.db.status == \"UP\"");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            EXPECT_JSON     | status == "UP"          | a JSON rule starts with a path like $.status
            EXPECT_JSON     | $.status = "UP"         | compare with == (two equals signs)
            EXPECT_JSON     | $.status == UP          | must be a quoted string
            EXPECT_JSON     | $.load > "high"         | > compares numbers
            LATENCY_MAX     | fast                    | durations look like
            LATENCY_MAX     | 5s                      | shorter than the timeout
            LATENCY_MAX     | 0ms                     | at least 1ms
            """)
    void aBadSettingIsRefusedOnItsFieldWithTheReason(Field field, String value, String reason) {
        var r = validate(URL, null, Map.of(field, value));
        assertThat(r.valid()).isFalse();
        assertThat(r.settings()).isNull();
        assertThat(r.errors()).containsOnlyKeys(field);
        assertThat(r.errors().get(field)).contains(reason);
    }

    @Test
    void bodyTextIsOneLineOfAtMost500Characters() {
        assertThat(validate(URL, null, Map.of(Field.EXPECT_BODY, "x".repeat(501)))
                        .errors()
                        .get(Field.EXPECT_BODY))
                .contains("at most 500");
        assertThat(validate(URL, null, Map.of(Field.EXPECT_BODY_NOT, "a\nb"))
                        .errors()
                        .get(Field.EXPECT_BODY_NOT))
                .contains("one line");
    }

    @Test
    void bodyAssertionsNeedAnHttpUrl() {
        assertThat(validate("tcp://127.0.0.1:5432", null, Map.of(Field.EXPECT_JSON, "$.a == 1"))
                        .errors()
                        .get(Field.EXPECT_JSON))
                .contains("http:// or https://");
        // a latency limit applies to every kind
        assertThat(validate("tcp://127.0.0.1:5432", null, Map.of(Field.LATENCY_MAX, "200ms"))
                        .valid())
                .isTrue();
    }

    @Test
    void aSlowAnswerFailsWithItsLatency() {
        Assertions a = new Assertions(null, null, List.of(), Duration.ofMillis(800));
        Instant at = Instant.parse("2030-01-01T00:00:00Z");
        ProbeResult fast = ProbeResult.up(at, Duration.ofMillis(800), "HTTP 200 OK");
        assertThat(a.limitLatency(fast)).isSameAs(fast);
        ProbeResult slow = a.limitLatency(ProbeResult.up(at, Duration.ofMillis(950), "HTTP 200 OK"));
        assertThat(slow.up()).isFalse();
        assertThat(slow.failure()).isEqualTo(FailureKind.SLOW);
        assertThat(slow.detail()).isEqualTo("answered in 950 ms, above the latency max of 800ms");
        ProbeResult down = ProbeResult.down(at, Duration.ofSeconds(2), FailureKind.HTTP_STATUS, "HTTP 503");
        assertThat(a.limitLatency(down)).isSameAs(down);
        assertThat(Assertions.NONE.limitLatency(slow)).isSameAs(slow);
    }
}
