package dev.healthbot.alert;

/**
 * A notice about a source of servers owed to one channel: a row of the {@code source_posts} outbox;
 * immutable.
 */
public record SourcePost(long id, String source, String channel, String text, int attempts) {}
