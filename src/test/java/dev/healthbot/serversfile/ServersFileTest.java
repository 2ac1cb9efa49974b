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

    /** {@code count} servers, one per entry, as a generated inventory would list them. */
    private static String generated(int count, int badAt) {
        StringBuilder b = new StringBuilder(count * 140).append("servers:\n");
        for (int i = 0; i < count; i++) {
            b.append("  - name: server-").append(i).append('\n');
            b.append("    url: http://10.")
                    .append(i / 65536)
                    .append('.')
                    .append(i / 256 % 256)
                    .append('.')
                    .append(i % 256)
                    .append(":8080/health\n");
            b.append("    environment: ").append(i % 3 == 0 ? "LIVE" : "DEV").append('\n');
            b.append("    interval: ").append(i == badAt ? "soon" : "60s").append('\n');
            b.append("    timeout: 5s\n");
        }
        return b.toString();
    }

    @Test
    void aHundredThousandServersLoad(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        String text = generated(100_000, -1);
        assertThat(text.length()).as("over SnakeYAML's default limit of 3 MiB").isGreaterThan(5 * 1024 * 1024);
        java.nio.file.Path file = dir.resolve("servers.yml");
        java.nio.file.Files.writeString(file, text);
        List<MonitorSettings> all = ServersFile.read(file);
        assertThat(all).hasSize(100_000);
        assertThat(all.get(0).name()).isEqualTo("server-0");
        assertThat(all.get(0).environment()).isEqualTo(Environment.LIVE);
        assertThat(all.get(99_999).name()).isEqualTo("server-99999");
        assertThat(all.get(99_999).target().toString()).contains("10.1.134.159:8080");
        assertThat(all.get(70_001).interval()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void anInvalidFileOverTheOldLimitNamesItsRealLineAndField() {
        // entry 90,000 has a bad interval: 5 lines an entry, after the `servers:` line
        ServersFileException e =
                catchThrowableOfType(ServersFileException.class, () -> parse(generated(100_000, 90_000)));
        assertThat(e.problems()).containsExactly(e.problems().get(0));
        assertThat(e.problems().get(0)).startsWith("line " + (1 + 90_000 * 5 + 4) + ": interval:");
    }

    @Test
    void aFileOverTheLimitIsRefusedWithTheLimitNotCalledInvalid(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("servers.yml");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(ServersFile.MAX_CHARACTERS + 1L); // sparse: nothing is written
        }
        ServersFileException e = catchThrowableOfType(ServersFileException.class, () -> ServersFile.read(file));
        assertThat(e.problems()).containsExactly(ServersFile.TOO_LARGE);
        assertThat(e.getMessage()).contains("64 MiB").doesNotContain("not valid YAML");
    }

    @Test
    void aMaintenanceSectionPlansWindowsByEndOrDuration() {
        ServersFile.Contents c = ServersFile.parseAll(
                "servers.yml",
                new StringReader(
                        """
                servers:
                  - name: db
                    url: tcp://127.0.0.1:5432
                maintenance:
                  - target: db
                    start: 2026-12-24T08:00+01:00
                    end: 2026-12-24T10:00+01:00
                    reason: database upgrade
                  - target: LIVE
                    start: 2026-12-31T22:00
                    duration: 3h
                """));
        assertThat(c.servers()).hasSize(1);
        assertThat(c.maintenance())
                .containsExactly(
                        new ServersFile.PlannedWindow(
                                "db",
                                Instant.parse("2026-12-24T07:00:00Z"),
                                Instant.parse("2026-12-24T09:00:00Z"),
                                "database upgrade",
                                5),
                        new ServersFile.PlannedWindow(
                                "LIVE",
                                Instant.parse("2026-12-31T22:00:00Z"),
                                Instant.parse("2026-12-31T22:00:00Z").plus(Duration.ofHours(3)),
                                "",
                                9));
        // The servers alone, as before: the section does not get in their way.
        assertThat(parse("maintenance: []\nservers:\n  - name: a\n    url: http://127.0.0.1/\n"))
                .hasSize(1);
    }

    @Test
    void aBadMaintenanceEntryNamesItsLineAndWhatIsWrong() {
        ServersFileException e = catchThrowableOfType(
                ServersFileException.class,
                () -> ServersFile.parseAll(
                        "servers.yml",
                        new StringReader(
                                """
                maintenance:
                  - target: db
                    start: 2026-12-24T08:00Z
                  - target: db
                    start: 2026-12-24T08:00Z
                    end: 2026-12-24T10:00Z
                    duration: 2h
                  - target: db
                    start: tomorrow
                    duration: 2h
                  - target: db
                    start: 2026-12-24T08:00Z
                    end: 2026-12-24T07:00Z
                  - target: db
                    start: 2026-12-24T08:00Z
                    duration: 40d
                  - start: 2026-12-24T08:00Z
                    duration: 2h
                  - target: db
                    start: 2026-12-24T08:00Z
                    duration: 2h
                    colour: red
                  - target: db
                    start: 2026-12-24T08:00Z
                    duration: 30s
                """)));
        assertThat(e.problems())
                .containsExactly(
                        "line 2: a window has either end: or duration:, not neither",
                        "line 4: a window has either end: or duration:, not both",
                        "line 9: start: looks like 2026-12-24T08:00Z, not tomorrow",
                        "line 11: a window must end after it starts",
                        "line 14: a window lasts at most 31 days",
                        "line 17: target: a server, DEV, STAGE, LIVE or all is needed",
                        "line 22: unknown field `colour` of a maintenance window; fields are target, start, end,"
                                + " duration, reason",
                        "line 25: duration: a window lasts at least 1m");
    }
}
