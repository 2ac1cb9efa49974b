package dev.healthbot.monitor;

import java.time.Duration;
import java.util.Objects;

/**
 * How a server is probed beyond its URL, timeout and expected status: what the request sends, what
 * the answer must show, and how early its TLS certificate's expiry is warned of; immutable.
 * {@link #DEFAULT} is a plain GET with the default certificate warning.
 *
 * @param tlsExpiry warn when the certificate is valid for less than this; {@link Duration#ZERO} is off
 */
public record ProbeOptions(Assertions assertions, RequestOptions request, Duration tlsExpiry) {

    /** {@code tls_expiry}'s default: warn 14 days before a certificate expires. */
    public static final Duration DEFAULT_TLS_EXPIRY = Duration.ofDays(14);

    public static final Duration MIN_TLS_EXPIRY = Duration.ofHours(1);
    public static final Duration MAX_TLS_EXPIRY = Duration.ofDays(365);

    public static final ProbeOptions DEFAULT =
            new ProbeOptions(Assertions.NONE, RequestOptions.DEFAULT, DEFAULT_TLS_EXPIRY);

    public ProbeOptions {
        Objects.requireNonNull(assertions);
        Objects.requireNonNull(request);
        Objects.requireNonNull(tlsExpiry);
        if (tlsExpiry.isNegative()) {
            throw new IllegalArgumentException("tls_expiry must not be negative");
        }
    }

    /** Options with the default certificate warning. */
    public ProbeOptions(Assertions assertions, RequestOptions request) {
        this(assertions, request, DEFAULT_TLS_EXPIRY);
    }

    /** Options with a plain GET request. */
    public ProbeOptions(Assertions assertions) {
        this(assertions, RequestOptions.DEFAULT);
    }

    /** Whether the certificate's expiry is warned of at all ({@code tls_expiry=off} turns it off). */
    public boolean warnsOfExpiry() {
        return !tlsExpiry.isZero();
    }

    public ProbeOptions withTlsExpiry(Duration newTlsExpiry) {
        return new ProbeOptions(assertions, request, newTlsExpiry);
    }

    /** {@code tls_expiry} as a user types it: {@code off}, {@code 14d}, {@code 36h}. */
    public static String formatTlsExpiry(Duration d) {
        if (d.isZero()) {
            return "off";
        }
        return d.toMillis() % Duration.ofDays(1).toMillis() == 0 ? d.toDays() + "d" : Durations.format(d);
    }

    /**
     * Parses {@code tls_expiry}: {@code off} (or false, no, 0) turns it off, otherwise a duration from
     * {@link #MIN_TLS_EXPIRY} to {@link #MAX_TLS_EXPIRY}. Throws {@link IllegalArgumentException} with the reason.
     */
    public static Duration parseTlsExpiry(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("off") || t.equals("false") || t.equals("no") || t.equals("0")) {
            return Duration.ZERO;
        }
        Duration d;
        try {
            d = Durations.parse(t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tls_expiry is a duration like 14d or 36h, or off");
        }
        if (d.compareTo(MIN_TLS_EXPIRY) < 0 || d.compareTo(MAX_TLS_EXPIRY) > 0) {
            throw new IllegalArgumentException("tls_expiry must be 1h to 365d, or off");
        }
        return d;
    }
}
