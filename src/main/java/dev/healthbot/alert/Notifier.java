package dev.healthbot.alert;

import java.time.Instant;
import java.util.Optional;

/**
 * Port: posts alerts to a chat channel (Slack in production). Each call is one API call that either
 * succeeds or throws a classified {@link DeliveryException}; it never retries on its own. Called
 * from the alert dispatcher's single thread, so implementations need not be thread-safe.
 */
public interface Notifier {

    /** Posts a new outage message at the top level of the channel; returns where it landed. */
    PostRef postOutage(String channel, Alert alert) throws DeliveryException;

    /**
     * Posts the recovery: as a reply in the thread of {@code threadTs}, or at the top level when it
     * is null (the outage post never went out).
     */
    PostRef postRecovery(String channel, String threadTs, Alert alert) throws DeliveryException;

    /** Edits the outage post in place to show it resolved; safe to repeat. */
    void markResolved(PostRef outagePost, Alert alert) throws DeliveryException;

    /** Posts the outage with what people did about it (mentions, acknowledgement, mute); by default as plain. */
    default PostRef postOutage(String channel, Alert alert, PostState state) throws DeliveryException {
        return postOutage(channel, alert);
    }

    /** Marks the outage post resolved, keeping who acknowledged it and how long it took; safe to repeat. */
    default void markResolved(PostRef outagePost, Alert alert, PostState state) throws DeliveryException {
        markResolved(outagePost, alert);
    }

    /** Edits an open incident's outage post to show its current state (acknowledged, muted); safe to repeat. */
    default void refresh(PostRef outagePost, Alert alert, PostState state) throws DeliveryException {
        throw DeliveryException.permanent("this notifier cannot edit posts");
    }

    /**
     * Posts a follow-up: in the thread of {@code threadTs}, or at the top level when it is null.
     *
     * @param broadcast also show a thread reply in the channel
     */
    default PostRef postFollowUp(String channel, String threadTs, FollowUpMessage message, boolean broadcast)
            throws DeliveryException {
        throw DeliveryException.permanent("this notifier cannot post follow-ups");
    }

    /**
     * Posts the outage carrying {@code key}, so that {@link #findPost} can find it after a crash; by
     * default without the key.
     */
    default PostRef postOutage(String channel, Alert alert, PostState state, PostKey key) throws DeliveryException {
        return postOutage(channel, alert, state);
    }

    /** Posts the recovery carrying {@code key}; by default without the key. */
    default PostRef postRecovery(String channel, String threadTs, Alert alert, PostKey key) throws DeliveryException {
        return postRecovery(channel, threadTs, alert);
    }

    /**
     * Looks for a post carrying {@code key}, posted at or after {@code since} (less a margin the
     * implementation picks for clock skew): among the replies of {@code threadTs}, or at the top
     * level of the channel when it is null. Reads a bounded number of pages. Empty when none was
     * found. Throws a permanent failure when the lookup cannot be made at all (for Slack: the history
     * scopes are missing), a transient one when it may work later.
     */
    default Optional<PostRef> findPost(String channel, String threadTs, PostKey key, Instant since)
            throws DeliveryException {
        throw DeliveryException.permanent("this notifier cannot look up posts");
    }
}
