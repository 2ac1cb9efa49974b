package dev.healthbot.fakeslack;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * A snapshot of one message the bot posted, as the fake stores it after every {@code chat.update}; immutable, the
 * blocks are a private copy.
 *
 * @param channel the channel as the bot named it
 * @param ts the message timestamp the fake generated
 * @param threadTs the parent's ts for a thread reply, {@code null} for a top-level message
 * @param text the current fallback text (may be {@code null} when only blocks were sent)
 * @param blocks the current blocks, or {@code null} when none were sent
 * @param updates how many times {@code chat.update} edited it
 * @param user the author, always {@link FakeSlack#BOT_USER_ID}
 * @param metadata the message metadata ({@code event_type}, {@code event_payload}) as posted, or {@code null}
 */
public record Message(
        String channel,
        String ts,
        String threadTs,
        String text,
        JsonArray blocks,
        int updates,
        String user,
        JsonObject metadata) {

    /** Whether this is a thread reply. */
    public boolean isReply() {
        return threadTs != null;
    }
}
