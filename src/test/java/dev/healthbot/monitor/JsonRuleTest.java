package dev.healthbot.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonRuleTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            $.status == "UP"                         | $.status                        | EQ | "UP"
            $.status=="UP"                           | $.status                        | EQ | "UP"
            $.components.db.status != 'DOWN'         | $.components.db.status          | NE | "DOWN"
            $.measurements[0].value < 0.9            | $.measurements[0].value         | LT | 0.9
            $.measurements[0].value <= 1e2           | $.measurements[0].value         | LE | 100
            $.items.length() > 0                     | $.items.length()                | GT | 0
            $.free >= -3                             | $.free                          | GE | -3
            $.ok == true                             | $.ok                            | EQ | true
            $.error == null                          | $.error                         | EQ | null
            $['a key'] == "x == y"                   | $['a key']                      | EQ | "x == y"
            $.items[?(@.up == false)].length() == 0  | $.items[?(@.up == false)].length() | EQ | 0
            $.text == "say \\"hi\\""                 | $.text                          | EQ | "say \\"hi\\""
            $.status == “UP”                         | $.status                        | EQ | "UP"
            """)
    void readsARule(String text, String path, JsonRule.Op op, String literal) {
        List<JsonRule> rules = JsonRule.parseAll(text);
        assertThat(rules).hasSize(1);
        JsonRule r = rules.get(0);
        assertThat(r.path()).isEqualTo(path);
        assertThat(r.op()).isEqualTo(op);
        assertThat(r.expectedText()).isEqualTo(literal);
        // what is stored reads back the same
        assertThat(JsonRule.parseAll(r.toString())).containsExactly(r);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            status == "UP"                     | starts with a path like $.status
            $.status                           | has no ==, !=, <, <=, > or >=
            $.status = "UP"                    | two equals signs
            $.status == UP                     | must be a quoted string
            $.status ==                        | a value is missing
            $.value < "high"                   | < compares numbers
            $.a b == 1                         | a path has no spaces
            $.items[0 == 1                     | unbalanced
            $.a] == 1                          | unbalanced
            $status == 1                       | goes on with . or [
            $.a. == 1                          | does not end with a dot
            $.status == "UP" "DOWN"            | one quoted string
            $.status == "UP" and               | a JSON rule is missing around `and`
            """)
    void refusesABadRuleWithTheReason(String text, String reason) {
        assertThatThrownBy(() -> JsonRule.parseAll(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }

    @org.junit.jupiter.api.Test
    void rulesAreJoinedByAndOutsideQuotes() {
        List<JsonRule> rules =
                JsonRule.parseAll("$.status == \"UP and running\" and $.db.pool.free > 2 AND $.ok == true");
        assertThat(rules)
                .containsExactly(
                        new JsonRule("$.status", JsonRule.Op.EQ, "UP and running"),
                        new JsonRule("$.db.pool.free", JsonRule.Op.GT, new BigDecimal("2")),
                        new JsonRule("$.ok", JsonRule.Op.EQ, Boolean.TRUE));
        assertThat(JsonRule.format(rules))
                .isEqualTo("$.status == \"UP and running\" and $.db.pool.free > 2 and $.ok == true");
    }

    @org.junit.jupiter.api.Test
    void limitsTheNumberAndLengthOfRules() {
        String eleven = String.join(" and ", java.util.Collections.nCopies(11, "$.a == 1"));
        assertThatThrownBy(() -> JsonRule.parseAll(eleven)).hasMessageContaining("at most 10 JSON rules");
        assertThatThrownBy(() -> JsonRule.parseAll("$.a == \"" + "x".repeat(1000) + "\""))
                .hasMessageContaining("at most 1000 characters");
        assertThat(JsonRule.parseAll("  ")).isEmpty();
    }
}
