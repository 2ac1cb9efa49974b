package dev.healthbot.alert;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Port: the outbox of notices about sources of servers. A row survives a restart and is sent once.
 * Thread-safe; every method is one transaction.
 */
public interface SourcePostRepository {

    /** Queues {@code text} for each channel, due at once. */
    void add(String source, Collection<String> channels, String text, Instant now);

    /** Pending posts due at {@code now}, oldest first, at most {@code limit}. */
    List<SourcePost> due(Instant now, int limit);

    /** Marks the post sent; false when it was not pending (sent once). */
    boolean sent(long id, String ts, Instant now);

    /** Records a failed attempt; the post is tried again at {@code next}. */
    void retry(long id, String error, Instant next);

    /** Gives the post up for good. */
    void giveUp(long id, String error, Instant now);
}
