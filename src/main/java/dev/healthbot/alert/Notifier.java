package dev.healthbot.alert;

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
}
