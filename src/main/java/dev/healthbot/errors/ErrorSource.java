package dev.healthbot.errors;

import dev.healthbot.monitor.Environment;
import java.time.Instant;
import java.util.Objects;

/**
 * An app that reports errors, with the key that authenticates its reports; immutable. The key is a
 * secret: it is shown once to whoever added or rotated the source and never logged.
 *
 * @param id also the project id of the source's Sentry DSN
 * @param key 32 lower-case hex digits
 */
public record ErrorSource(
        long id, String name, Environment environment, String key, Instant createdAt, String createdBy) {

    public ErrorSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(key, "key");
    }

    /** The key with all but its first four digits hidden, for lists and exports. */
    public String maskedKey() {
        return key.length() <= 4 ? "****" : key.substring(0, 4) + "*".repeat(key.length() - 4);
    }
}
