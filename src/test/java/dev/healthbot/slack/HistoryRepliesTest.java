package dev.healthbot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.util.json.GsonFactory;
import dev.healthbot.alert.Incident;
import dev.healthbot.alert.PostRef;
import dev.healthbot.history.DaySquare;
import dev.healthbot.history.History;
import dev.healthbot.history.Period;
import dev.healthbot.history.Span;
import dev.healthbot.history.Uptime;
import dev.healthbot.monitor.Environment;
import dev.healthbot.monitor.FailureKind;
import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.MonitorRepositoryContract;
import dev.healthbot.monitor.Origin;
import dev.healthbot.slack.view.BlockKit;
import dev.healthbot.slack.view.HistoryReplies;
import dev.healthbot.slack.view.Reply;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The history answer: pinned to golden JSON and inside Slack's limits. */
class HistoryRepliesTest {

    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    static final Monitor API = new Monitor(
            7, MonitorRepositoryContract.settings("api-live"), Origin.SLACK, NOW.minus(Duration.ofDays(200)));

    static Incident incident(long id, Instant opened, Duration lasted, String detail) {
        return new Incident(
                id,
                7,
                "api-live",
                Environment.LIVE,
                "https://api.example.com/health",
                opened,
                lasted == null ? null : opened.plus(lasted),
                FailureKind.HTTP_STATUS,
                detail,
                3);
    }

    static History history(Period period, List<Incident> incidents) {
        Span span = new Span(NOW.minus(period.length()), NOW);
        Uptime u = Uptime.of(span, API.createdAt(), incidents, List.of(), NOW);
        List<History.Day> days = new ArrayList<>();
        for (int i = 0; i < period.squares(); i++) {
            Instant start = NOW.truncatedTo(java.time.temporal.ChronoUnit.DAYS)
                    .minus(Duration.ofDays(period.squares() - 1L - i));
            Uptime d = Uptime.of(
                    new Span(start, start.plus(Duration.ofDays(1))), API.createdAt(), incidents, List.of(), NOW);
            days.add(new History.Day(LocalDate.ofInstant(start, java.time.ZoneOffset.UTC), DaySquare.of(d), d));
        }
        List<History.Entry> entries = new ArrayList<>();
        List<Incident> newestFirst = new ArrayList<>(u.incidents());
        java.util.Collections.reverse(newestFirst);
        for (Incident i : newestFirst) {
            entries.add(new History.Entry(i, Optional.of(new PostRef("C0OPS00001", "1764500000.00010" + i.id()))));
        }
        return new History(
                API,
                period,
                NOW,
                u,
                days,
                new History.Latency(8640, 120, 340),
                new History.Latency(8600, 110, 300),
                entries);
    }

    @Test
    void thirtyDaysShowUptimeSquaresLatencyAndLinkedIncidents() {
        History h = history(
                Period.D30,
                List.of(
                        incident(
                                1,
                                NOW.minus(Duration.ofDays(12)),
                                Duration.ofMinutes(3),
                                "HTTP 503 Service Unavailable"),
                        incident(2, NOW.minus(Duration.ofDays(2)), Duration.ofMinutes(47), "HTTP 500 <b>oops</b>"),
                        incident(3, NOW.minus(Duration.ofMinutes(20)), null, "HTTP 502 Bad Gateway")));
        Reply r = HistoryReplies.history(
                h,
                Map.of(
                        1L,
                        "https://acme.slack.com/archives/C0OPS00001/p1764500000000101",
                        3L,
                        "https://acme.slack.com/archives/C0OPS00001/p1764500000000103"));
        assertThat(r.text()).isEqualTo("api-live: 99.83 % uptime over the last 30d, 3 incidents");
        String json = GsonFactory.createSnakeCase().toJson(r.blocks());
        assertThat(json)
                .contains(":large_yellow_square:")
                .contains(":red_square:")
                .contains("*ongoing*")
                .contains("lt;b")
                .contains("p95 :arrow_upper_right: +13 %");
        Golden.assertMatches("history-30d", r.blocks());
    }

    @Test
    void aDayWithoutIncidentsIsShortAndSaysSo() {
        Reply r = HistoryReplies.history(history(Period.H24, List.of()), Map.of());
        assertThat(r.text()).isEqualTo("api-live: 100.00 % uptime over the last 24h, 0 incidents");
        Golden.assertMatches("history-24h", r.blocks());
    }

    @Test
    void ninetyDaysOfManyIncidentsStayInsideSlacksLimits() {
        List<Incident> many = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            many.add(incident(i + 1, NOW.minus(Duration.ofHours(10L * i + 5)), Duration.ofMinutes(7), "x".repeat(400)));
        }
        History full = history(Period.D90, many);
        List<History.Entry> listed = full.incidents().subList(0, 10);
        History h =
                new History(API, Period.D90, NOW, full.uptime(), full.days(), full.latency(), full.previous(), listed);
        Reply r = HistoryReplies.history(h, Map.of());
        assertThat(r.blocks().size()).isLessThanOrEqualTo(BlockKit.MAX_MESSAGE_BLOCKS);
        String json = GsonFactory.createSnakeCase().toJson(r.blocks());
        assertThat(json).contains("and 190 older");
        for (var b : r.blocks()) {
            if (b instanceof com.slack.api.model.block.SectionBlock s) {
                assertThat(s.getText().getText().length()).isLessThanOrEqualTo(BlockKit.SECTION_MAX);
            }
        }
    }
}
