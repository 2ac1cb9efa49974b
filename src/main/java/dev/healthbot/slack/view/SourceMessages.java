package dev.healthbot.slack.view;

import java.util.List;

/**
 * The Block Kit of a notice about a source of servers (the servers file, the inventory): one section
 * holding the line, and the same line as the notification text. Pure; thread-safe.
 */
public final class SourceMessages {

    private SourceMessages() {}

    /** The message for {@code line} (mrkdwn already, from the core); cut to Slack's limits. */
    public static AlertMessages.Message notice(String line) {
        String escaped = BlockKit.escape(line);
        String text = BlockKit.cut(escaped, BlockKit.SECTION_MAX);
        return new AlertMessages.Message(BlockKit.cut(text, 400), List.of(BlockKit.section(text)));
    }
}
