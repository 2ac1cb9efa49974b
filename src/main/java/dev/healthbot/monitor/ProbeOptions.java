package dev.healthbot.monitor;

import java.util.Objects;

/**
 * How a server is probed beyond its URL, timeout and expected status: what the request sends and what
 * the answer must show; immutable. {@link #DEFAULT} is a plain GET.
 */
public record ProbeOptions(Assertions assertions, RequestOptions request) {

    public static final ProbeOptions DEFAULT = new ProbeOptions(Assertions.NONE, RequestOptions.DEFAULT);

    public ProbeOptions {
        Objects.requireNonNull(assertions);
        Objects.requireNonNull(request);
    }

    /** Options with a plain GET request. */
    public ProbeOptions(Assertions assertions) {
        this(assertions, RequestOptions.DEFAULT);
    }
}
