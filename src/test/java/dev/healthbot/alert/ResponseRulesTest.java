package dev.healthbot.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.healthbot.monitor.Environment;
import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.Origin;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pure rules of responding: reminder steps, quiet servers, mutes and window ends, from tables. */
class ResponseRulesTest {

    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    @ParameterizedTest(name = "down {0}: {1} reminders due")
    @CsvSource({
        "PT29M, 0",
        "PT30M, 1",
        "PT1H59M, 1",
        "PT2H, 2",
        "PT8H, 3",
        "PT23H59M, 3",
        "PT24H, 4",
        "PT48H, 5",
        "P7D, 10",
        "P30D, 10"
    })
    void theDefaultStepsAreThirtyMinutesTwoHoursEightHoursThenDailyAtMostTen(String down, int due) {
        assertThat(ReminderSchedule.DEFAULT.dueCount(Duration.parse(down))).isEqualTo(due);
    }

    @Test
    void theTenthReminderIsTheLast() {
        assertThat(ReminderSchedule.DEFAULT.at(10)).contains(Duration.ofDays(7));
        assertThat(ReminderSchedule.DEFAULT.at(11)).isEmpty();
        assertThat(ReminderSchedule.OFF.dueCount(Duration.ofDays(3))).isZero();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "off | off",
                "OFF | off",
                "30m,2h,8h | 30m,2h,8h",
                "10m 1h | 10m,1h",
                "10m,1h broadcast | 10m,1h;broadcast",
                "broadcast | 30m,2h,8h;broadcast",
                "default | 30m,2h,8h"
            })
    void remindersReadBackAsTheyAreShown(String typed, String shown) {
        ReminderSchedule s = ReminderSchedule.parse(typed);
        assertThat(s.format()).isEqualTo(shown);
        assertThat(ReminderSchedule.parse(s.format())).isEqualTo(s);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"2h,1h | must grow", "1m | between 5m and 7d", "soon | not a duration", "30d | between 5m and 7d"})
    void badReminderStepsSayWhy(String typed, String message) {
        assertThatThrownBy(() -> ReminderSchedule.parse(typed)).hasMessageContaining(message);
    }

    static Monitor monitor(long id, Environment env) {
        return new Monitor(id, FakeMonitorRepository.settings("s" + id, env), Origin.SLACK, T0);
    }

    @Test
    void maintenanceWinsOverAMuteAndEachHoldsOnlyWhileItLasts() {
        Monitor api = monitor(1, Environment.LIVE);
        Monitor dev = monitor(2, Environment.DEV);
        MaintenanceWindow live = new MaintenanceWindow(
                1, Selector.env(Environment.LIVE), "LIVE", T0, T0.plusSeconds(3600), "", "U1", null, true);
        Mute hour = new Mute(1, 7, Mute.Choice.H1, "U1", T0, T0.plusSeconds(3600));
        Mute untilUp = new Mute(2, 8, Mute.Choice.RECOVERY, "U1", T0, null);

        assertThat(Quiet.of(api, T0.plusSeconds(10), hour, true, List.of(live))).isEqualTo(Quiet.Reason.MAINTENANCE);
        assertThat(Quiet.of(api, T0.plusSeconds(10), hour, true, List.of())).isEqualTo(Quiet.Reason.MUTED);
        assertThat(Quiet.of(api, T0.plusSeconds(3600), hour, true, List.of(live)))
                .isEqualTo(Quiet.Reason.NONE);
        assertThat(Quiet.of(api, T0.minusSeconds(1), null, false, List.of(live)))
                .isEqualTo(Quiet.Reason.NONE);
        assertThat(Quiet.of(dev, T0.plusSeconds(10), null, false, List.of(live)))
                .isEqualTo(Quiet.Reason.NONE);
        assertThat(Quiet.of(dev, T0.plusSeconds(99_999), untilUp, true, List.of()))
                .isEqualTo(Quiet.Reason.MUTED);
        assertThat(Quiet.of(dev, T0.plusSeconds(10), untilUp, false, List.of())).isEqualTo(Quiet.Reason.NONE);

        MaintenanceWindow endedEarly = new MaintenanceWindow(
                2, Selector.server(2), "s2", T0, T0.plusSeconds(3600), "", "U1", T0.plusSeconds(60), true);
        assertThat(endedEarly.end()).isEqualTo(T0.plusSeconds(60));
        assertThat(Quiet.of(dev, T0.plusSeconds(61), null, false, List.of(endedEarly)))
                .isEqualTo(Quiet.Reason.NONE);
    }

    @ParameterizedTest(name = "{0} at {1} in {2} ends {3}")
    @CsvSource({
        "2h, 2026-11-20T10:00:00Z, UTC, 2026-11-20T12:00:00Z",
        "90m, 2026-11-20T10:00:00Z, UTC, 2026-11-20T11:30:00Z",
        "until 18:00, 2026-11-20T10:00:00Z, Europe/Berlin, 2026-11-20T17:00:00Z",
        "until 09:00, 2026-11-20T10:00:00Z, Europe/Berlin, 2026-11-21T08:00:00Z",
        "until 8:30, 2026-11-20T10:00:00Z, UTC, 2026-11-21T08:30:00Z",
        "2026-11-24T08:00, 2026-11-20T10:00:00Z, America/New_York, 2026-11-24T13:00:00Z",
        "2026-11-24T08:00+01:00, 2026-11-20T10:00:00Z, America/New_York, 2026-11-24T07:00:00Z",
        "until 2026-11-24T08:00, 2026-11-20T10:00:00Z, UTC, 2026-11-24T08:00:00Z"
    })
    void windowEndsReadDurationsClockTimesInTheUsersZoneAndIsoTimes(String typed, String now, String zone, String end) {
        assertThat(WindowEnd.parse(typed, Instant.parse(now), ZoneId.of(zone))).isEqualTo(Instant.parse(end));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"tomorrow | looks like", "2020-01-01T00:00 | future", "until 25:00 | looks like", "30s | at least"
            })
    void badWindowEndsSayWhy(String typed, String message) {
        assertThatThrownBy(() -> WindowEnd.parse(typed, T0, ZoneId.of("UTC"))).hasMessageContaining(message);
    }

    @Test
    void theMuteMenuChoicesEndWhenTheySay() {
        assertThat(Mute.Choice.parse("4h")).contains(Mute.Choice.H4);
        assertThat(Mute.Choice.parse("forever")).isEmpty();
        assertThat(Mute.Choice.H24.until(T0)).isEqualTo(T0.plus(Duration.ofHours(24)));
        assertThat(Mute.Choice.RECOVERY.until(T0)).isNull();
    }

    @Test
    void aRecheckRunsAtMostOncePerServerEveryFiveSeconds() {
        RecheckGate gate = new RecheckGate();
        assertThat(gate.tryStart(1, T0)).isZero();
        assertThat(gate.tryStart(1, T0.plusSeconds(2))).isEqualTo(Duration.ofSeconds(3));
        assertThat(gate.tryStart(2, T0.plusSeconds(2))).isZero();
        assertThat(gate.tryStart(1, T0.plusSeconds(5))).isZero();
    }

    @Test
    void mentionsAreIdsOnly() {
        assertThat(Mention.split("S0ONCALL1,U0LEAD001,@oncall,<!channel>"))
                .extracting(Mention::id)
                .containsExactly("S0ONCALL1", "U0LEAD001");
        assertThatThrownBy(() -> new Mention("here")).isInstanceOf(IllegalArgumentException.class);
    }
}
