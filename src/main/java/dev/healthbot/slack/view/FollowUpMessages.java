package dev.healthbot.slack.view;

import com.slack.api.model.block.LayoutBlock;
import dev.healthbot.alert.FollowUpMessage;
import dev.healthbot.alert.MaintenanceWindow;
import dev.healthbot.monitor.Durations;
import java.util.ArrayList;
import java.util.List;

/** The Block Kit of follow-ups: reminders and re-check replies in an outage's thread, maintenance posts; pure. */
public final class FollowUpMessages {

    private FollowUpMessages() {}

    public static AlertMessages.Message of(FollowUpMessage m) {
        if (m instanceof FollowUpMessage.Reminder r) {
            return reminder(r);
        }
        if (m instanceof FollowUpMessage.Recheck r) {
            return recheck(r);
        }
        if (m instanceof FollowUpMessage.MaintenanceStarted s) {
            return started(s.window());
        }
        if (m instanceof FollowUpMessage.PingLog p) {
            return pingLog(p);
        }
        return ended((FollowUpMessage.MaintenanceEnded) m);
    }

    static AlertMessages.Message reminder(FollowUpMessage.Reminder r) {
        String mentions = AlertMessages.mentions(r.mentions());
        String text = ":alarm_clock: " + r.alert().monitorName() + " is still DOWN after "
                + Durations.human(r.downFor()) + " and nobody has acknowledged it";
        String body = (mentions.isEmpty() ? "" : mentions + " ") + ":alarm_clock: *"
                + BlockKit.escape(r.alert().monitorName()) + "* is still DOWN after "
                + Durations.human(r.downFor()) + " and nobody has acknowledged it.";
        return new AlertMessages.Message(
                BlockKit.cut((mentions.isEmpty() ? "" : mentions + " ") + text, 3000),
                List.of(
                        BlockKit.section(body),
                        BlockKit.context("Reminder " + r.number() + " · "
                                + r.alert().cause() + " · press Acknowledge on the post above to stop these")));
    }

    static AlertMessages.Message recheck(FollowUpMessage.Recheck r) {
        String name = BlockKit.escape(r.monitorName());
        String head = (r.up() ? ":large_green_circle: " : ":red_circle: ") + "Re-check of *" + name + "*: "
                + (r.up() ? "up" : "still down") + " in " + r.latency().toMillis() + " ms";
        String detail = r.detail() == null || r.detail().isBlank()
                ? "no detail"
                : BlockKit.escape(BlockKit.cut(r.detail(), AlertMessages.DETAIL_MAX));
        String body = (r.up() ? "" : "*Failure:* " + r.failure() + "\n") + "*Detail:* " + detail;
        return new AlertMessages.Message(
                BlockKit.cut(
                        "Re-check of " + r.monitorName() + ": " + (r.up() ? "up" : "still down") + " in "
                                + r.latency().toMillis() + " ms",
                        3000),
                List.of(
                        BlockKit.section(head),
                        BlockKit.section(body),
                        BlockKit.context("Asked by <@" + r.by() + ">"
                                + (r.up() ? " · the recovery is posted once the server passes its checks" : ""))));
    }

    /** Code blocks of a ping body at most; a longer body keeps its end (where a job's log says what failed). */
    static final int PING_LOG_CHUNKS = 3;

    /**
     * The body a heartbeat's last ping carried, in the outage's thread: escaped so no mention, link or fence comes
     * through, the end kept in at most {@link #PING_LOG_CHUNKS} code blocks, and a line saying how much was cut.
     */
    static AlertMessages.Message pingLog(FollowUpMessage.PingLog p) {
        String body = ErrorMessages.inert(p.body() == null ? "" : p.body().strip());
        int room = PING_LOG_CHUNKS * ErrorMessages.CODE_CHUNK;
        int from = 0;
        if (body.length() > room) {
            from = body.length() - room;
            int amp = body.lastIndexOf('&', from);
            if (amp >= 0 && amp > from - 6 && body.indexOf(';', amp) >= from) {
                from = amp;
            }
            int nl = body.indexOf('\n', from);
            if (nl >= 0 && nl < from + ErrorMessages.CODE_CHUNK / 2) {
                from = nl + 1;
            }
        }
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(BlockKit.section(":page_facing_up: The last body a ping of *" + BlockKit.escape(p.monitorName())
                + "* carried (the job's own output, shown as sent):"));
        if (from > 0) {
            blocks.add(BlockKit.context(":scissors: " + from + " earlier characters cut; the end is shown."));
        }
        int shown = from;
        while (shown < body.length()) {
            int end = ErrorMessages.chunkEnd(body, shown);
            blocks.add(BlockKit.section("```" + body.substring(shown, end) + "```"));
            shown = end;
        }
        return new AlertMessages.Message(
                BlockKit.cut("Last ping body of " + ErrorMessages.safe(p.monitorName()), 3000), blocks);
    }

    static AlertMessages.Message started(MaintenanceWindow w) {
        String text = ":construction: Maintenance #" + w.id() + " on " + w.label() + " until " + w.end();
        String body = ":construction: *Maintenance #" + w.id() + "* on *" + BlockKit.escape(w.label()) + "* until "
                + Texts.date(w.end()) + reason(w) + "\nNo outage posts or reminders for these servers meanwhile;"
                + " they are still probed.";
        return new AlertMessages.Message(
                BlockKit.cut(text, 3000),
                List.of(
                        BlockKit.section(body),
                        BlockKit.context("Started by <@" + w.createdBy() + "> · end it early with `/health"
                                + " maintenance end " + w.id() + "`")));
    }

    static AlertMessages.Message ended(FollowUpMessage.MaintenanceEnded e) {
        MaintenanceWindow w = e.window();
        String count = e.outages() == 0
                ? "no outages during the window"
                : e.outages() + (e.outages() == 1 ? " outage" : " outages") + " during the window, "
                        + Durations.human(e.down()) + " total";
        String text = ":white_check_mark: Maintenance #" + w.id() + " on " + w.label() + " ended: " + count;
        String body = ":white_check_mark: *Maintenance #" + w.id() + "* on *" + BlockKit.escape(w.label())
                + "* ended after " + Durations.human(w.length()) + ": " + count + "."
                + "\nA server still down now gets its outage post.";
        return new AlertMessages.Message(BlockKit.cut(text, 3000), List.of(BlockKit.section(body)));
    }

    private static String reason(MaintenanceWindow w) {
        return w.reason().isBlank() ? "" : "\n*Reason:* " + BlockKit.escape(BlockKit.cut(w.reason(), 500));
    }
}
