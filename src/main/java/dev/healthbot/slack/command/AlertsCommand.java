package dev.healthbot.slack.command;

import dev.healthbot.alert.ResponseService;
import dev.healthbot.alert.SubscriptionService;
import dev.healthbot.monitor.MonitorService;
import dev.healthbot.slack.Access;
import dev.healthbot.slack.view.BlockKit;
import dev.healthbot.slack.view.Reply;
import dev.healthbot.slack.view.ServerReplies;
import dev.healthbot.slack.view.SubscriptionReplies;
import java.util.List;

/** {@code /health alerts on|off [<server>]}: a server's alerts, or this channel's subscription. */
public final class AlertsCommand implements Subcommand {

    private final SubscriptionService subscriptions;
    private final MonitorService monitors;
    private final ResponseService responses;

    public AlertsCommand(SubscriptionService subscriptions, MonitorService monitors) {
        this(subscriptions, monitors, null);
    }

    /** @param responses ends a server's mute on {@code alerts on <server>}; null when mutes are not wired */
    public AlertsCommand(SubscriptionService subscriptions, MonitorService monitors, ResponseService responses) {
        this.subscriptions = subscriptions;
        this.monitors = monitors;
        this.responses = responses;
    }

    @Override
    public String name() {
        return "alerts";
    }

    @Override
    public Access access() {
        return Access.CHANGE;
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
            return SubscriptionReplies.of(subscriptions.pause(request.channelId(), !on, request.userId()));
        }
        MonitorService.EditResult o = monitors.setAlerts(w.get(1), on, request.userId());
        if (o instanceof MonitorService.EditResult.Saved s) {
            boolean unmuted =
                    on && responses != null && responses.unmute(s.monitor().id(), request.userId());
            return Reply.text((on ? ":bell: Alerts are on for " : ":no_bell: Alerts are off for ")
                    + BlockKit.code(s.monitor().name())
                    + (on ? (unmuted ? "; its mute is ended." : ".") : "; it is still probed and listed."));
        }
        return ServerReplies.refused(o);
    }
}
