package dev.healthbot.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.healthbot.monitor.Assertions;
import dev.healthbot.monitor.JsonRule;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BodyAssertionsTest {

    private static final String HEALTH =
            """
            {"status":"UP","components":{"db":{"status":"DOWN","details":{"pool":{"free":0}}}},
             "measurements":[{"statistic":"VALUE","value":0.95}],"items":[1,2,3],"empty":[],
             "ok":true,"missing":null,"version":"1.2","count":"7"}
            """;

    private static Optional<String> check(String rules, String body) {
        return BodyAssertions.failure(new Assertions(null, null, JsonRule.parseAll(rules), null), body, true);
    }

    /** Each rule against the health JSON above: empty detail when it holds, else the detail. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            $.status == "UP"                           |
            $.status != "DOWN"                         |
            $.components.db.status == "UP"             | $.components.db.status was "DOWN", expected "UP"
            $.components.db.status != "DOWN"           | $.components.db.status was "DOWN", expected not "DOWN"
            $.measurements[0].value < 0.9              | $.measurements[0].value was 0.95, expected < 0.9
            $.measurements[0].value <= 0.95            |
            $.measurements[0].value == 0.950           |
            $.components.db.details.pool.free > 0      | $.components.db.details.pool.free was 0, expected > 0
            $.components.db.details.pool.free >= 0     |
            $.items.length() > 0                       |
            $.items.length() == 3                      |
            $.empty.length() > 0                       | $.empty.length() was 0, expected > 0
            $.items[1] == 2                            |
            $.items[5] == 2                            | $.items[5] was missing, expected 2
            $.ok == true                               |
            $.ok == false                              | $.ok was true, expected false
            $.ok == "true"                             | $.ok was true, expected "true"
            $.missing == null                          |
            $.missing != null                          | $.missing was null, expected not null
            $.nothing == "x"                           | $.nothing was missing, expected "x"
            $.version == 1.2                           | $.version was "1.2", expected 1.2
            $.count > 5                                | $.count was "7", expected > 5
            $.items == 1                               | $.items was [1,2,3], expected 1
            $.components.db.status.x == 1              | $.components.db.status.x was missing, expected 1
            $.status == "UP" and $.ok == false         | $.ok was false, expected false
            """)
    void evaluatesRules(String rules, String failure) {
        Optional<String> result = check(rules, HEALTH);
        if (failure == null) {
            assertThat(result).isEmpty();
        } else if (failure.equals("$.ok was false, expected false")) {
            // the second rule fails: the detail names that one
            assertThat(result).contains("$.ok was true, expected false");
        } else {
            assertThat(result).contains(failure);
        }
    }

    @Test
    void aBodyThatIsNotJsonFailsNamingTheRule() {
        assertThat(check("$.status == \"UP\"", "<html>Service Unavailable</html>"))
                .contains("body is not JSON, expected $.status == \"UP\"");
        assertThat(check("$.status == \"UP\"", "UP")).contains("body is not JSON, expected $.status == \"UP\"");
        assertThat(check("$.status == \"UP\"", "{\"status\":"))
                .contains("body is not JSON, expected $.status == \"UP\"");
        assertThat(check("$.status == \"UP\"", "")).contains("body is not JSON, expected $.status == \"UP\"");
    }

    @Test
    void anArrayBodyIsJson() {
        assertThat(check("$[0].status == \"UP\" and $.length() == 2", "[{\"status\":\"UP\"},{}]"))
                .isEmpty();
    }

    @Test
    void aPathTheLibraryRefusesIsAnAssertionFailureWithItsReason() {
        assertThat(check("$.a[x] == 1", HEALTH))
                .hasValueSatisfying(d -> assertThat(d).startsWith("$.a[x] is not a valid JSON path"));
    }

    @Test
    void aCutBodyIsNotReadAsJson() {
        Assertions a = new Assertions(null, null, JsonRule.parseAll("$.status == \"UP\""), null);
        assertThat(BodyAssertions.failure(a, "{\"status\":\"UP\"", false))
                .contains("body is larger than 64 KiB, too large for the JSON rule $.status == \"UP\"");
    }

    @Test
    void bodyTextMustBeThereOrNot() {
        Assertions contains = new Assertions("all good", null, List.of(), null);
        assertThat(BodyAssertions.failure(contains, "status: all good", true)).isEmpty();
        assertThat(BodyAssertions.failure(contains, "status: degraded", true))
                .contains("body does not contain \"all good\"");
        assertThat(BodyAssertions.failure(contains, "status: degraded", false))
                .contains("body does not contain \"all good\" (in its first 64 KiB)");
        Assertions not = new Assertions(null, "ERROR", List.of(), null);
        assertThat(BodyAssertions.failure(not, "fine", true)).isEmpty();
        assertThat(BodyAssertions.failure(not, "an ERROR here", true)).contains("body contains \"ERROR\"");
    }

    @Test
    void aLongFoundValueIsCut() {
        String big = "{\"status\":\"" + "D".repeat(500) + "\"}";
        String detail = check("$.status == \"UP\"", big).orElseThrow();
        assertThat(detail).hasSizeLessThan(200).contains("…").endsWith(", expected \"UP\"");
    }
}
