package dev.healthbot.fakeslack;

import com.google.gson.JsonArray;

/**
 * One {@code chat.postEphemeral} the fake accepted; immutable, the blocks are a private copy.
 *
 * @param channel the channel
 * @param user the user who would see it
 * @param text the fallback text, may be {@code null}
 * @param blocks the blocks, or {@code null}
 * @param messageTs the {@code message_ts} the fake answered
 */
public record Ephemeral(String channel, String user, String text, JsonArray blocks, String messageTs) {}
