package dev.healthbot.monitor;

import java.util.Locale;
import java.util.Optional;

/** The environment a server belongs to; subscriptions and alerts are scoped by it. */
public enum Environment {
    DEV,
    STAGE,
    LIVE;

    /** Parses a user-typed environment name, ignoring case; empty when it names none. */
    public static Optional<Environment> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
