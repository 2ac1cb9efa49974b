package dev.healthbot.monitor;

import java.time.Duration;
import java.time.Instant;

/**
 * A server's place within its interval: its checks fall on the wall-clock instants that are its
 * offset past a multiple of the interval (counted from the epoch). The offset comes from a hash of
 * the server's id, so it is the same after a restart, and servers with the same interval are spread
 * evenly over it instead of all firing in the same second. Pure.
 */
public final class Phase {

    private Phase() {}

    /** The server's offset within its interval, {@code 0 <= offset < interval}, in milliseconds. */
    public static long offsetMs(long id, Duration interval) {
        long ms = Math.max(1, interval.toMillis());
        // Fibonacci hashing: the fractional part of id times the golden ratio. Ids are handed out in
        // sequence, and for any run of them this spreads the offsets almost exactly evenly (a random
        // hash would leave some seconds with a third more checks than others).
        double fraction = ((id * GOLDEN) >>> 11) * 0x1.0p-53;
        return Math.min(ms - 1, (long) (fraction * ms));
    }

    /** How long from {@code now} until the server's next slot; zero when {@code now} is one. */
    public static Duration untilNext(long id, Duration interval, Instant now) {
        long ms = Math.max(1, interval.toMillis());
        return Duration.ofMillis(Math.floorMod(offsetMs(id, interval) - now.toEpochMilli(), ms));
    }

    /** 2^64 divided by the golden ratio. */
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
}
