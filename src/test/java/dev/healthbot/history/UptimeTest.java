package dev.healthbot.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.healthbot.alert.Incident;
import dev.healthbot.alert.MaintenanceWindow;
import dev.healthbot.alert.Selector;
import dev.healthbot.monitor.Environment;
import dev.healthbot.monitor.FailureKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UptimeTest {

    static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    /** The period of every case: the day from T0. */
    static final Span DAY = new Span(T0, T0.plus(Duration.ofDays(1)));

    static Instant at(String minutes) {
        return T0.plus(Duration.ofMinutes(Long.parseLong(minutes)));
    }

    static Incident incident(long id, Instant opened, Instant resolved) {
        return new Incident(
                id, 1, "api", Environment.LIVE, "https://api.test", opened, resolved, FailureKind.TIMEOUT, "", 3);
    }

    /**
     * Minutes from T0; incidents "open-resolved" (resolved "-" when open), windows "start-end",
     * both ";"-separated. The day has 1,440 minutes.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "no incidents                              | -1440 | 1440 |             |            | 1440 | 0   | 100.00 | 0",
                "one 144-minute incident                   | -1440 | 1440 | 60-204      |            | 1440 | 144 | 90.00  | 1",
                "one minute down shows below 100           | -1440 | 1440 | 60-61       |            | 1440 | 1   | 99.93  | 1",
                "an incident spanning the start            | -1440 | 1440 | -60-144     |            | 1440 | 144 | 90.00  | 1",
                "an incident still open at the end         | -1440 | 1440 | 1296--      |            | 1440 | 144 | 90.00  | 1",
                "an incident open across the whole period  | -1440 | 1440 | -10--       |            | 1440 | 1440| 0.00   | 1",
                "now cuts the period                       | -1440 | 720  | 600--       |            | 720  | 120 | 83.33  | 1",
                "a server added mid-period                 | 720   | 1440 | 900-972     |            | 720  | 72  | 90.00  | 1",
                "an incident before the server's creation  | 720   | 1440 | 100-200     |            | 720  | 0   | 100.00 | 0",
                "an incident before the period             | -1440 | 1440 | -200--100   |            | 1440 | 0   | 100.00 | 0",
                "maintenance hides an outage               | -1440 | 1440 | 60-204      | 0-240      | 1200 | 0   | 100.00 | 1",
                "maintenance hides half an outage          | -1440 | 1440 | 60-204      | 132-500    | 1072 | 72  | 93.28  | 1",
                "overlapping windows count once            | -1440 | 1440 |             | 0-60;30-90 | 1350 | 0   | 100.00 | 0",
                "two incidents                             | -1440 | 1440 | 0-72;720-792|            | 1440 | 144 | 90.00  | 2",
                "added after the period                    | 1500  | 1440 |             |            | 0    | 0   | 100.00 | 0",
            })
    void uptimeComesFromIncidentsWithoutMaintenance(
            String name,
            String created,
            String now,
            String incidents,
            String windows,
            long watchedMinutes,
            long downMinutes,
            String percent,
            int count) {
        List<Incident> is = new ArrayList<>();
        if (incidents != null) {
            int id = 1;
            for (String s : incidents.split(";")) {
                // "a-b", "a--" (open) or "-a-b" / "-a--b" (negative minutes)
                String[] p = s.strip().split("(?<=\\d)-");
                is.add(incident(id++, at(p[0]), p[1].equals("-") ? null : at(p[1])));
            }
        }
        List<MaintenanceWindow> ws = new ArrayList<>();
        if (windows != null) {
            for (String s : windows.split(";")) {
                String[] p = s.strip().split("(?<=\\d)-");
                ws.add(new MaintenanceWindow(
                        0, Selector.everything(), "all", at(p[0]), at(p[1]), "", "U1", null, false));
            }
        }
        Uptime u = Uptime.of(DAY, at(created), is, ws, at(now));
        assertThat(u.watched()).isEqualTo(Duration.ofMinutes(watchedMinutes));
        assertThat(u.down()).isEqualTo(Duration.ofMinutes(downMinutes));
        assertThat(u.percentText()).isEqualTo(percent);
        assertThat(u.incidents()).hasSize(count);
    }

    @Test
    void mttrIsTheMeanOfResolvedIncidentsOnly() {
        Uptime u = Uptime.of(
                DAY,
                T0.minus(Duration.ofDays(1)),
                List.of(
                        incident(1, at("10"), at("20")),
                        incident(2, at("100"), at("130")),
                        incident(3, at("1400"), null)),
                List.of(),
                at("1440"));
        assertThat(u.incidents()).hasSize(3);
        assertThat(u.mttr()).isEqualTo(Duration.ofMinutes(20));
        assertThat(Uptime.of(DAY, T0, List.of(), List.of(), at("1440")).mttr()).isNull();
    }

    /** 30 days at 99.9 % allow 43.2 minutes. */
    @ParameterizedTest(name = "{0} minutes down of a 99.9 % budget burns {1}")
    @CsvSource({"0, 0.0, 43.2", "21.6, 0.5, 21.6", "43.2, 1.0, 0", "86.4, 2.0, 0"})
    void theErrorBudgetIsWhatTheSloAllowsMinusTheDowntime(double downMinutes, double burned, double leftMinutes) {
        Span month = new Span(T0, T0.plus(Duration.ofDays(30)));
        long downMs = Math.round(downMinutes * 60_000);
        List<Incident> is = downMs == 0
                ? List.of()
                : List.of(incident(
                        1,
                        T0.plus(Duration.ofDays(1)),
                        T0.plus(Duration.ofDays(1)).plusMillis(downMs)));
        Uptime.Budget b = Uptime.of(month, T0, is, List.of(), month.to()).budget(99.9);
        assertThat(b.allowed()).isEqualTo(Duration.ofMillis(2_592_000));
        assertThat(b.burned()).isCloseTo(burned, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(b.left()).isEqualTo(Duration.ofMillis(Math.round(leftMinutes * 60_000)));
    }

    @ParameterizedTest(name = "{0} minutes down of a day is {1}")
    @CsvSource({"0, GREEN", "14, YELLOW", "15, RED", "1440, RED"})
    void daysAreColouredByTheirDowntime(long downMinutes, DaySquare square) {
        List<Incident> is =
                downMinutes == 0 ? List.of() : List.of(incident(1, T0, T0.plus(Duration.ofMinutes(downMinutes))));
        assertThat(DaySquare.of(Uptime.of(DAY, T0, is, List.of(), DAY.to()))).isEqualTo(square);
        assertThat(DaySquare.of(Uptime.of(DAY, DAY.to(), is, List.of(), DAY.to())))
                .isEqualTo(DaySquare.NONE);
    }
}
