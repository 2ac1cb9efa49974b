package dev.healthbot.slack.command;

import dev.healthbot.alert.SubscriptionService;
import dev.healthbot.slack.Access;
import dev.healthbot.slack.view.Reply;
import dev.healthbot.slack.view.SubscriptionReplies;

/** {@code /health unsubscribe [DEV|STAGE|LIVE|<server> ...]}: the reverse of subscribe. */
public final class UnsubscribeCommand implements Subcommand {

    private final SubscriptionService subscriptions;

    public UnsubscribeCommand(SubscriptionService subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Override
    public String name() {
        return "unsubscribe";
    }

    @Override
    public Access access() {
        return Access.CHANGE;
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
        if (!Args.isSelectorList(args)) {
            return Reply.text(":warning: Usage: `" + usage() + "`.");
        }
        return SubscriptionReplies.of(subscriptions.unsubscribe(request.channelId(), args.words(), request.userId()));
    }
}
