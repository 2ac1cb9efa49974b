package dev.healthbot.monitor;

import java.time.Duration;
import java.util.Objects;

/**
 * What one probe needs to know: where, how long it may take, which HTTP answers count as up, and the
 * rest of how to probe ({@link ProbeOptions}).
 */
public record ProbeSpec(Target target, Duration timeout, StatusCodes expectedStatus, ProbeOptions options) {

    public ProbeSpec {
        Objects.requireNonNull(options);
    }

    /** A plain check: the default probe options. */
    public ProbeSpec(Target target, Duration timeout, StatusCodes expectedStatus) {
        this(target, timeout, expectedStatus, ProbeOptions.DEFAULT);
    }
}
