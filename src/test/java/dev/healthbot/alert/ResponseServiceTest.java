package dev.healthbot.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.healthbot.monitor.Environment;
import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.Origin;
import dev.healthbot.monitor.StatusChange;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link ResponseService}'s rules over the in-memory repositories (held to SQLite by the contract suites): what each
 * click and command comes to, what wakes the outbox, and the servers file's windows.
 */
class ResponseServiceTest {

    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    final MutableClock clock = new MutableClock(T0);
    final FakeMonitorRepository monitors = new FakeMonitorRepository();
    final FakeAlertRepository alerts = new FakeAlertRepository();
    final FakeSubscriptionRepository subscriptions = new FakeSubscriptionRepository();
    final FakeResponseRepository repo = new FakeResponseRepository(alerts, subscriptions);
    final AtomicInteger wakes = new AtomicInteger();
    final ResponseService service = new ResponseService(alerts, repo, monitors, null, clock, wakes::incrementAndGet);

    Monitor server(String name, Environment env) {
        return monitors.add(FakeMonitorRepository.settings(name, env), Origin.SLACK, "U1", T0);
    }

    long outage(Monitor m) {
        StatusChange c = alerts.down(m.id(), dev.healthbot.monitor.Status.UP, clock.instant());
        alerts.claimOutage(c, Incident.open(m, c), Set.of("C1"), clock.instant());
        return alerts.openIncident(m.id()).orElseThrow().id();
    }

    @Test
    void acknowledgeSaysWhoHasItAndWakesTheOutboxOnlyWhenSomethingChanged() {
        long i = outage(server("api", Environment.LIVE));
        assertThat(service.acknowledge(i, "U1").outcome()).isEqualTo(ResponseService.Outcome.ACKNOWLEDGED);
        assertThat(wakes).hasValue(1);
        assertThat(service.acknowledge(i, "U1").outcome()).isEqualTo(ResponseService.Outcome.ALREADY_YOURS);
        ResponseService.Click taken = service.acknowledge(i, "U2");
        assertThat(taken.outcome()).isEqualTo(ResponseService.Outcome.TAKEN);
        assertThat(taken.who()).isEqualTo("U1");
        assertThat(service.unacknowledge(i, "U2").outcome()).isEqualTo(ResponseService.Outcome.NOT_YOURS);
        assertThat(wakes).hasValue(1);
        assertThat(service.unacknowledge(i, "U1").outcome()).isEqualTo(ResponseService.Outcome.UNACKNOWLEDGED);
        assertThat(service.unacknowledge(i, "U1").outcome()).isEqualTo(ResponseService.Outcome.NOT_ACKNOWLEDGED);
        assertThat(service.acknowledge(999, "U1").outcome()).isEqualTo(ResponseService.Outcome.UNKNOWN);
        assertThat(repo.audit())
                .containsExactly("incident.acknowledge incident:" + i, "incident.unacknowledge incident:" + i);
    }

    @Test
    void aSecondMuteClickWithinAMinuteChangesNothingAndAResolvedIncidentSaysSo() {
        Monitor api = server("api", Environment.LIVE);
        long i = outage(api);
        ResponseService.Click muted = service.mute(i, Mute.Choice.H1, "U1");
        assertThat(muted.outcome()).isEqualTo(ResponseService.Outcome.MUTED);
        assertThat(muted.at()).isEqualTo(T0.plus(Duration.ofHours(1)));
        clock.advance(Duration.ofSeconds(30));
        assertThat(service.mute(i, Mute.Choice.H1, "U1").outcome()).isEqualTo(ResponseService.Outcome.ALREADY_MUTED);
        assertThat(service.muteOf(api.id())).isPresent();
        clock.advance(Duration.ofMinutes(61));
        assertThat(service.muteOf(api.id())).as("over by itself").isEmpty();
        assertThat(service.unmute(api.id(), "U1")).isTrue();
        assertThat(service.unmute(api.id(), "U1")).isFalse();

        alerts.claimRecovery(
                alerts.up(api.id(), dev.healthbot.monitor.Status.DOWN, clock.instant(), T0), clock.instant());
        assertThat(service.mute(i, Mute.Choice.H4, "U1").outcome()).isEqualTo(ResponseService.Outcome.RESOLVED);
        assertThat(service.acknowledge(i, "U1").outcome()).isEqualTo(ResponseService.Outcome.RESOLVED);
        assertThat(service.recheck(i, "C1", "U1").outcome()).isEqualTo(ResponseService.Outcome.RESOLVED);
    }

