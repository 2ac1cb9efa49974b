package dev.healthbot.slack;

import dev.healthbot.alert.DeliveryException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the bot can and may post in a channel, from {@code conversations.info}: it never posts server details into a
 * channel shared with another organisation unless {@code HEALTHBOT_ALLOW_SHARED_CHANNELS=true}. Thread-safe; called by
 * {@code /health subscribe} (Slack asked afresh) and by {@link SlackNotifier} before every post (answer kept a minute).
 */
public final class ChannelAccess {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelAccess.class);

    /** The reason a delivery into a shared channel is given up, shown by {@code /health channels}. */
    public static final String SHARED_REASON = "shared_with_other_organisation";

    static final String SHARED_PROBLEM = "This channel is shared with another organisation, so healthbot will not post"
            + " server details here. To allow it, whoever runs healthbot sets `HEALTHBOT_ALLOW_SHARED_CHANNELS=true`.";

    private final Directory directory;
    private final boolean allowShared;
    private final Duration callBound;

    public ChannelAccess(Directory directory, boolean allowShared, Duration callBound) {
        this.directory = directory;
        this.allowShared = allowShared;
        this.callBound = callBound;
    }

    /** True when {@code HEALTHBOT_ALLOW_SHARED_CHANNELS=true}. */
    public boolean allowShared() {
        return allowShared;
    }

    /** Why the bot cannot or may not post in the channel, or empty when it can; asks Slack afresh. */
    public Optional<String> problem(String channel) {
        // A direct message with the bot is the user's own conversation with it.
        if (channel == null || channel.startsWith("D")) {
            return Optional.empty();
        }
        Directory.Room c;
        try {
            c = directory.roomNow(channel, directory.deadline(callBound));
        } catch (CachedLookup.Unavailable e) {
            return Optional.of(
                    "Could not check this channel with Slack (" + e.getMessage() + "). Try again in a moment.");
        }
        if (!c.found()) {
            return Optional.of("healthbot cannot see this channel. If it is private, `/invite @healthbot` first.");
        }
        if (c.archived()) {
            return Optional.of("This channel is archived.");
        }
        if (c.isPrivate() && !c.member()) {
            return Optional.of(
                    "This is a private channel healthbot is not in: `/invite @healthbot` first, then subscribe again.");
        }
        if (c.extShared() && !allowShared) {
            LOG.info("subscribe refused channel={} reason={}", channel, SHARED_REASON);
            return Optional.of(SHARED_PROBLEM);
        }
        return Optional.empty();
    }

    /**
     * Throws when a post into the channel must not go out: permanently when it is shared with another organisation
     * (the delivery is given up and the channel marked failing), transiently when Slack cannot say.
     */
    public void checkDelivery(String channel) throws DeliveryException {
        if (allowShared || channel == null || channel.startsWith("D")) {
            return;
        }
        Directory.Room c;
        try {
            c = directory.room(channel, directory.deadline(callBound));
        } catch (CachedLookup.Unavailable e) {
            throw DeliveryException.transientFailure("could not check whether the channel is shared", null);
        }
        if (c.extShared()) {
            LOG.warn(
                    "delivery refused channel={} reason={} setting=HEALTHBOT_ALLOW_SHARED_CHANNELS",
                    channel,
                    SHARED_REASON);
            throw DeliveryException.permanent(SHARED_REASON);
        }
    }
}
