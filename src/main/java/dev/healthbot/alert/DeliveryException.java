package dev.healthbot.alert;

import java.time.Duration;
import java.util.Objects;

/**
 * A failed notifier call, classified: transient (HTTP 429, 5xx, timeout, refused connection) is
 * retried with backoff, permanent (channel_not_found, not_in_channel, is_archived, invalid_auth,
 * account_inactive, token_revoked, missing_scope, ...) gives the delivery up. The reason is short,
 * shown to users and logged, so it must never hold a token.
 */
public final class DeliveryException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean permanent;
    private final String reason;
    private final Duration retryAfter;
    private final boolean outcomeUnknown;

    private DeliveryException(boolean permanent, String reason, Duration retryAfter, Throwable cause) {
        this(permanent, reason, retryAfter, cause, false);
    }

    private DeliveryException(
            boolean permanent, String reason, Duration retryAfter, Throwable cause, boolean outcomeUnknown) {
        super(reason, cause);
        this.outcomeUnknown = outcomeUnknown;
        this.permanent = permanent;
        this.reason = Objects.requireNonNull(reason, "reason");
        this.retryAfter = retryAfter;
    }

    /** A failure that may heal on retry; {@code retryAfter} is the server's hint, or null. */
    public static DeliveryException transientFailure(String reason, Duration retryAfter) {
        return new DeliveryException(false, reason, retryAfter, null);
    }

    /** A failure that may heal on retry, with its cause. */
    public static DeliveryException transientFailure(String reason, Duration retryAfter, Throwable cause) {
        return new DeliveryException(false, reason, retryAfter, cause);
    }

    /**
     * A transient failure after which the call may still have taken effect (a timeout, a dropped
     * connection, an HTTP 5xx): a post may have landed without its {@code ts} coming back.
     */
    public static DeliveryException outcomeUnknown(String reason, Throwable cause) {
        return new DeliveryException(false, reason, null, cause, true);
    }

    /** Whether the call may have taken effect although it failed (see {@link #outcomeUnknown}). */
    public boolean isOutcomeUnknown() {
        return outcomeUnknown;
    }

    /** A failure that will not heal on retry. */
    public static DeliveryException permanent(String reason) {
        return new DeliveryException(true, reason, null, null);
    }

    public boolean isPermanent() {
        return permanent;
    }

    public String reason() {
        return reason;
    }

    /** The server's Retry-After, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
