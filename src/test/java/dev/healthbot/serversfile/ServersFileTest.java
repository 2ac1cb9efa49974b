package dev.healthbot.serversfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.healthbot.monitor.Environment;
import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.MonitorSettings;
import dev.healthbot.monitor.Origin;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServersFileTest {

    private static List<MonitorSettings> parse(String yaml) {
        return ServersFile.parse("servers.yml", new StringReader(yaml));
    }

    @Test
    void readsEverySettingWithDefaultsForTheRest() {
        List<MonitorSettings> s = parse(
                """
                servers:
                  - name: api-live
                    url: https://api.example.com/health
                    environment: LIVE
                    interval: 30s
                    timeout: 2s
                    expected_status: 200-299,301
                    failures_before_down: 2
                    successes_before_up: 1
                    alerts: false
                  - name: db
                    url: tcp://127.0.0.1:5432
                """);
        assertThat(s).hasSize(2);
        assertThat(s.get(0).environment()).isEqualTo(Environment.LIVE);
        assertThat(s.get(0).interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.get(0).alertsEnabled()).isFalse();
        assertThat(s.get(0).thresholds().failuresBeforeDown()).isEqualTo(2);
        assertThat(s.get(1).interval()).isEqualTo(MonitorSettings.DEFAULT_INTERVAL);
    }

    @Test
    void anInvalidFileNamesTheLineAndTheFieldAtFault() {
        ServersFileException e = catchThrowableOfType(
                ServersFileException.class,
                () -> parse(
                        """
                servers:
                  - name: api
                    url: https://api.example.com/
                    interval: often
                  - name: api
                    url: http://x/
                    colour: red
                """));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("line 4: interval:"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("line 7: unknown field `colour`"));
        assertThat(e.getMessage()).contains("servers.yml");
    }

    @Test
    void duplicateNamesAndBrokenYamlAreRefused() {
        ServersFileException dup = catchThrowableOfType(
                ServersFileException.class,
                () -> parse(
                        """
                servers:
                  - {name: a, url: "http://x/"}
                  - {name: A, url: "http://y/"}
                """));
        assertThat(dup.problems()).anySatisfy(p -> assertThat(p).contains("listed twice"));
        ServersFileException broken =
                catchThrowableOfType(ServersFileException.class, () -> parse("servers: [\n  - x: 1"));
        assertThat(broken.getMessage()).contains("line").contains("not valid YAML");
    }

    @Test
    void exportWritesAFileThatReadsBackWithCredentialsMasked() {
        MonitorSettings s = parse(
                        """
                servers:
                  - name: "api.live"
                    url: "https://u:pw@api.example.com/h?token=abc"
                    environment: STAGE
                """)
                .get(0);
        String yaml = ServersFile.render(List.of(new Monitor(1, s, Origin.SLACK, Instant.EPOCH)));
        assertThat(yaml).doesNotContain("pw@").doesNotContain("token=abc");
        List<MonitorSettings> back = parse(yaml);
        assertThat(back.get(0).name()).isEqualTo("api.live");
        assertThat(back.get(0).environment()).isEqualTo(Environment.STAGE);
        assertThat(back.get(0).target().masked()).isEqualTo(s.target().masked());
        assertThat(parse(ServersFile.render(List.of()))).isEmpty();
    }
}
