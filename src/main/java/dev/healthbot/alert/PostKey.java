package dev.healthbot.alert;

import java.util.Objects;

/**
 * What a post carries so that it can be found again after a crash: the delivery (outbox row) it
 * belongs to, its incident and its kind; the notifier attaches it to the post (for Slack: message
 * metadata) and matches on it in {@link Notifier#findPost}. Immutable.
 */
public record PostKey(long deliveryId, long incidentId, Delivery.Kind kind) {

    public PostKey {
        Objects.requireNonNull(kind, "kind");
    }

    /** The key of {@code d}'s post. */
    public static PostKey of(Delivery d) {
        return new PostKey(d.id(), d.incidentId(), d.kind());
    }
}
