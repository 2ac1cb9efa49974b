package dev.healthbot.slack.command;

import dev.healthbot.alert.SubscriptionService;
import dev.healthbot.slack.Access;
import dev.healthbot.slack.ChannelAccess;
import dev.healthbot.slack.view.Reply;
import dev.healthbot.slack.view.SubscriptionReplies;
import java.util.Optional;

/** {@code /health subscribe [DEV|STAGE|LIVE|<server> ...]}: this channel hears about those servers. */
public final class SubscribeCommand implements Subcommand {

    private final SubscriptionService subscriptions;
    private final ChannelAccess channels;

    public SubscribeCommand(SubscriptionService subscriptions, ChannelAccess access) {
        this.subscriptions = subscriptions;
        this.channels = access;
    }

    @Override
    public String name() {
        return "subscribe";
    }

    @Override
    public Access access() {
        return Access.CHANGE;
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
        if (!Args.isSelectorList(args)) {
            return Reply.text(":warning: Usage: `" + usage() + "`.");
        }
        request.later().respondLater(() -> {
            Optional<String> problem = channels.problem(request.channelId());
            if (problem.isPresent()) {
                return Reply.text(":warning: " + problem.get());
            }
            return SubscriptionReplies.of(subscriptions.subscribe(request.channelId(), args.words(), request.userId()));
        });
        return Reply.text("Subscribing this channel…");
    }
}