    @Test
    void windowsMustEndInTheFutureWithinAMonthAndTargetsAreReadAsTyped() {
        Monitor api = server("api-live", Environment.LIVE);
        assertThat(service.target("all")).contains(new ResponseService.Target(Selector.everything(), "all servers"));
        assertThat(service.target("stage"))
                .contains(new ResponseService.Target(Selector.env(Environment.STAGE), "STAGE"));
        assertThat(service.target("API-LIVE"))
                .contains(new ResponseService.Target(Selector.server(api.id()), "api-live"));
        assertThat(service.target("nope")).isEmpty();
        assertThat(service.target(" ")).isEmpty();

        assertThat(service.addWindow(Selector.everything(), "all", null, T0.minusSeconds(1), "", "U1"))
                .isEqualTo(new ResponseService.Change.Invalid("the window must end in the future"));
        assertThat(service.addWindow(Selector.everything(), "all", null, T0.plus(Duration.ofDays(32)), "", "U1"))
                .isEqualTo(new ResponseService.Change.Invalid("a window lasts at most 31 days"));
        assertThat(wakes).hasValue(0);
        assertThat(service.addWindow(Selector.everything(), "all", null, T0.plusSeconds(600), "", "U1"))
                .isInstanceOf(ResponseService.Change.WindowAdded.class);
        assertThat(service.windows()).hasSize(1);
        assertThat(service.endWindow(1, "U1")).isInstanceOf(ResponseService.Change.WindowEnded.class);
        assertThat(service.endWindow(1, "U1")).isEqualTo(new ResponseService.Change.NoSuchWindow(1));
        assertThat(service.windows()).isEmpty();
    }

    @Test
    void maintenancePostsAndRemindersNeedASubscribedChannel() {
        assertThat(service.setMaintenancePosts("C1", false, "U1"))
                .isEqualTo(new ResponseService.Change.NotSubscribed());
        assertThat(service.setReminders("C1", "off", "U1")).isEqualTo(new ResponseService.Change.NotSubscribed());
        subscriptions.subscribe("C1", Set.of(Selector.everything()), "U1", T0);
        assertThat(service.setMaintenancePosts("C1", false, "U1"))
                .isEqualTo(new ResponseService.Change.MaintenancePosts(false));
        assertThat(service.maintenancePosts("C1")).contains(false);
        assertThat(service.setReminders("C1", "2h,1h", "U1")).isInstanceOf(ResponseService.Change.Invalid.class);
    }

    @Test
    void theServersFilesWindowsOpenOnceAndAnUnknownTargetStopsThemAll() {
        server("db", Environment.DEV);
        var upgrade = new ResponseService.Planned("db", T0.plusSeconds(3600), T0.plusSeconds(7200), "upgrade", 4);
        var over = new ResponseService.Planned("all", T0.minusSeconds(7200), T0.minusSeconds(3600), "", 8);
        assertThat(service.syncFileWindows(List.of(upgrade, over)))
                .isEqualTo(new ResponseService.FileSync(1, 0, List.of()));
        assertThat(service.syncFileWindows(List.of(upgrade, over)))
                .isEqualTo(new ResponseService.FileSync(0, 0, List.of()));
        var bad = new ResponseService.Planned("nope", T0.plusSeconds(60), T0.plusSeconds(120), "", 12);
        assertThat(service.syncFileWindows(List.of(bad)).problems())
                .singleElement()
                .asString()
                .startsWith("line 12:");
        assertThat(service.windows()).hasSize(1);
        assertThat(service.syncFileWindows(List.of())).isEqualTo(new ResponseService.FileSync(0, 1, List.of()));
        assertThat(repo.audit()).contains("maintenance.end maintenance:1");
    }
}
