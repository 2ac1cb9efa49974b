package dev.healthbot.alert;

import dev.healthbot.monitor.Monitor;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * A subscribed channel with its selectors and flags; immutable.
 *
 * @param channel the Slack channel id
 * @param paused alerts are off for the channel (it gets no new outages)
 * @param failingReason why the last delivery to the channel failed for good; null when healthy
 * @param failingSince when that failure was recorded; null when healthy
 */
public record ChannelSubscription(
        String channel, Set<Selector> selectors, boolean paused, String failingReason, Instant failingSince) {

    public ChannelSubscription {
        selectors = Set.copyOf(selectors);
    }

    public boolean failing() {
        return failingReason != null;
    }

    /**
     * True when the channel is not paused and one of its selectors matches the server: the one rule
     * deciding who hears of a server's outage.
     */
    public boolean hears(Monitor monitor) {
        if (paused) {
            return false;
        }
        for (Selector s : selectors) {
            if (s.matches(monitor)) {
                return true;
            }
        }
        return false;
    }

    /** True when the channel is not paused and one of its selectors accepts the error source. */
    public boolean hearsErrors(long sourceId, dev.healthbot.monitor.Environment environment) {
        if (paused) {
            return false;
        }
        for (Selector s : selectors) {
            if (s.hearsErrors(sourceId, environment)) {
                return true;
            }
        }
        return false;
    }

    /** The channels among {@code subscriptions} that hear of the server ({@link #hears}); pure. */
    public static Set<String> hearing(Collection<ChannelSubscription> subscriptions, Monitor monitor) {
        Set<String> channels = new HashSet<>();
        for (ChannelSubscription s : subscriptions) {
            if (s.hears(monitor)) {
                channels.add(s.channel());
            }
        }
        return channels;
    }
}
