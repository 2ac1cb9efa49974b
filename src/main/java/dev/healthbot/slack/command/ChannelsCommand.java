package dev.healthbot.slack.command;

import dev.healthbot.alert.SubscriptionService;
import dev.healthbot.slack.view.Reply;
import dev.healthbot.slack.view.SubscriptionReplies;

/** {@code /health channels}: every subscribed channel and how its deliveries fare. */
public final class ChannelsCommand implements Subcommand {

    private final SubscriptionService subscriptions;

    public ChannelsCommand(SubscriptionService subscriptions) {
        this.subscriptions = subscriptions;
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
        return SubscriptionReplies.channels(subscriptions.channels());
    }
}
