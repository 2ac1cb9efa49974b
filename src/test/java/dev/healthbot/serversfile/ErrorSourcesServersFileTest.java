package dev.healthbot.serversfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.healthbot.alert.MutableClock;
import dev.healthbot.errors.ErrorSource;
import dev.healthbot.errors.ErrorSources;
import dev.healthbot.monitor.Environment;
import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.MonitorSettings;
import dev.healthbot.monitor.Origin;
import dev.healthbot.store.JdbiErrorRepository;
import dev.healthbot.store.SqliteStore;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The servers file's {@code errors:} section: read, refused by line when it carries a key or a wrong field, applied
 * to the real store (made with a fresh key, moved between environments, never removed), and exported with keys masked.
 */
class ErrorSourcesServersFileTest {

    @RegisterExtension
    final SqliteStore store = new SqliteStore();

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));

    private static ServersFile.Contents parse(String yaml) {
        return ServersFile.parseAll("servers.yml", new StringReader(yaml));
    }

    @Test
    void anErrorsSectionListsSourcesByNameAndEnvironmentBesideTheServers() {
        ServersFile.Contents c = parse(
                """
                servers:
                  - name: api
                    url: https://api.example.com/health
                errors:
                  - name: checkout-web
                    environment: LIVE
                  - name: batch.jobs
                    environment: dev
                  - name: admin_ui
                """);
        assertThat(c.servers()).extracting(MonitorSettings::name).containsExactly("api");
        assertThat(c.errorSources())
                .extracting(ServersFile.ErrorSourceEntry::name, ServersFile.ErrorSourceEntry::environment)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("checkout-web", Environment.LIVE),
                        org.assertj.core.groups.Tuple.tuple("batch.jobs", Environment.DEV),
                        org.assertj.core.groups.Tuple.tuple("admin_ui", Environment.LIVE));
        assertThat(ServersFile.parse("servers.yml", new StringReader("errors:\n  - name: only-errors\n")))
                .as("the servers list may be absent")
                .isEmpty();
        assertThat(parse("errors:\n  - name: only-errors\n").errorSources()).hasSize(1);
    }

    @Test
    void aKeyAnUnknownFieldABadEnvironmentABadNameAndADuplicateAreRefusedByLine() {
        ServersFileException e = catchThrowableOfType(
                ServersFileException.class,
                () -> parse(
                        """
                        errors:
                          - name: a
                            key: 0123456789abcdef0123456789abcdef
                          - name: b
                            channel: C123
                          - name: c
                            environment: PROD
                          - name: "no spaces"
                          - name: d
                          - name: D
                          - just-a-string
                        """));
        assertThat(String.join("\n", e.problems()))
                .contains("line 3: an error source's key is never in the file")
                .doesNotContain("0123456789abcdef")
                .contains("line 5: unknown field `channel`")
                .contains("line 6: environment: must be DEV, STAGE or LIVE")
                .contains("line 8: name: an error source's name is 1 to 60")
                .contains("line 10: name: error source D is listed twice")
                .contains("line 11: each error source is a mapping");
    }

    @Test
    void applyingTheSectionMakesNewSourcesWithFreshKeysMovesEnvironmentsAndKeepsTheRest() {
        JdbiErrorRepository repo = new JdbiErrorRepository(store.db());
        ErrorSources sources = new ErrorSources(repo, clock);
        assertThat(sources.add("made-in-slack", "DEV", "U1")).isInstanceOf(ErrorSources.Result.Saved.class);

        var first = sources.declare(
                List.of(
                        new ErrorSources.Declared("checkout-web", Environment.LIVE),
                        new ErrorSources.Declared("batch", Environment.DEV)),
                ServersFileSync.ACTOR);
        assertThat(first.added()).containsExactly("checkout-web", "batch");
        assertThat(first.updated()).isZero();
        assertThat(first.problems()).isEmpty();
        ErrorSource checkout = sources.find("checkout-web").orElseThrow();
        assertThat(checkout.key()).matches("[0-9a-f]{32}");
        assertThat(checkout.createdBy()).isEqualTo(ServersFileSync.ACTOR);
        assertThat(sources.find("batch").orElseThrow().key()).isNotEqualTo(checkout.key());

        // The same file again changes nothing; a new environment moves the source and keeps its key and id.
        var again = sources.declare(
                List.of(
                        new ErrorSources.Declared("checkout-web", Environment.LIVE),
                        new ErrorSources.Declared("Batch", Environment.STAGE)),
                ServersFileSync.ACTOR);
        assertThat(again.added()).isEmpty();
        assertThat(again.updated()).isEqualTo(1);
        ErrorSource batch = sources.find("batch").orElseThrow();
        assertThat(batch.environment()).isEqualTo(Environment.STAGE);
        assertThat(sources.find("checkout-web")).contains(checkout);
        assertThat(sources.list())
                .as("a source the file does not name is kept (removing one drops its groups)")
                .extracting(ErrorSource::name)
                .contains("made-in-slack");
    }

    @Test
    void theExportWritesSourcesWithTheirKeyMaskedInACommentAndReadsBackTheSame() {
        JdbiErrorRepository repo = new JdbiErrorRepository(store.db());
        ErrorSources sources = new ErrorSources(repo, clock);
        sources.add("checkout-web", "STAGE", "U1");
        ErrorSource s = sources.find("checkout-web").orElseThrow();
        MonitorSettings hb = MonitorSettings.heartbeat(
                "backup",
                Environment.LIVE,
                Duration.ofHours(6),
                Duration.ofMinutes(15),
                MonitorSettings.HEARTBEAT_THRESHOLDS,
                true);
        String yaml = ServersFile.render(
                List.of(new Monitor(1, hb, Origin.SLACK, Instant.EPOCH)),
                repo.all().stream()
                        .map(x -> new ServersFile.ExportedSource(x.name(), x.environment(), x.maskedKey()))
                        .toList());
        assertThat(yaml)
                .contains("errors:\n  - name: \"checkout-web\"\n    environment: STAGE\n")
                .contains("# key: " + s.key().substring(0, 4) + "****")
                .doesNotContain(s.key());
        ServersFile.Contents back = parse(yaml);
        assertThat(back.servers()).containsExactly(hb);
        assertThat(back.errorSources())
                .extracting(ServersFile.ErrorSourceEntry::name, ServersFile.ErrorSourceEntry::environment)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("checkout-web", Environment.STAGE));
        assertThat(ServersFile.render(List.of(), List.of())).doesNotContain("errors:");
    }
}
