package dev.healthbot.slack.view;

import dev.healthbot.alert.SubscriptionService.Change;
import dev.healthbot.alert.SubscriptionService.ChannelView;
import java.util.List;
import java.util.stream.Collectors;

/** The words for what the channel commands changed, as {@link ServerReplies} has for servers; pure. */
public final class SubscriptionReplies {

    /** At most this many channels are listed by {@code /health channels}. */
    public static final int MAX_LINES = 100;

    private SubscriptionReplies() {}

    /** The reply to a channel command. */
    public static Reply of(Change change) {
        boolean done = !(change instanceof Change.UnknownServers || change instanceof Change.NotSubscribed);
        return Reply.text((done ? ":bell: " : ":warning: ") + BlockKit.escape(message(change)));
    }

    /** What {@code change} means, in plain text. */
    static String message(Change change) {
        if (change instanceof Change.Subscribed s) {
            return "This channel now gets alerts for " + String.join(", ", s.added()) + ". It hears: "
                    + summary(s.channel()) + ".";
        }
        if (change instanceof Change.Unsubscribed u) {
            if (u.channel() == null) {
                return "This channel no longer gets any alerts.";
            }
            String note = u.notSubscribed().isEmpty()
                    ? ""
                    : " It was not subscribed to " + String.join(", ", u.notSubscribed()) + ".";
            return "This channel now hears: " + summary(u.channel()) + "." + note;
        }
        if (change instanceof Change.Paused p) {
            return p.paused()
                    ? "Alerts are paused for this channel. Use /health alerts on to turn them back on."
                    : "Alerts are back on for this channel.";
        }
        if (change instanceof Change.UnknownServers u) {
            return (u.names().size() == 1 ? "No server is named " : "No servers are named ")
                    + String.join(", ", u.names())
                    + ". Use DEV, STAGE, LIVE or a server name from /health list.";
        }
        return "This channel is not subscribed to any alerts. Use /health subscribe first.";
    }

    /** What a channel hears in one line, e.g. {@code LIVE, api-live (paused)}. */
    static String summary(ChannelView c) {
        StringBuilder b = new StringBuilder(String.join(", ", c.selectors()));
        if (c.paused()) {
            b.append(" (paused)");
        }
        if (c.failingReason() != null) {
            b.append(" (failing: ").append(c.failingReason()).append(')');
        }
        return b.toString();
    }

    /** The answer to {@code /health channels}: every subscribed channel and how its deliveries fare. */
    public static Reply channels(List<ChannelView> channels) {
        if (channels.isEmpty()) {
            return Reply.text(
                    "No channel is subscribed yet. Type `/health subscribe` in the channel that should hear about outages.");
        }
        String lines = channels.stream()
                .limit(MAX_LINES)
                .map(SubscriptionReplies::line)
                .collect(Collectors.joining("\n"));
        String more = channels.size() > MAX_LINES ? "\n…and " + (channels.size() - MAX_LINES) + " more" : "";
        String text = channels.size() + " subscribed channels:\n" + lines + more;
        return new Reply(
                BlockKit.cut(text, 3900),
                List.of(
                        BlockKit.header("Subscribed channels"),
                        BlockKit.section(BlockKit.cut(lines + more, BlockKit.SECTION_MAX))));
    }

    static String line(ChannelView c) {
        String state = c.failingReason() != null
                ? ":warning: failing: " + BlockKit.escape(c.failingReason())
                        + (c.failingSince() == null ? "" : " since " + Texts.date(c.failingSince()))
                : c.paused() ? ":double_vertical_bar: alerts off" : ":white_check_mark: alerts on";
        String selectors = c.selectors().stream().map(BlockKit::escape).collect(Collectors.joining(", "));
        return "<#" + c.channel() + "> " + selectors + " · " + state;
    }
}
