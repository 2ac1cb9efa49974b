package dev.healthbot.slack;

import dev.healthbot.alert.AlertService;
import dev.healthbot.monitor.MonitorService;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The channel commands: subscribe, unsubscribe, channels, and alerts on/off. */
public final class ChannelCommands {

    private ChannelCommands() {}

    static Reply outcome(AlertService.Outcome o) {
        String icon = o instanceof AlertService.Outcome.Done ? ":bell: " : ":warning: ";
        return Reply.text(icon + BlockKit.escape(o.message()));
    }

    /** {@code /health subscribe [DEV|STAGE|LIVE|<server> ...]}. */
    public static final class Subscribe implements Subcommand {
        private final AlertService alerts;
        private final ChannelAccess access;

        public Subscribe(AlertService alerts, ChannelAccess access) {
            this.alerts = alerts;
            this.access = access;
        }

        @Override
        public String name() {
            return "subscribe";
        }

        @Override
        public boolean changes() {
            return true;
        }

        @Override
        public String usage() {
            return "/health subscribe [DEV|STAGE|LIVE|<server> ...]";
        }

        @Override
        public String summary() {
            return "this channel gets alerts for those environments or servers (everything when none)";
        }

        @Override
        public Reply handle(CommandRequest request) {
            Args args = Args.parse(request.args());
            if (!args.options().isEmpty() || args.words().size() > 50) {
                return Reply.text(":warning: Usage: `" + usage() + "`.");
            }
            request.later().respondLater(() -> {
                Optional<String> problem = access.problem(request.channelId());
                if (problem.isPresent()) {
                    return Reply.text(":warning: " + problem.get());
                }
                return outcome(alerts.subscribe(request.channelId(), args.words(), request.userId()));
            });
            return Reply.text("Subscribing this channel…");
        }
    }

    /** {@code /health unsubscribe [...]}. */
    public static final class Unsubscribe implements Subcommand {
        private final AlertService alerts;

        public Unsubscribe(AlertService alerts) {
            this.alerts = alerts;
        }

        @Override
        public String name() {
            return "unsubscribe";
        }

        @Override
        public boolean changes() {
            return true;
        }

        @Override
        public String usage() {
            return "/health unsubscribe [DEV|STAGE|LIVE|<server> ...]";
        }

        @Override
        public String summary() {
            return "the reverse (everything when none)";
        }

        @Override
        public Reply handle(CommandRequest request) {
            Args args = Args.parse(request.args());
            if (!args.options().isEmpty() || args.words().size() > 50) {
                return Reply.text(":warning: Usage: `" + usage() + "`.");
            }
            return outcome(alerts.unsubscribe(request.channelId(), args.words(), request.userId()));
        }
    }

    /** {@code /health channels}: every subscribed channel and how its deliveries fare. */
    public static final class Channels implements Subcommand {
        static final int MAX_LINES = 100;
        private final AlertService alerts;

        public Channels(AlertService alerts) {
            this.alerts = alerts;
        }

        @Override
        public String name() {
            return "channels";
        }

        @Override
        public String usage() {
            return "/health channels";
        }

        @Override
        public String summary() {
            return "every subscribed channel: what it receives, paused or not, failing deliveries";
        }

        @Override
        public Reply handle(CommandRequest request) {
            List<AlertService.ChannelView> channels = alerts.channels();
            if (channels.isEmpty()) {
                return Reply.text(
                        "No channel is subscribed yet. Type `/health subscribe` in the channel that should hear about outages.");
            }
            String lines =
                    channels.stream().limit(MAX_LINES).map(Channels::line).collect(Collectors.joining("\n"));
            String more = channels.size() > MAX_LINES ? "\n…and " + (channels.size() - MAX_LINES) + " more" : "";
            String text = channels.size() + " subscribed channels:\n" + lines + more;
            return new Reply(
                    BlockKit.cut(text, 3900),
                    List.of(
                            BlockKit.header("Subscribed channels"),
                            BlockKit.section(BlockKit.cut(lines + more, BlockKit.SECTION_MAX))));
        }

        static String line(AlertService.ChannelView c) {
            String state = c.failingReason() != null
                    ? ":warning: failing: " + BlockKit.escape(c.failingReason())
                            + (c.failingSince() == null ? "" : " since " + Texts.date(c.failingSince()))
                    : c.paused() ? ":double_vertical_bar: alerts off" : ":white_check_mark: alerts on";
            String selectors = c.selectors().stream().map(BlockKit::escape).collect(Collectors.joining(", "));
            return "<#" + c.channel() + "> " + selectors + " · " + state;
        }
    }

    /** {@code /health alerts on|off [<server>]}: a server's alerts, or this channel's subscription. */
    public static final class Alerts implements Subcommand {
        private final AlertService alerts;
        private final MonitorService monitors;

        public Alerts(AlertService alerts, MonitorService monitors) {
            this.alerts = alerts;
            this.monitors = monitors;
        }

        @Override
        public String name() {
            return "alerts";
        }

        @Override
        public boolean changes() {
            return true;
        }

        @Override
        public String usage() {
            return "/health alerts on|off [<server>]";
        }

        @Override
        public String summary() {
            return "switch a server's alerts, or pause this channel's (probing goes on)";
        }

        @Override
        public Reply handle(CommandRequest request) {
            Args args = Args.parse(request.args());
            List<String> w = args.words();
            if (!args.options().isEmpty()
                    || w.isEmpty()
                    || w.size() > 2
                    || !(w.get(0).equalsIgnoreCase("on") || w.get(0).equalsIgnoreCase("off"))) {
                return Reply.text(":warning: Usage: `" + usage() + "`.");
            }
            boolean on = w.get(0).equalsIgnoreCase("on");
            if (w.size() == 1) {
                return outcome(alerts.pause(request.channelId(), !on, request.userId()));
            }
            MonitorService.EditResult o = monitors.setAlerts(w.get(1), on, request.userId());
            if (o instanceof MonitorService.EditResult.Saved s) {
                return Reply.text((on ? ":bell: Alerts are on for " : ":no_bell: Alerts are off for ")
                        + BlockKit.code(s.monitor().name())
                        + (on ? "." : "; it is still probed and listed."));
            }
            return ServerReplies.refused(o);
        }
    }
}
