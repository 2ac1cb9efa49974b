package dev.healthbot.store;

import static dev.healthbot.store.Servers.T0;
import static dev.healthbot.store.Servers.settings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.healthbot.alert.AlertRepositoryContract;
import dev.healthbot.alert.Delivery;
import dev.healthbot.alert.Incident;
import dev.healthbot.alert.MaintenanceWindow;
import dev.healthbot.alert.MutableClock;
import dev.healthbot.alert.PostRef;
import dev.healthbot.alert.Selector;
import dev.healthbot.history.DaySquare;
import dev.healthbot.history.Grain;
import dev.healthbot.history.History;
import dev.healthbot.history.HistoryService;
import dev.healthbot.history.Period;
import dev.healthbot.history.Rollup;
import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.MonitorState;
import dev.healthbot.monitor.Origin;
import dev.healthbot.monitor.ProbeResult;
import dev.healthbot.monitor.Status;
import dev.healthbot.monitor.StatusChange;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbiHistoryRepositoryTest {

    @RegisterExtension
    final SqliteStore store = new SqliteStore();

    static ProbeResult up(Instant at, long ms) {
        return ProbeResult.up(at, Duration.ofMillis(ms), "HTTP 200");
    }

    void record(JdbiStatusRepository status, Monitor m, ProbeResult r) {
        status.record(m.id(), r, new MonitorState(Status.UP, T0, 0, 1, r), null);
    }

    long count(String sql) {
        return store.db
                .jdbi()
                .withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    @Test
    void resultsAreRolledUpPerHourAndPerDayAndWrittenOnFlush() {
        Monitor api = store.monitors.add(settings("api"), Origin.SLACK, "U1", T0);
        for (int i = 0; i < 10; i++) {
            record(store.status, api, up(T0.plusSeconds(5 * i), 100 + i));
        }
        // Ten results in 45 s of result time: the first flush is due at T0 + 1 minute, with the next result.
        store.status.flush();
        assertThat(count("SELECT COUNT(*) FROM rollup_hours")).isZero();
        record(store.status, api, up(T0.plus(Duration.ofMinutes(61)), 900));

        JdbiHistoryRepository history = new JdbiHistoryRepository(store.db, store.status);
        List<Rollup> hours = history.rollups(api.id(), Grain.HOUR, T0, T0.plus(Duration.ofHours(2)));
        assertThat(hours)
                .extracting(Rollup::start, Rollup::checks)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(T0, 10L),
                        org.assertj.core.groups.Tuple.tuple(T0.plus(Duration.ofHours(1)), 1L));
        Rollup first = hours.get(0);
        assertThat(first.minMs()).isEqualTo(100);
        assertThat(first.maxMs()).isEqualTo(109);
        assertThat(first.meanMs()).isEqualTo(105);
        assertThat(first.p95Ms()).isBetween(100L, 109L);
        assertThat(history.rollups(api.id(), Grain.DAY, T0.minus(Duration.ofDays(1)), T0.plus(Duration.ofDays(1))))
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.checks()).isEqualTo(11);
                    assertThat(d.maxMs()).isEqualTo(900);
                    assertThat(d.start()).isEqualTo(Instant.parse("2025-03-01T00:00:00Z"));
                });
    }

    @Test
    void theFlushComesWithTheFirstResultAMinuteAfterTheLastFlush() {
        Monitor api = store.monitors.add(settings("api"), Origin.SLACK, "U1", T0);
        record(store.status, api, up(T0, 100));
        record(store.status, api, up(T0.plusSeconds(59), 100));
        store.status.flush();
        assertThat(count("SELECT COUNT(*) FROM rollup_hours")).isZero();
        record(store.status, api, up(T0.plusSeconds(60), 100));
        store.status.flush();
        assertThat(count("SELECT checks FROM rollup_hours")).isEqualTo(3);
        assertThat(count("SELECT checks FROM rollup_days")).isEqualTo(3);
    }

    @Test
    void aRestartInTheMiddleOfAnHourAddsToWhatWasFlushed() {
        Monitor api = store.monitors.add(settings("api"), Origin.SLACK, "U1", T0);
        for (int i = 0; i < 5; i++) {
            record(store.status, api, up(T0.plusSeconds(i), 5_000));
        }
        store.status.close();

        JdbiStatusRepository again = new JdbiStatusRepository(store.db);
        try {
            for (int i = 0; i < 95; i++) {
                record(again, api, up(T0.plusSeconds(100 + i), 100));
            }
            Rollup hour = new JdbiHistoryRepository(store.db, again)
                    .rollups(api.id(), Grain.HOUR, T0, T0.plus(Duration.ofHours(1)))
                    .get(0);
            assertThat(hour.checks()).isEqualTo(100);
            assertThat(hour.maxMs()).isEqualTo(5_000);
            // The 5 slow checks of the first process are the top 5 %: p99 sees them, p95 does not.
            assertThat(hour.p99Ms()).isGreaterThan(4_500);
            assertThat(hour.p95Ms()).isLessThan(110);
        } finally {
            again.close();
        }
    }

    @Test
    void oldRowsArePrunedAndClosedOnesSealed() {
        Monitor api = store.monitors.add(settings("api"), Origin.SLACK, "U1", T0);
        record(store.status, api, up(T0, 100));
        store.status.close();
        assertThat(count("SELECT COUNT(*) FROM rollup_hours WHERE hist IS NOT NULL"))
                .isEqualTo(1);

        JdbiStatusRepository later = new JdbiStatusRepository(store.db);
        try {
            record(later, api, up(T0.plus(Duration.ofDays(2)), 100));
            later.close();
            // Two days later: both hours kept (14 days), the old one sealed (no histogram).
            assertThat(count("SELECT COUNT(*) FROM rollup_hours")).isEqualTo(2);
            assertThat(count("SELECT COUNT(*) FROM rollup_hours WHERE hist IS NOT NULL"))
                    .isEqualTo(1);
            assertThat(count("SELECT COUNT(*) FROM rollup_days WHERE hist IS NOT NULL"))
                    .isEqualTo(1);
        } finally {
            later.close();
        }
        JdbiStatusRepository muchLater = new JdbiStatusRepository(store.db);
        try {
            record(muchLater, api, up(T0.plus(Duration.ofDays(15)), 100));
            muchLater.close();
            // Fifteen days later: the first hour is pruned, its day kept (400 days).
            assertThat(count("SELECT COUNT(*) FROM rollup_hours")).isEqualTo(2);
            assertThat(count("SELECT COUNT(*) FROM rollup_days")).isEqualTo(3);
        } finally {
            muchLater.close();
        }
        JdbiStatusRepository aYearOn = new JdbiStatusRepository(store.db);
        try {
            record(aYearOn, api, up(T0.plus(Duration.ofDays(401)), 100));
            aYearOn.close();
            // 401 days on: the first day is pruned; days 2, 15 and 401 remain.
            assertThat(count("SELECT COUNT(*) FROM rollup_days")).isEqualTo(3);
        } finally {
            aYearOn.close();
        }
    }

    /** Flips the server to DOWN at {@code down} and back UP at {@code up} (null: still down), as the dispatcher claims them. */
    Incident outage(Monitor m, Instant down, Instant up, PostRef post) {
        StatusChange toDown = store.status.record(
                m.id(),
                AlertRepositoryContract.result(Status.DOWN, down),
                new MonitorState(Status.DOWN, down, 3, 0, AlertRepositoryContract.result(Status.DOWN, down)),
                AlertRepositoryContract.change(m, Status.UP, Status.DOWN, down, null));
        store.alerts.claimOutage(toDown, Incident.open(m, toDown), Set.of("C1"), down);
        if (post != null) {
            Delivery d = store.alerts
                    .outageDelivery(
                            store.alerts.openIncident(m.id()).orElseThrow().id(), "C1")
                    .orElseThrow();
            store.alerts.markSent(d.id(), post, down, null);
        }
        if (up != null) {
            StatusChange toUp = store.status.record(
                    m.id(),
                    AlertRepositoryContract.result(Status.UP, up),
                    new MonitorState(Status.UP, up, 0, 2, AlertRepositoryContract.result(Status.UP, up)),
                    AlertRepositoryContract.change(m, Status.DOWN, Status.UP, up, down));
            store.alerts.claimRecovery(toUp, up);
        }
        return store.alerts.openIncident(m.id()).orElseGet(() -> store.alerts
                .incident(count("SELECT MAX(id) FROM incidents"))
                .orElseThrow());
    }

    @Test
    void historyShowsUptimeFromIncidentsWithTheirPostsAndWithoutMaintenance() {
        Monitor api = store.monitors.add(settings("api"), Origin.SLACK, "U1", T0.minus(Duration.ofDays(40)));
        Instant now = T0;
        // 144 minutes down 5 hours ago (90.00 % of a day), posted; one 60-minute outage inside maintenance 3 days ago.
        outage(api, now.minus(Duration.ofDays(3)), now.minus(Duration.ofDays(3)).plus(Duration.ofMinutes(60)), null);
        outage(
                api,
                now.minus(Duration.ofHours(5)),
                now.minus(Duration.ofHours(5)).plus(Duration.ofMinutes(144)),
                new PostRef("C1", "1700000000.000100"));
        new JdbiResponseRepository(store.db)
                .addWindow(
                        new MaintenanceWindow(
                                0,
                                Selector.server(api.id()),
                                "api",
                                now.minus(Duration.ofDays(3)).minus(Duration.ofMinutes(1)),
                                now.minus(Duration.ofDays(3)).plus(Duration.ofMinutes(61)),
                                "upgrade",
                                "U1",
                                null,
                                false),
                        now.minus(Duration.ofDays(4)));
        for (int i = 5; i >= 0; i--) {
            record(store.status, api, up(now.minus(Duration.ofMinutes(10 * i)), 200));
        }
        HistoryService service =
                new HistoryService(new JdbiHistoryRepository(store.db, store.status), new MutableClock(now));

        History day = service.history(api, Period.H24);
        assertThat(day.uptime().percentText()).isEqualTo("90.00");
        assertThat(day.incidents()).singleElement().satisfies(e -> {
            assertThat(e.incident().duration()).isEqualTo(Duration.ofMinutes(144));
            assertThat(e.post()).contains(new PostRef("C1", "1700000000.000100"));
        });
        // The outage's two checks (5 s down, 20 ms up) and six of 200 ms: the hours' p50s weighted by their checks.
        assertThat(day.latency().checks()).isEqualTo(8);
        assertThat(day.latency().p50Ms()).isEqualTo(Math.round((5000 + 20 + 6 * 200) / 8.0));

        History month = service.history(api, Period.D30);
        assertThat(month.incidents()).hasSize(2);
        assertThat(month.uptime().down()).isEqualTo(Duration.ofMinutes(144));
        assertThat(month.days()).hasSize(30);
        assertThat(month.days().get(29).date()).isEqualTo(java.time.LocalDate.parse("2025-03-01"));
        // The outage ran 05:00–07:24 on T0's day (now 10:00): today is red; the maintenance day 26 green.
        assertThat(month.days().get(29).square()).isEqualTo(DaySquare.RED);
        assertThat(month.days().get(28).square()).isEqualTo(DaySquare.GREEN);
        assertThat(month.days().get(26).square()).isEqualTo(DaySquare.GREEN);
    }
}
