package dev.healthbot.store;

import static dev.healthbot.store.JdbiAlertRepositoryTest.addMonitor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.healthbot.alert.MaintenanceWindow;
import dev.healthbot.alert.MutableClock;
import dev.healthbot.alert.ResponseService;
import dev.healthbot.alert.Selector;
import dev.healthbot.monitor.Environment;
import dev.healthbot.monitor.Monitor;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The servers file's maintenance windows applied through {@link ResponseService} to a real SQLite file: each entry
 * opens once however often the file is loaded, an entry taken out ends its window, and a bad target writes nothing.
 */
class FileWindowsTest {

    static final Instant T0 = Instant.parse("2026-12-20T10:00:00Z");

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(T0);
    final AtomicInteger wakes = new AtomicInteger();

    ResponseService service(Database db) {
        return new ResponseService(
                new JdbiAlertRepository(db),
                new JdbiResponseRepository(db),
                new JdbiMonitorRepository(db, removed -> {}),
                null,
                clock,
                wakes::incrementAndGet);
    }

    static ResponseService.Planned planned(String target, Instant start, Duration length, int line) {
        return new ResponseService.Planned(target, start, start.plus(length), "upgrade", line);
    }

    @Test
    void eachEntryOpensOnceAcrossLoadsAndRestartsAndATakenOutEntryEndsItsWindow() {
        Path file = dir.resolve("healthbot.db");
        Monitor db1;
        var upgrade = planned("db", T0.plus(Duration.ofDays(1)), Duration.ofHours(2), 5);
        var freeze = planned("live", T0.minus(Duration.ofHours(1)), Duration.ofHours(3), 9);
        var past = planned("all", T0.minus(Duration.ofDays(2)), Duration.ofHours(1), 12);
        try (Database db = Database.open(file)) {
            db1 = addMonitor(db, "db", Environment.DEV);
            ResponseService s = service(db);
            var first = s.syncFileWindows(List.of(upgrade, freeze, past));
            assertThat(first).isEqualTo(new ResponseService.FileSync(2, 0, List.of()));
            assertThat(s.syncFileWindows(List.of(upgrade, freeze, past)))
                    .isEqualTo(new ResponseService.FileSync(0, 0, List.of()));
            List<MaintenanceWindow> open = new JdbiResponseRepository(db).openWindows();
            assertThat(open)
                    .extracting(MaintenanceWindow::selector)
                    .containsExactly(Selector.server(db1.id()), Selector.env(Environment.LIVE));
            assertThat(open.get(1).startsAt()).isEqualTo(freeze.start());
            assertThat(open).allMatch(w -> w.createdBy().equals(ResponseService.FILE_ACTOR));
        }
        // A restart loads the same file again; then the freeze is taken out of it.
        try (Database db = Database.open(file)) {
            ResponseService s = service(db);
            assertThat(s.syncFileWindows(List.of(upgrade, freeze, past)).added())
                    .isZero();
            clock.advance(Duration.ofMinutes(10));
            var sync = s.syncFileWindows(List.of(upgrade));
            assertThat(sync).isEqualTo(new ResponseService.FileSync(0, 1, List.of()));
            MaintenanceWindow ended = new JdbiResponseRepository(db).window(2).orElseThrow();
            assertThat(ended.end()).isEqualTo(clock.instant());
            // Putting it back does not open it again: that entry's window happened.
            assertThat(s.syncFileWindows(List.of(upgrade, freeze)).added()).isZero();
            // A window made in Slack is never ended by the file.
            s.addWindow(
                    Selector.everything(), "all servers", null, clock.instant().plusSeconds(600), "", "U1");
            assertThat(s.syncFileWindows(List.of()).ended()).isEqualTo(1);
            assertThat(s.windows()).extracting(MaintenanceWindow::createdBy).containsExactly("U1");
            // The upgrade was ended before it began: the desk closes it without a start or an end post.
            JdbiResponseRepository repo = new JdbiResponseRepository(db);
            new dev.healthbot.alert.ResponseDesk(
                            new JdbiAlertRepository(db),
                            repo,
                            new JdbiSubscriptionRepository(db),
                            new JdbiMonitorRepository(db, removed -> {}))
                    .tick(clock.instant());
            assertThat(repo.openWindows()).extracting(MaintenanceWindow::id).doesNotContain(1L);
        }
    }

    @Test
    void aTargetThatNamesNoServerIsReportedByLineAndNothingIsWritten() {
        try (Database db = Database.open(dir.resolve("healthbot.db"))) {
            addMonitor(db, "db", Environment.DEV);
            ResponseService s = service(db);
            var sync = s.syncFileWindows(List.of(
                    planned("db", T0.plusSeconds(60), Duration.ofHours(1), 3),
                    planned("nope", T0.plusSeconds(60), Duration.ofHours(1), 7)));
            assertThat(sync.problems())
                    .containsExactly("line 7: target: no server is named nope"
                            + " (targets are a server, DEV, STAGE, LIVE or all)");
            assertThat(new JdbiResponseRepository(db).openWindows()).isEmpty();
            assertThat(wakes).hasValue(0);
        }
    }
}
