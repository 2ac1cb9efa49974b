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

/** {@code kind: heartbeat} in the servers file: read, refused when it carries a key, exported without one. */
class HeartbeatServersFileTest {

    private static List<MonitorSettings> parse(String yaml) {
        return ServersFile.parse("servers.yml", new StringReader(yaml));
    }

    @Test
    void aHeartbeatEntryHasAPeriodAndAGraceAndThresholdsOfOne() {
        List<MonitorSettings> s = parse(
                """
                servers:
                  - name: nightly-backup
                    kind: heartbeat
                    period: 1d
                    grace: 30m
                    environment: LIVE
                  - name: api
                    kind: url
                    url: https://api.example.com/health
                """);
        assertThat(s).hasSize(2);
        MonitorSettings hb = s.get(0);
        assertThat(hb.heartbeat()).isTrue();
        assertThat(hb.period()).isEqualTo(Duration.ofDays(1));
        assertThat(hb.grace()).isEqualTo(Duration.ofMinutes(30));
        assertThat(hb.environment()).isEqualTo(Environment.LIVE);
        assertThat(hb.thresholds()).isEqualTo(MonitorSettings.HEARTBEAT_THRESHOLDS);
        assertThat(s.get(1).heartbeat()).isFalse();
    }

    @Test
    void aKeyAUrlOnAHeartbeatAPeriodOnAUrlCheckAndBadBoundsAreRefusedByLine() {
        ServersFileException e = catchThrowableOfType(
                ServersFileException.class,
                () -> parse(
                        """
                        servers:
                          - name: a
                            kind: heartbeat
                            key: abcdefghijklmnopqrstuvwx
                          - name: b
                            kind: heartbeat
                            url: https://x.example.com
                          - name: c
                            url: https://x.example.com
                            grace: 5m
                          - name: d
                            kind: heartbeat
                            period: 30s
                            grace: 8d
                          - name: e
                            kind: cron
                        """));
        assertThat(String.join("\n", e.problems()))
                .contains("line 4: a heartbeat's key is never in the file")
                .doesNotContain("abcdefghijklmnopqrstuvwx")
                .contains("url: a heartbeat has no url")
                .contains("grace: period and grace are for `kind: heartbeat`")
                .contains("period (every) must be 1m to 31d")
                .contains("grace must be 1m to 7d")
                .contains("kind: must be url or heartbeat");
    }

    @Test
    void theExportWritesAHeartbeatWithoutItsKeyAndReadsBackTheSame() {
        MonitorSettings hb = MonitorSettings.heartbeat(
                "backup",
                Environment.STAGE,
                Duration.ofHours(6),
                Duration.ofMinutes(15),
                MonitorSettings.HEARTBEAT_THRESHOLDS,
                false);
        String yaml = ServersFile.render(List.of(new Monitor(1, hb, Origin.SLACK, Instant.EPOCH)));
        assertThat(yaml)
                .contains("kind: heartbeat")
                .contains("period: 6h")
                .doesNotContain("key")
                .doesNotContain("url:");
        assertThat(parse(yaml)).containsExactly(hb);
    }
}
