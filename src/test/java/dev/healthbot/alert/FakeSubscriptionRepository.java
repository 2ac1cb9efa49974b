package dev.healthbot.alert;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** A working in-memory {@link SubscriptionRepository}; thread-safe. */
public final class FakeSubscriptionRepository implements SubscriptionRepository {
    private final Map<String, ChannelSubscription> channels = new TreeMap<>();

    @Override
    public synchronized ChannelSubscription subscribe(
            String channel, Set<Selector> selectors, String actor, Instant now) {
        ChannelSubscription old = channels.get(channel);
        Set<Selector> all = new HashSet<>(selectors);
        boolean paused = false;
        if (old != null) {
            all.addAll(old.selectors());
            paused = old.paused();
        }
        ChannelSubscription s = new ChannelSubscription(channel, all, paused, null, null);
        channels.put(channel, s);
        return s;
    }

    @Override
    public synchronized Optional<ChannelSubscription> unsubscribe(
            String channel, Set<Selector> selectors, String actor, Instant now) {
        ChannelSubscription old = channels.get(channel);
        if (old == null) {
            return Optional.empty();
        }
        Set<Selector> left = new HashSet<>(old.selectors());
        if (selectors.isEmpty()) {
            left.clear();
        } else {
            left.removeAll(selectors);
        }
        if (left.isEmpty()) {
            channels.remove(channel);
            return Optional.empty();
        }
        ChannelSubscription s =
                new ChannelSubscription(channel, left, old.paused(), old.failingReason(), old.failingSince());
        channels.put(channel, s);
        return Optional.of(s);
    }

    @Override
    public synchronized Optional<ChannelSubscription> find(String channel) {
        return Optional.ofNullable(channels.get(channel));
    }

    @Override
    public synchronized List<ChannelSubscription> all() {
        return List.copyOf(channels.values());
    }

    @Override
    public synchronized boolean setPaused(String channel, boolean paused, String actor, Instant now) {
        ChannelSubscription old = channels.get(channel);
        if (old == null) {
            return false;
        }
        channels.put(
                channel,
                new ChannelSubscription(channel, old.selectors(), paused, old.failingReason(), old.failingSince()));
        return true;
    }

    @Override
    public synchronized void markFailing(String channel, String reason, Instant since) {
        ChannelSubscription old = channels.get(channel);
        if (old != null) {
            channels.put(channel, new ChannelSubscription(channel, old.selectors(), old.paused(), reason, since));
        }
    }

    @Override
    public synchronized void clearFailing(String channel) {
        ChannelSubscription old = channels.get(channel);
        if (old != null && old.failing()) {
            channels.put(channel, new ChannelSubscription(channel, old.selectors(), old.paused(), null, null));
        }
    }
}
