package dev.healthbot.errors;

import java.time.Instant;

/**
 * One kind of error of one source and its counts; immutable. An episode is one stretch of
 * occurrences that has its own posts: the first report opens episode 1, a report after a Resolve
 * (a regression) or after a quiet time (a return) opens the next.
 *
 * @param count occurrences ever
 * @param episodeCount occurrences in this episode (what the post's counter shows)
 * @param milestone the highest of 10, 100, 1000, ... this episode's count reached; 0 below 10
 * @param resolvedAt when someone clicked Resolve; null while unresolved
 * @param mutedUntil no new posts before this; {@link Instant#MAX} for forever; null when not muted
 */
public record ErrorGroup(
        long id,
        long sourceId,
        String fingerprint,
        ErrorSample sample,
        long count,
        int episode,
        long episodeCount,
        long milestone,
        Instant firstSeen,
        Instant episodeStart,
        Instant lastSeen,
        Instant resolvedAt,
        String resolvedBy,
        Instant mutedUntil,
        String mutedBy,
        Reason reason) {

    /** Why the current episode began. */
    public enum Reason {
        NEW,
        REGRESSION,
        RETURN
    }

    public boolean resolved() {
        return resolvedAt != null;
    }

    public boolean mutedAt(Instant now) {
        return mutedUntil != null && mutedUntil.isAfter(now);
    }

    /** The milestone {@code count} reached: the largest power of ten from 10 up that is at most it, or 0. */
    public static long milestoneOf(long count) {
        long m = 0;
        for (long p = 10; p > 0 && p <= count; p *= 10) {
            m = p;
        }
        return m;
    }
}
