package dev.healthbot.monitor;

import java.time.Duration;
import java.time.Instant;

/**
 * A server's place within its interval: its checks fall on the wall-clock instants that are its
 * offset past a multiple of the interval (counted from the epoch). The offset comes from a hash of
 * the server's id, so it is the same after a restart, and servers with the same interval are spread
 * evenly over it instead of all firing in the same second.
 *
 * <p>With many servers, ids go in <em>runs</em>: {@code run} consecutive ids (a power of two) share
 * one hashed place and follow each other {@link #STEP_MS} apart. The results the status writer saves
 * together then belong to neighbouring ids, whose rows share database pages; spread one by one, each
 * result of a batch dirtied pages of its own and the writer's CPU tripled (docs/BENCHMARKS.md). A run
 * lasts a few milliseconds, so the spread over seconds is the same. Pure.
 */
public final class Phase {

    /** The time between two neighbouring ids of a run. */
    static final long STEP_MS = 1;

    /** The longest run: about one page of server states. */
    static final int MAX_RUN = 32;

    /** Servers per id in a run: below 512 servers, runs of one (every id hashed on its own). */
    private static final int SERVERS_PER_RUN_ID = 256;

    private Phase() {}

    /**
     * The run length for this many servers: a power of two, 1 below 512 servers, growing with the
     * count up to {@link #MAX_RUN}. It changes only when the count crosses a power of two, so adding
     * or removing a few servers moves no check.
     */
    public static int run(int servers) {
        return Math.min(MAX_RUN, Integer.highestOneBit(Math.max(1, servers / SERVERS_PER_RUN_ID)));
    }

    /** The server's offset within its interval, {@code 0 <= offset < interval}, in milliseconds, for runs of one. */
    public static long offsetMs(long id, Duration interval) {
        return offsetMs(id, interval, 1);
    }

    /** The server's offset within its interval, {@code 0 <= offset < interval}, in milliseconds. */
    public static long offsetMs(long id, Duration interval, int run) {
        long ms = Math.max(1, interval.toMillis());
        long r = Math.max(1, run);
        long head = Math.floorDiv(id, r);
        // Fibonacci hashing: the fractional part of the run's number times the golden ratio. Ids are
        // handed out in sequence, and for any sequence of runs this spreads the offsets almost exactly
        // evenly (a random hash would leave some seconds with a third more checks than others).
        double fraction = ((head * GOLDEN) >>> 11) * 0x1.0p-53;
        long place = Math.min(ms - 1, (long) (fraction * ms));
        return Math.floorMod(place + Math.floorMod(id, r) * STEP_MS, ms);
    }

    /** How long from {@code now} until the server's next slot (runs of one); zero when {@code now} is one. */
    public static Duration untilNext(long id, Duration interval, Instant now) {
        return untilNext(id, interval, 1, now);
    }

    /** How long from {@code now} until the server's next slot; zero when {@code now} is one. */
    public static Duration untilNext(long id, Duration interval, int run, Instant now) {
        long ms = Math.max(1, interval.toMillis());
        return Duration.ofMillis(Math.floorMod(offsetMs(id, interval, run) - now.toEpochMilli(), ms));
    }

    /** 2^64 divided by the golden ratio. */
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
}
