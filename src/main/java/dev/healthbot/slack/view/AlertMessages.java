package dev.healthbot.slack.view;

import com.slack.api.model.block.LayoutBlock;
import dev.healthbot.alert.Alert;
import dev.healthbot.monitor.Durations;
import java.util.List;

/** The Block Kit of alert posts: the outage, the recovery reply, and the outage post once resolved; pure. */
public final class AlertMessages {

    /** The longest failure detail shown in a post; longer ones are cut with a visible marker. */
    public static final int DETAIL_MAX = 1500;

    /** A message: its notification fallback text and its blocks. */
    public record Message(String text, List<LayoutBlock> blocks) {}

    private AlertMessages() {}

    public static Message outage(Alert a) {
        String name = BlockKit.escape(a.monitorName());
        String header = ":red_circle: " + a.monitorName() + " is DOWN";
        return new Message(
                BlockKit.cut(
                        header + " (" + a.environment() + "): " + a.cause() + " " + BlockKit.escape(a.detail()), 3000),
                List.of(
                        BlockKit.header(header),
                        BlockKit.section(facts(a)),
                        BlockKit.context("*" + name + "* · incident #" + a.incidentId()
                                + " · the recovery will be posted in this thread")));
    }

    public static Message recovery(Alert a) {
        String lasted = a.lasted() == null ? "" : " after " + Durations.human(a.lasted());
        String text = ":large_green_circle: " + a.monitorName() + " is back UP" + lasted;
        return new Message(
                text,
                List.of(
                        BlockKit.section("*" + text + "*"),
                        BlockKit.context("The outage was " + a.cause() + ": " + detail(a) + " · UP since "
                                + Texts.date(a.resolvedAt()))));
    }

    /** The outage post as it reads once the server is back: marked resolved, with when and how long. */
    public static Message resolved(Alert a) {
        String lasted = a.lasted() == null ? "" : Durations.human(a.lasted());
        String header = ":white_check_mark: " + a.monitorName() + " was DOWN, resolved";
        return new Message(
                BlockKit.cut(header + " after " + lasted, 3000),
                List.of(
                        BlockKit.header(header),
                        BlockKit.section(facts(a) + "\n*Resolved:* " + Texts.date(a.resolvedAt()) + " after " + lasted),
                        BlockKit.context("*" + BlockKit.escape(a.monitorName()) + "* · incident #" + a.incidentId()
                                + " · resolved")));
    }

    private static String facts(Alert a) {
        return "*Environment:* " + a.environment() + "\n"
                + "*Target:* " + BlockKit.code(BlockKit.cut(a.target(), 300)) + "\n"
                + "*Failure:* " + a.cause() + ": " + detail(a) + "\n"
                + "*Down since:* " + Texts.date(a.since()) + "\n"
                + "*Failed checks:* " + a.failedChecks();
    }

    private static String detail(Alert a) {
        String d = a.detail() == null || a.detail().isBlank() ? "no detail" : a.detail();
        return BlockKit.escape(BlockKit.cut(d, DETAIL_MAX));
    }
}
