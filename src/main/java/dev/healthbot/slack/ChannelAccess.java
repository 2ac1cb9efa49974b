package dev.healthbot.slack;

import com.slack.api.methods.MethodsClient;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tells whether the bot can post in a channel, with {@code conversations.info}; thread-safe. */
public final class ChannelAccess {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelAccess.class);

    private final MethodsClient methods;

    public ChannelAccess(MethodsClient methods) {
        this.methods = methods;
    }

    /** Why the bot cannot post in the channel, or empty when it can (or when Slack cannot say). */
    public Optional<String> problem(String channel) {
        if (channel == null || channel.startsWith("D")) {
            return Optional.empty();
        }
        try {
            var info = methods.conversationsInfo(r -> r.channel(channel));
            if (!info.isOk()) {
                if ("channel_not_found".equals(info.getError())) {
                    return Optional.of(
                            "healthbot cannot see this channel. If it is private, `/invite @healthbot` first.");
                }
                LOG.warn("conversations.info refused channel={} error={}", channel, info.getError());
                return Optional.empty();
            }
            var c = info.getChannel();
            if (c.isArchived()) {
                return Optional.of("This channel is archived.");
            }
            if (c.isPrivate() && !c.isMember()) {
                return Optional.of(
                        "This is a private channel healthbot is not in: `/invite @healthbot` first, then subscribe again.");
            }
            return Optional.empty();
        } catch (Exception e) {
            LOG.warn("conversations.info failed channel={} error={}", channel, e.toString());
            return Optional.empty();
        }
    }
}
