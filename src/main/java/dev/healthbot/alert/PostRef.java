package dev.healthbot.alert;

import java.util.Objects;

/**
 * Where a message was posted, as the notifier returned it; opaque to the core (for Slack: the
 * channel id and the message {@code ts}). Immutable.
 */
public record PostRef(String channel, String ts) {

    public PostRef {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(ts, "ts");
    }
}
