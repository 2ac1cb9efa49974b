package dev.healthbot.http;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per key (a ping key, an error-report key): each key may spend {@code burst}
 * requests at once and gets {@code perSecond} back each second, so one runaway job is answered 429
 * while every other key goes on. At most {@code maxKeys} buckets are kept; full buckets are
 * forgotten first (a full bucket is the same as a new one). Thread-safe.
 */
public final class RateLimiter {

    /** The verdict for one request: allowed, or refused with when to retry. */
    public record Decision(boolean allowed, Duration retryAfter) {}

    private final double burst;
    private final double perNano;
    private final int maxKeys;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /**
     * @param burst requests a key may make at once
     * @param perSecond requests a key gets back each second
     * @param maxKeys buckets kept at most
     * @param nanoTime a monotonic clock ({@code System::nanoTime} in production)
     */
    public RateLimiter(int burst, double perSecond, int maxKeys, LongSupplier nanoTime) {
        if (burst < 1 || perSecond <= 0 || maxKeys < 1) {
            throw new IllegalArgumentException("burst, perSecond and maxKeys must be positive");
        }
        this.burst = burst;
        this.perNano = perSecond / 1e9;
        this.maxKeys = maxKeys;
        this.nanoTime = nanoTime;
    }

    /** Takes one token from {@code key}'s bucket, or says how long until one is there. */
    public Decision acquire(String key) {
        long now = nanoTime.getAsLong();
        Bucket b = buckets.get(key);
        if (b == null) {
            if (buckets.size() >= maxKeys) {
                forgetFull(now);
                if (buckets.size() >= maxKeys) {
                    // Every kept key is busy: refuse new ones rather than grow without bound.
                    return new Decision(false, Duration.ofSeconds(1));
                }
            }
            b = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        }
        return b.take(now);
    }

    /** Keys with a bucket now. */
    int keys() {
        return buckets.size();
    }

    private void forgetFull(long now) {
        buckets.values().removeIf(b -> b.fullAt(now));
    }

    private final class Bucket {
        private double tokens;
        private long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }

        synchronized Decision take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return new Decision(true, Duration.ZERO);
            }
            long waitNanos = (long) Math.ceil((1 - tokens) / perNano);
            return new Decision(false, Duration.ofNanos(waitNanos));
        }

        synchronized boolean fullAt(long now) {
            refill(now);
            return tokens >= burst;
        }

        private void refill(long now) {
            long elapsed = Math.max(0, now - at);
            tokens = Math.min(burst, tokens + elapsed * perNano);
            at = now;
        }
    }
}
