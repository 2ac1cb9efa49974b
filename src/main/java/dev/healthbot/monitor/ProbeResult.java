package dev.healthbot.monitor;

import java.time.Duration;
import java.time.Instant;

/**
 * The outcome of one probe; immutable. {@code detail} is short, human and never holds a secret
 * (e.g. "HTTP 503 Service Unavailable", "connect timed out after 3 s").
 *
 * @param certNotAfter the expiry ({@code notAfter}) of the leaf certificate the check's own TLS
 *     handshake saw; null for a check without TLS or whose handshake did not complete
 */
public record ProbeResult(
        boolean up, Instant at, Duration latency, FailureKind failure, String detail, Instant certNotAfter) {

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

    /** A result without a certificate. */
    public ProbeResult(boolean up, Instant at, Duration latency, FailureKind failure, String detail) {
        this(up, at, latency, failure, detail, null);
    }

    public static ProbeResult up(Instant at, Duration latency, String detail) {
        return new ProbeResult(true, at, latency, FailureKind.NONE, detail);
    }

    public static ProbeResult down(Instant at, Duration latency, FailureKind failure, String detail) {
        return new ProbeResult(false, at, latency, failure, detail);
    }

    /** This result with the leaf certificate's expiry seen by its handshake (null: none seen). */
    public ProbeResult withCertificate(Instant notAfter) {
        return new ProbeResult(up, at, latency, failure, detail, notAfter);
    }
}
