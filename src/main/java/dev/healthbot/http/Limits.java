package dev.healthbot.http;

import java.time.Duration;

/**
 * The endpoint's bounds; immutable.
 *
 * @param maxBody the largest request body accepted (413 above)
 * @param requestTimeout how long a connection has to deliver a whole request (head and body), from
 *     its opening or its previous answer; a slower client is cut
 * @param idleTimeout how long a connection may stay silent in any state
 * @param maxThreads the pool's threads; four go to the acceptors and selectors, the rest run requests
 * @param maxQueued requests that wait (suspended, holding no thread) for a free one; beyond that, 503
 */
public record Limits(int maxBody, Duration requestTimeout, Duration idleTimeout, int maxThreads, int maxQueued) {

    public static final Limits DEFAULT = new Limits(64 * 1024, Duration.ofSeconds(10), Duration.ofSeconds(30), 16, 128);

    public Limits {
        if (maxBody < 0 || maxThreads < 8 || maxQueued < 1) {
            throw new IllegalArgumentException("maxBody >= 0, maxThreads >= 8 and maxQueued >= 1");
        }
    }
}
