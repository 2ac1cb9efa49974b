package dev.healthbot.alert;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The pure rule of certificate warnings: which warning step is due for a certificate, given the time
 * it has left, the server's {@code tls_expiry} threshold and the smallest step already claimed for that
 * certificate. The steps are the threshold itself, then 7 days and 1 day when shorter than it; a
 * certificate first seen late gets the one step it is in (5 days left: the 7-day step only, one post).
 */
public final class CertificateRule {

    /** The fixed warning steps after the threshold's own. */
    public static final List<Duration> LATER_STEPS = List.of(Duration.ofDays(7), Duration.ofDays(1));

    private CertificateRule() {}

    /** The steps for a threshold, longest first; none when the threshold is zero (off). */
    public static List<Duration> steps(Duration threshold) {
        List<Duration> steps = new ArrayList<>();
        if (threshold.isZero() || threshold.isNegative()) {
            return steps;
        }
        steps.add(threshold);
        for (Duration s : LATER_STEPS) {
            if (s.compareTo(threshold) < 0) {
                steps.add(s);
            }
        }
        return steps;
    }

    /**
     * The step to warn of now, or empty: the smallest step the certificate is inside ({@code left} below
     * it), unless a step at or below that one was already claimed ({@code warned}, null for none). A
     * threshold changed after a warning never warns again for a step already passed.
     */
    public static Optional<Duration> due(Duration left, Duration threshold, Duration warned) {
        Duration due = null;
        for (Duration s : steps(threshold)) {
            if (left.compareTo(s) < 0) {
                due = s;
            }
        }
        if (due == null || (warned != null && warned.compareTo(due) <= 0)) {
            return Optional.empty();
        }
        return Optional.of(due);
    }

    /** Whole days left, rounded down (an expired certificate has negative days). */
    public static long daysLeft(Duration left) {
        return Math.floorDiv(left.toMillis(), Duration.ofDays(1).toMillis());
    }
}
