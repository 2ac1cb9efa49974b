package dev.healthbot.history;

import java.time.Duration;
import java.time.Instant;

/** The two sizes of rollup rows, each with how long its rows are kept. Times are UTC. */
public enum Grain {
    HOUR(Duration.ofHours(1), Duration.ofDays(14)),
    DAY(Duration.ofDays(1), Duration.ofDays(400));

    private final Duration length;
    private final Duration kept;

    Grain(Duration length, Duration kept) {
        this.length = length;
        this.kept = kept;
    }

    public Duration length() {
        return length;
    }

    /** How long rows of this grain are kept before pruning. */
    public Duration kept() {
        return kept;
    }

    /** The start of the bucket holding {@code at} (UTC hours and days), in epoch milliseconds. */
    public long startOf(long atMillis) {
        return Math.floorDiv(atMillis, length.toMillis()) * length.toMillis();
    }

    public Instant startOf(Instant at) {
        return Instant.ofEpochMilli(startOf(at.toEpochMilli()));
    }
}
