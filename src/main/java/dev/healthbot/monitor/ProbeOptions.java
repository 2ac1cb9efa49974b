package dev.healthbot.monitor;

import java.util.Objects;

/**
 * How a server is probed beyond its URL, timeout and expected status: what the answer must show;
 * immutable. {@link #DEFAULT} is a plain check.
 */
public record ProbeOptions(Assertions assertions) {

    public static final ProbeOptions DEFAULT = new ProbeOptions(Assertions.NONE);

    public ProbeOptions {
        Objects.requireNonNull(assertions);
    }
}
