package dev.healthbot.slack.view;

import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static com.slack.api.model.block.element.BlockElements.staticSelect;

import com.slack.api.model.block.Blocks;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.block.element.BlockElement;
import dev.healthbot.alert.Alert;
import dev.healthbot.alert.Mention;
import dev.healthbot.alert.Mute;
import dev.healthbot.alert.PostState;
import dev.healthbot.monitor.Durations;
import java.util.ArrayList;
import java.util.List;

/**
 * The Block Kit of alert posts: the outage (down, acknowledged, muted) with its buttons, the recovery reply, and
 * the outage post once resolved; pure. The button and menu ids are here, next to the blocks that carry them.
 */
public final class AlertMessages {

    /** The longest failure detail shown in a post; longer ones are cut with a visible marker. */
    public static final int DETAIL_MAX = 1500;

    /** The block holding the buttons of an outage post. */
    public static final String ACTIONS_BLOCK = "incident_actions";

    public static final String ACK = "incident_ack";
    public static final String UNACK = "incident_unack";
    public static final String RECHECK = "incident_recheck";
    public static final String MUTE = "incident_mute";

    /** A message: its notification fallback text and its blocks. */
    public record Message(String text, List<LayoutBlock> blocks) {}

    private AlertMessages() {}

    public static Message outage(Alert a) {
        return outage(a, PostState.NONE);
    }

    /** The outage post as it stands: down, acknowledged or muted, with its buttons and the channel's mentions. */
    public static Message outage(Alert a, PostState s) {
        String name = BlockKit.escape(a.monitorName());
        String header = ":red_circle: " + a.monitorName() + " is DOWN";
        String mentions = mentions(s.mentions());
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(BlockKit.header(header));
        if (!mentions.isEmpty()) {
            blocks.add(BlockKit.section(mentions));
        }
        blocks.add(BlockKit.section(facts(a)));
        String standing = standing(s);
        if (!standing.isEmpty()) {
            blocks.add(BlockKit.section(standing));
        }
        blocks.add(actions(a.incidentId(), s));
        blocks.add(BlockKit.context(
                "*" + name + "* · incident #" + a.incidentId() + " · the recovery will be posted in this thread"));
        String text = header + " (" + a.environment() + "): " + a.cause() + " " + BlockKit.escape(a.detail());
        return new Message(BlockKit.cut((mentions.isEmpty() ? "" : mentions + " ") + text, 3000), blocks);
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
        return resolved(a, PostState.NONE);
    }

    /**
     * The outage post once the server is back: no buttons, no mentions; who acknowledged it, the time to
     * acknowledge and the time to resolve stay.
     */
    public static Message resolved(Alert a, PostState s) {
        String lasted = a.lasted() == null ? "" : Durations.human(a.lasted());
        String header = ":white_check_mark: " + a.monitorName() + " was DOWN, resolved";
        String ack = s.acknowledged()
                ? "\n*Acknowledged:* by <@" + s.ackedBy() + "> after " + Durations.human(s.timeToAck(a.since()))
                        + " (time to acknowledge)"
                : "\n*Acknowledged:* nobody";
        return new Message(
                BlockKit.cut(header + " after " + lasted, 3000),
                List.of(
                        BlockKit.header(header),
                        BlockKit.section(facts(a) + "\n*Resolved:* " + Texts.date(a.resolvedAt()) + " after " + lasted
                                + " (time to resolve)" + ack),
                        BlockKit.context("*" + BlockKit.escape(a.monitorName()) + "* · incident #" + a.incidentId()
                                + " · resolved")));
    }

    /** Who the post calls, from ids only: {@code <!subteam^S…>} and {@code <@U…>}. */
    public static String mentions(List<Mention> mentions) {
        List<String> parts = new ArrayList<>();
        for (Mention m : mentions) {
            parts.add(m.group() ? "<!subteam^" + m.id() + ">" : "<@" + m.id() + ">");
        }
        return String.join(" ", parts);
    }

    private static String standing(PostState s) {
        List<String> lines = new ArrayList<>();
        if (s.acknowledged()) {
            lines.add(":eyes: Acknowledged by <@" + s.ackedBy() + "> at " + Texts.date(s.ackedAt()));
        }
        Mute m = s.mute();
        if (m != null) {
            lines.add(":no_bell: Muted by <@" + m.by() + "> "
                    + (m.until() == null ? "until it recovers" : "until " + Texts.date(m.until()))
                    + " (probing goes on)");
        }
        return String.join("\n", lines);
    }

    private static LayoutBlock actions(long incidentId, PostState s) {
        String id = Long.toString(incidentId);
        List<BlockElement> elements = new ArrayList<>();
        if (s.acknowledged()) {
            elements.add(button(
                    b -> b.actionId(UNACK).text(plainText("Unacknowledge")).value(id)));
        } else {
            elements.add(button(b ->
                    b.actionId(ACK).text(plainText("Acknowledge")).value(id).style("primary")));
        }
        elements.add(
                button(b -> b.actionId(RECHECK).text(plainText("Re-check now")).value(id)));
        List<OptionObject> options = new ArrayList<>();
        for (Mute.Choice c : Mute.Choice.values()) {
            options.add(option(plainText(c.label()), c.value() + ":" + id));
        }
        elements.add(staticSelect(
                m -> m.actionId(MUTE).placeholder(plainText("Mute…")).options(options)));
        return Blocks.actions(a -> a.blockId(ACTIONS_BLOCK).elements(elements));
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
