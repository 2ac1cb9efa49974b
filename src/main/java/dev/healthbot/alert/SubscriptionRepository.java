package dev.healthbot.alert;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Port: which channels subscribe to what, and each channel's paused and failing flags.
 * Implementations are thread-safe; every method is one transaction.
 */
public interface SubscriptionRepository {

    /**
     * Adds selectors to the channel's existing ones (creating the channel, not paused, when new)
     * and clears its failing flag; returns the channel as it now is.
     */
    ChannelSubscription subscribe(String channel, Set<Selector> selectors, String actor, Instant now);

    /**
     * Removes the given selectors, or all of them when {@code selectors} is empty; a channel left
     * without selectors is forgotten with its flags. Returns the channel as it now is, empty when
     * it is no longer subscribed.
     */
    Optional<ChannelSubscription> unsubscribe(String channel, Set<Selector> selectors, String actor, Instant now);

    Optional<ChannelSubscription> find(String channel);

    /**
     * Every subscribed channel, ordered by channel id. Who hears a server is decided from these by
     * {@link ChannelSubscription#hears}, not by the store.
     */
    List<ChannelSubscription> all();

    /** Pauses or resumes alerts for the channel; false when the channel is not subscribed. */
    boolean setPaused(String channel, boolean paused, String actor, Instant now);

    /** Records that a delivery to the channel failed for good; no-op for an unknown channel. */
    void markFailing(String channel, String reason, Instant since);

    /** Clears the failing flag after a successful delivery; no-op when not failing. */
    void clearFailing(String channel);
}
