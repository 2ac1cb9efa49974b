package dev.healthbot.monitor;

import java.time.Duration;
import java.time.Instant;

/**
 * The outcome of one probe; immutable. {@code detail} is short, human and never holds a secret
 * (e.g. "HTTP 503 Service Unavailable", "connect timed out after 3 s").
 */
public record ProbeResult(boolean up, Instant at, Duration latency, FailureKind failure, String detail) {

    public static final int MAX_DETAIL = 500;

    public ProbeResult {
        if (up && failure != FailureKind.NONE) {
            throw new IllegalArgumentException("an up result has no failure kind");
        }
        if (!up && failure == FailureKind.NONE) {
            throw new IllegalArgumentException("a down result needs a failure kind");
        }
        detail = detail == null ? "" : detail;
        if (detail.length() > MAX_DETAIL) {
            detail = detail.substring(0, MAX_DETAIL - 1) + "…";
        }
    }

    public static ProbeResult up(Instant at, Duration latency, String detail) {
        return new ProbeResult(true, at, latency, FailureKind.NONE, detail);
    }

    public static ProbeResult down(Instant at, Duration latency, FailureKind failure, String detail) {
        return new ProbeResult(false, at, latency, failure, detail);
    }
}
