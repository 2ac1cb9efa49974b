package dev.healthbot.slack.view;

import com.slack.api.model.block.LayoutBlock;
import dev.healthbot.history.DaySquare;
import dev.healthbot.history.History;
import dev.healthbot.history.Uptime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The answer of {@code /health history}: pure Block Kit builders, pinned by golden JSON. */
public final class HistoryReplies {

    private HistoryReplies() {}

    /** The emoji of a day square; a day the server was not watched is white. */
    public static String emoji(DaySquare s) {
        return switch (s) {
            case GREEN -> ":large_green_square:";
            case YELLOW -> ":large_yellow_square:";
            case RED -> ":red_square:";
            case NONE -> ":white_large_square:";
        };
    }

    /**
     * The history answer.
     *
     * @param links each listed incident's outage post link by incident id; an incident without one shows no link
     */
    public static Reply history(History h, Map<Long, String> links) {
        String name = h.monitor().name();
        Uptime u = h.uptime();
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(BlockKit.header(
                BlockKit.cut("History of " + name + " · last " + h.period().label(), BlockKit.HEADER_MAX)));
        String uptime = u.noData()
                ? ":grey_question: No data yet: the server was added "
                        + Texts.date(h.monitor().createdAt()) + "."
                : ":bar_chart: Uptime *" + u.percentText() + " %*"
                        + (u.down().isZero() ? "" : " · down " + Texts.duration(u.down()))
                        + " · " + count(u.incidents().size())
                        + (u.mttr() == null ? "" : " · MTTR " + Texts.duration(u.mttr()));
        blocks.add(BlockKit.section(uptime));
        if (!h.days().isEmpty()) {
            StringBuilder row = new StringBuilder();
            for (History.Day d : h.days()) {
                row.append(emoji(d.square()));
            }
            blocks.add(BlockKit.section(row.toString()));
            blocks.add(BlockKit.context(h.days().get(0).date() + " → "
                    + h.days().get(h.days().size() - 1).date()
                    + " (UTC) · :large_green_square: no downtime · :large_yellow_square: under 1 % down"
                    + " · :red_square: 1 % or more · :white_large_square: not watched"));
        }
        blocks.add(BlockKit.section(latency(h)));
        if (!h.incidents().isEmpty()) {
            StringBuilder list = new StringBuilder("*Incidents*");
            for (History.Entry e : h.incidents()) {
                String line = "\n• "
                        + incident(e, Optional.ofNullable(links.get(e.incident().id())));
                if (list.length() + line.length() > BlockKit.SECTION_MAX - 40) {
                    list.append("\n…");
                    break;
                }
                list.append(line);
            }
            if (u.incidents().size() > h.incidents().size()) {
                list.append("\n_and " + (u.incidents().size() - h.incidents().size()) + " older_");
            }
            blocks.add(BlockKit.section(BlockKit.cut(list.toString(), BlockKit.SECTION_MAX)));
        }
        blocks.add(BlockKit.context("Uptime from incidents (exact down time), maintenance windows excluded."
                + " Latency from " + (h.period().grain() == dev.healthbot.history.Grain.HOUR ? "hourly" : "daily")
                + " rollups."));
        String text = name + ": " + (u.noData() ? "no data yet" : u.percentText() + " % uptime") + " over the last "
                + h.period().label() + ", " + count(u.incidents().size());
        return new Reply(BlockKit.escape(text), blocks);
    }

    private static String count(int n) {
        return n == 1 ? "1 incident" : n + " incidents";
    }

    private static String latency(History h) {
        History.Latency l = h.latency();
        if (l.checks() == 0) {
            return ":stopwatch: Latency: no checks measured in this period.";
        }
        String trend = l.p95ChangeFrom(h.previous())
                .map(c -> c == 0
                        ? " · p95 steady vs the previous " + h.period().label()
                        : " · p95 " + (c > 0 ? ":arrow_upper_right: +" : ":arrow_lower_right: ") + c
                                + " % vs the previous " + h.period().label())
                .orElse("");
        return ":stopwatch: Latency p50 *" + l.p50Ms() + " ms* · p95 *" + l.p95Ms() + " ms*" + trend + " · "
                + l.checks() + " checks";
    }

    private static String incident(History.Entry e, Optional<String> link) {
        var i = e.incident();
        // A date token cannot sit inside a link's label: a linked start shows its UTC time.
        String when = link.map(l -> "<" + l + "|" + i.openedAt() + ">").orElse(Texts.date(i.openedAt()));
        Duration lasted = i.duration();
        String cause = i.cause() + (i.detail().isBlank() ? "" : ": " + BlockKit.escape(BlockKit.cut(i.detail(), 120)));
        return when + " · " + (lasted == null ? "*ongoing*" : "lasted " + Texts.duration(lasted)) + " · " + cause;
    }
}
