package dev.healthbot.slack.command;

import dev.healthbot.alert.Mention;
import dev.healthbot.alert.ResponseService;
import dev.healthbot.alert.SubscriptionService;
import dev.healthbot.slack.Access;
import dev.healthbot.slack.ChannelAccess;
import dev.healthbot.slack.view.Reply;
import dev.healthbot.slack.view.SubscriptionReplies;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code /health subscribe [DEV|STAGE|LIVE|<server> ...]}: this channel hears about those servers. */
public final class SubscribeCommand implements Subcommand {

    private final SubscriptionService subscriptions;
    private final ChannelAccess channels;
    private final ResponseService responses;

    /** Slack's escaped forms of a user group and a user in command text. */
    private static final Pattern ESCAPED =
            Pattern.compile("<(?:!subteam\\^([A-Z0-9]+)|@([UW][A-Z0-9]+))(?:\\|[^>]*)?>");

    public SubscribeCommand(SubscriptionService subscriptions, ChannelAccess access) {
        this(subscriptions, access, null);
    }

    /** @param responses sets the mentions of {@code mention=}; null when mentions are not wired */
    public SubscribeCommand(SubscriptionService subscriptions, ChannelAccess access, ResponseService responses) {
        this.subscriptions = subscriptions;
        this.channels = access;
        this.responses = responses;
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
        return "/health subscribe [DEV|STAGE|LIVE|<server> ...] [mention=@group,@user|none]";
    }

    @Override
    public String summary() {
        return "this channel gets alerts for those environments or servers (everything when none)";
    }

    @Override
    public Reply handle(CommandRequest request) {
        Args parsed = Args.parse(request.args());
        String mention = parsed.options().get("mention");
        Args args = new Args(parsed.words(), mention == null ? parsed.options() : without(parsed.options()));
        if (!Args.isSelectorList(args) || (mention != null && responses == null)) {
            return Reply.text(":warning: Usage: `" + usage() + "`.");
        }
        List<Mention> mentions;
        try {
            mentions = mention == null ? null : mentions(mention);
        } catch (IllegalArgumentException e) {
            return Reply.text(":warning: " + e.getMessage());
        }
        request.later().respondLater(() -> {
            Optional<String> problem = channels.problem(request.channelId());
            if (problem.isPresent()) {
                return Reply.text(":warning: " + problem.get());
            }
            SubscriptionService.Change change =
                    subscriptions.subscribe(request.channelId(), args.words(), request.userId());
            Reply reply = SubscriptionReplies.of(change);
            if (mentions != null && change instanceof SubscriptionService.Change.Subscribed) {
                subscriptions
                        .selectors(args.words())
                        .ifPresent(selectors ->
                                responses.setMentions(request.channelId(), selectors, mentions, request.userId()));
                String who = mentions.isEmpty()
                        ? "Outage posts here mention nobody."
                        : "Outage posts here for those servers mention "
                                + dev.healthbot.slack.view.AlertMessages.mentions(mentions)
                                + " (and reminders, once an outage is 30 minutes old and unacknowledged).";
                return new Reply(
                        reply.text() + "\n" + who,
                        List.of(
                                dev.healthbot.slack.view.BlockKit.section(reply.text()),
                                dev.healthbot.slack.view.BlockKit.section(who)));
            }
            return reply;
        });
        return Reply.text("Subscribing this channel…");
    }

    private static Map<String, String> without(Map<String, String> options) {
        Map<String, String> rest = new java.util.HashMap<>(options);
        rest.remove("mention");
        return rest;
    }

    /**
     * Reads {@code mention=}: Slack's escaped {@code <!subteam^S…|@name>} and {@code <@U…|name>}, or bare ids,
     * comma-separated; {@code none} clears. A plain {@code @name} is refused: only ids are ever used.
     */
    static List<Mention> mentions(String value) {
        List<Mention> out = new ArrayList<>();
        String v = value.strip();
        if (v.equalsIgnoreCase("none") || v.equalsIgnoreCase("off")) {
            return out;
        }
        for (String part : v.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            Matcher m = ESCAPED.matcher(p);
            String id;
            if (m.matches()) {
                id = m.group(1) != null ? m.group(1) : m.group(2);
            } else if (Mention.isId(p)) {
                id = p;
            } else {
                throw new IllegalArgumentException("`mention=` takes user groups and people picked from Slack's"
                        + " autocomplete (they arrive as ids), or ids like `S0123ABCD`; "
                        + dev.healthbot.slack.view.BlockKit.code(dev.healthbot.slack.view.BlockKit.cut(p, 40))
                        + " is neither.");
            }
            if (!Mention.isId(id)) {
                throw new IllegalArgumentException("that mention does not carry a Slack id.");
            }
            if (out.stream().noneMatch(x -> x.id().equals(id))) {
                out.add(new Mention(id));
            }
        }
        if (out.size() > 10) {
            throw new IllegalArgumentException("at most 10 mentions.");
        }
        return out;
    }
}
