package dev.healthbot.serversfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.healthbot.monitor.Assertions;
import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.MonitorSettings;
import dev.healthbot.monitor.Origin;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The assertion keys of the servers file, read and exported. */
class ServersFileAssertionsTest {

    private static List<MonitorSettings> parse(String yaml) {
        return ServersFile.parse("servers.yml", new StringReader(yaml));
    }

    @Test
    void readsTheAssertionKeysAndExportsThemBack() {
        List<MonitorSettings> s = parse(
                """
                servers:
                  - name: orders
                    url: https://orders.internal/actuator/health
                    expected_status: actuator
                    expect_json: '$.components.db.status == "UP" and $.measurements[0].value < 0.9'
                    expect_body: '"status"'
                    expect_body_not: OUT_OF_SERVICE
                    latency_max: 800ms
                """);
        Assertions a = s.get(0).options().assertions();
        assertThat(a.json())
                .extracting(Object::toString)
                .containsExactly(
                        "$.status == \"UP\"", "$.components.db.status == \"UP\"", "$.measurements[0].value < 0.9");
        assertThat(a.bodyContains()).isEqualTo("\"status\"");
        assertThat(a.bodyNotContains()).isEqualTo("OUT_OF_SERVICE");
        assertThat(a.latencyMax()).isEqualTo(Duration.ofMillis(800));

        String yaml = ServersFile.render(List.of(new Monitor(1, s.get(0), Origin.FILE, Instant.EPOCH)));
        assertThat(yaml)
                .contains("expect_json: \"$.status == \\\"UP\\\" and $.components.db.status == \\\"UP\\\" and")
                .contains("latency_max: \"800ms\"");
        assertThat(parse(yaml)).containsExactly(s.get(0));
    }

    @Test
    void aBadRuleNamesItsLineAndTheReason() {
        ServersFileException e = catchThrowableOfType(
                ServersFileException.class,
                () -> parse(
                        """
                        servers:
                          - name: orders
                            url: https://orders.internal/health
                            expect_json: status == UP
                        """));
        assertThat(e.getMessage()).contains("line 4: expect_json: a JSON rule starts with a path like $.status");
    }

    @Test
    void aPlainServerExportsNoAssertionKeys() {
        MonitorSettings plain =
                parse("servers:\n  - name: db\n    url: tcp://10.0.0.5:5432\n").get(0);
        assertThat(ServersFile.render(List.of(new Monitor(1, plain, Origin.FILE, Instant.EPOCH))))
                .doesNotContain("expect_")
                .doesNotContain("latency_max");
    }
}
