package dev.healthbot.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.healthbot.store.Database;
import dev.healthbot.store.JdbiMonitorRepository;
import dev.healthbot.store.JdbiStatusRepository;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sync rules per source, through {@link MonitorService} and a real SQLite file: a source adds and
 * updates what it lists, removes only its own servers, leaves another source's alone, takes over a
 * Slack server, and holds back a list that would remove more than half of its servers.
 */
class SourceSyncTest {

    @TempDir
    Path dir;

    Database db;
    JdbiStatusRepository status;
    JdbiMonitorRepository repo;
    MonitorService service;
    SourceSync sync;
    CheckRunnerTest.RecordingScheduler scheduler = new CheckRunnerTest.RecordingScheduler();

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("t.db"));
        status = new JdbiStatusRepository(db);
        repo = new JdbiMonitorRepository(db, status::forget);
        CheckRunner runner = new CheckRunner(repo, status, spec -> null, scheduler, c -> {}, InstantSource.system());
        service = new MonitorService(repo, status, scheduler, runner, InstantSource.system(), TargetPolicy.allowAll());
        sync = new SourceSync(service);
    }

    @AfterEach
    void close() {
        status.close();
        db.close();
    }

    static MonitorSettings server(String name, String interval) {
        MonitorValidator.Result r = MonitorValidator.validate(
                new MonitorDraft(name, "http://127.0.0.1:9/" + name, "LIVE", interval, "1s", null, null, null, null));
        assertThat(r.valid()).as(r.errors().toString()).isTrue();
        return r.settings();
    }

    private SourceSync.Summary applied(Origin source, List<MonitorSettings> list) {
        SourceSync.Outcome o = sync.apply(source, list, RemovalLimit.HALF);
        assertThat(o).isInstanceOf(SourceSync.Outcome.Applied.class);
        return ((SourceSync.Outcome.Applied) o).summary();
    }

    @Test
    void aSourceAddsUpdatesAndRemovesOnlyItsOwnServers() {
        service.register(MonitorDraft.from(server("typed", "1m")), Origin.SLACK, "U1");
        applied(Origin.FILE, List.of(server("filed", "1m")));
        SourceSync.Summary first = applied(Origin.INVENTORY, List.of(server("a", "1m"), server("b", "1m")));
        assertThat(first.line(Origin.INVENTORY)).isEqualTo("inventory: 2 added");

        SourceSync.Summary second = applied(Origin.INVENTORY, List.of(server("a", "2m"), server("c", "1m")));
        assertThat(second.line(Origin.INVENTORY)).isEqualTo("inventory: 1 added, 1 updated, 1 removed");
        assertThat(second.gone()).extracting(Monitor::name).containsExactly("b");
        assertThat(repo.all())
                .extracting(Monitor::name, Monitor::origin)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("typed", Origin.SLACK),
                        org.assertj.core.groups.Tuple.tuple("filed", Origin.FILE),
                        org.assertj.core.groups.Tuple.tuple("a", Origin.INVENTORY),
                        org.assertj.core.groups.Tuple.tuple("c", Origin.INVENTORY));
        assertThat(repo.findByName("a").orElseThrow().settings().interval()).hasMinutes(2);

        SourceSync.Summary same = applied(Origin.INVENTORY, List.of(server("a", "2m"), server("c", "1m")));
        assertThat(same.empty()).isTrue();
        assertThat(same.line(Origin.INVENTORY)).isEqualTo("inventory: no change");
    }

    @Test
    void aNameOwnedByAnotherSourceIsLeftAloneAndReportedAndASlackServerIsTakenOver() {
        service.register(MonitorDraft.from(server("typed", "1m")), Origin.SLACK, "U1");
        applied(Origin.FILE, List.of(server("filed", "1m")));
        SourceSync.Summary s = applied(Origin.INVENTORY, List.of(server("filed", "5m"), server("typed", "5m")));
        assertThat(s.problems()).containsExactly("filed: already comes from the servers file");
        assertThat(repo.findByName("filed").orElseThrow().settings().interval()).hasMinutes(1);
        assertThat(repo.findByName("typed").orElseThrow().origin()).isEqualTo(Origin.INVENTORY);
        assertThat(s.line(Origin.INVENTORY)).isEqualTo("inventory: 1 updated; 1 not applied");
    }

    @Test
    void aListRemovingMoreThanHalfIsHeldBackAndChangesNothingUnlessTheLimitAllowsIt() {
        List<MonitorSettings> ten =
                IntStream.range(0, 10).mapToObj(i -> server("s" + i, "1m")).toList();
        applied(Origin.INVENTORY, ten);
        List<MonitorSettings> two = ten.subList(0, 2);

        SourceSync.Outcome held = sync.apply(Origin.INVENTORY, two, RemovalLimit.HALF);
        assertThat(held).isInstanceOf(SourceSync.Outcome.HeldBack.class);
        assertThat(((SourceSync.Outcome.HeldBack) held).line(Origin.INVENTORY))
                .startsWith("inventory: held back a list that would remove 8 of its 10 servers at once");
        assertThat(repo.all()).hasSize(10);

        // Half is fine: 5 of 10.
        assertThat(sync.apply(Origin.INVENTORY, ten.subList(0, 5), RemovalLimit.HALF))
                .isInstanceOf(SourceSync.Outcome.Applied.class);
        assertThat(repo.all()).hasSize(5);
        // 80% allowed by HEALTHBOT_SERVERS_MAX_REMOVE=80%: 4 of 5 go.
        assertThat(sync.apply(Origin.INVENTORY, ten.subList(0, 1), RemovalLimit.parse("80%")))
                .isInstanceOf(SourceSync.Outcome.Applied.class);
        assertThat(repo.all()).extracting(Monitor::name).containsExactly("s0");
    }

    @Test
    void theRemovalLimitReadsCountsPercentagesAndAll() {
        assertThat(RemovalLimit.parse("").allows(5, 10)).isTrue();
        assertThat(RemovalLimit.parse("").allows(6, 10)).isFalse();
        assertThat(RemovalLimit.parse("6").allows(6, 10)).isTrue();
        assertThat(RemovalLimit.parse("6").allows(7, 10)).isFalse();
        assertThat(RemovalLimit.parse("70%").allows(7, 10)).isTrue();
        assertThat(RemovalLimit.parse("70%").allows(8, 10)).isFalse();
        assertThat(RemovalLimit.parse("all").allows(10, 10)).isTrue();
        assertThat(RemovalLimit.HALF.allows(1, 1)).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RemovalLimit.parse("lots"))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RemovalLimit.parse("120%"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
