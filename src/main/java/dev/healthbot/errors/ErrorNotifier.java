package dev.healthbot.errors;

import dev.healthbot.alert.DeliveryException;
import dev.healthbot.alert.PostRef;

/**
 * Port: posts error groups to a chat channel (Slack in production). Each call is one API call that
 * succeeds or throws a classified {@link DeliveryException}; it never retries on its own. Called from
 * the error loop's single thread.
 */
public interface ErrorNotifier {

    /** Posts the group's top-level message; returns where it landed. */
    PostRef post(String channel, ErrorView view) throws DeliveryException;

    /** Replies in the post's thread with the stack and the request details. */
    void details(PostRef post, ErrorView view) throws DeliveryException;

    /** Replies in the post's thread that the episode reached {@code milestone} occurrences. */
    void milestone(PostRef post, ErrorView view, long milestone) throws DeliveryException;

    /** Edits the post in place: counter, last seen, resolved and muted. Safe to repeat. */
    void update(PostRef post, ErrorView view) throws DeliveryException;
}
