package dev.healthbot.errors;

import dev.healthbot.alert.PostRef;
import java.time.Instant;

/**
 * One row of the error outbox: the top-level post of one episode of one group in one channel, and
 * what is still owed after it (the details reply, a milestone line, an edit of the counter); immutable.
 *
 * @param post where the top-level post landed once SENT; null before
 * @param detailsDone the stack and request reply is in the thread (or was given up)
 * @param milestoneShown the highest milestone announced in the thread
 * @param shownCount the counter the post shows now; -1 forces an edit (resolved, muted)
 * @param shownAt when the post was last posted or edited
 */
public record ErrorPost(
        long id,
        long groupId,
        int episode,
        String channel,
        State state,
        int attempts,
        Instant nextAttemptAt,
        Instant createdAt,
        String lastError,
        PostRef post,
        boolean detailsDone,
        long milestoneShown,
        long shownCount,
        Instant shownAt) {

    /** Where the top-level post stands. */
    public enum State {
        PENDING,
        SENT,
        GIVEN_UP
    }
}
