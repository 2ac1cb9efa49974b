package dev.healthbot.errors;

import dev.healthbot.alert.PostRef;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Port: error groups and the error outbox. Implementations are thread-safe; every method is one
 * transaction, so a report is counted and its posts are queued together or not at all.
 */
public interface ErrorRepository {

    /**
     * What {@link #record} did.
     *
     * @param opened the report opened a new episode (a new group, a regression, or a return)
     * @param queued how many posts that queued
     */
    record Recorded(ErrorGroup group, boolean opened, int queued) {}

    /**
     * Counts one report of {@code fingerprint} for the source at {@code now}. A first report creates
     * the group from {@code sample}. A report of a resolved group, or one that comes {@code quiet} or
     * more after the last, opens the next episode with {@code sample}. When an episode opens and the
     * group is not muted, one PENDING post per channel of {@code channels} is queued; otherwise the
     * current episode's posts are marked as owing an edit.
     *
     * @param channels who hears the source; called only when an episode opens
     */
    Recorded record(
            long sourceId,
            String fingerprint,
            ErrorSample sample,
            Instant now,
            Duration quiet,
            Function<Long, Set<String>> channels);

    Optional<ErrorGroup> group(long groupId);

    /** Posts that owe something now ({@code nextAttemptAt <= now}), oldest first, at most {@code limit}. */
    List<ErrorPost> owed(Instant now, int limit);

    /** The earliest time a post owes something after {@code now}. */
    Optional<Instant> nextOwedAfter(Instant now);

    /** The latest SENT post of the group in the channel from an episode before {@code episode}. */
    Optional<PostRef> previousPost(long groupId, int episode, String channel);

    /** PENDING to SENT: the post landed showing {@code shownCount}. */
    void posted(long postId, PostRef post, long shownCount, Instant at);

    /** The details reply is in the thread, or will never be. */
    void detailsDone(long postId, Instant next);

    /** The thread announced {@code milestone}. */
    void milestoneShown(long postId, long milestone, Instant next);

    /** The post was edited to show {@code shownCount}; the next edit waits until {@code next}. */
    void edited(long postId, long shownCount, Instant at, Instant next);

    /** A failed attempt: try again at {@code next}. */
    void retry(long postId, int attempts, String error, Instant next);

    /** PENDING to GIVEN_UP with the reason. */
    void giveUp(long postId, String reason, Instant at);

    /** Marks the group resolved (or not) by {@code actor}; the current posts owe an edit. Empty when no such group. */
    Optional<ErrorGroup> resolve(long groupId, boolean resolved, String actor, Instant at);

    /** Mutes the group until {@code until} (null to unmute); the current posts owe an edit. */
    Optional<ErrorGroup> mute(long groupId, Instant until, String actor, Instant at);
}
