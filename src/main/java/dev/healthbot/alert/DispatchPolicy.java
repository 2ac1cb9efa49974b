package dev.healthbot.alert;

import java.time.Duration;
import java.util.Objects;

/**
 * How the dispatcher paces and retries; immutable.
 *
 * @param maxAge a delivery still failing this long after it was created is given up
 * @param backoffBase the wait after the first failure, doubled after each further one
 * @param backoffCap the longest wait between attempts
 * @param jitter the fraction (0 to 1) by which a backoff is randomly shortened, to spread retries
 * @param minGap the least time between two posts to one channel
 * @param batchSize how many changes or deliveries are read at a time
 */
public record DispatchPolicy(
        Duration maxAge, Duration backoffBase, Duration backoffCap, double jitter, Duration minGap, int batchSize) {

    public static final DispatchPolicy DEFAULT = new DispatchPolicy(
            Duration.ofHours(24), Duration.ofSeconds(1), Duration.ofMinutes(5), 0.2, Duration.ofSeconds(1), 100);

    public DispatchPolicy {
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(backoffBase, "backoffBase");
        Objects.requireNonNull(backoffCap, "backoffCap");
        Objects.requireNonNull(minGap, "minGap");
        if (backoffBase.isNegative() || backoffBase.isZero() || backoffCap.compareTo(backoffBase) < 0) {
            throw new IllegalArgumentException("backoff base must be positive and at most the cap");
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter must be 0 to 1");
        }
        if (minGap.isNegative() || maxAge.isNegative() || batchSize < 1) {
            throw new IllegalArgumentException("min gap and max age must not be negative, batch size positive");
        }
    }

    public DispatchPolicy withJitter(double newJitter) {
        return new DispatchPolicy(maxAge, backoffBase, backoffCap, newJitter, minGap, batchSize);
    }

    /**
     * The wait after the {@code failures}-th failure in a row: base doubled per failure up to the
     * cap, shortened by up to {@code jitter} of itself ({@code random} in [0, 1)).
     */
    public Duration backoff(int failures, double random) {
        int doublings = Math.min(Math.max(failures - 1, 0), 30);
        long ms = backoffBase.toMillis() << doublings;
        ms = Math.min(ms, backoffCap.toMillis());
        ms = Math.round(ms * (1 - jitter * random));
        return Duration.ofMillis(Math.max(ms, 1));
    }
}
