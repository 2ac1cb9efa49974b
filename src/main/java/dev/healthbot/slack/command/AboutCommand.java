package dev.healthbot.slack.command;

import dev.healthbot.slack.view.BlockKit;
import dev.healthbot.slack.view.Reply;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@code /health about}: where the servers come from (Slack, the servers file, the inventory) and whether
 * each source answers, e.g. "inventory unreachable since 10:42 UTC (HTTP 500)".
 */
public final class AboutCommand implements Subcommand {

    private final Supplier<List<String>> sources;

    /** @param sources one line per source, read when the command is typed */
    public AboutCommand(Supplier<List<String>> sources) {
        this.sources = sources;
    }

    @Override
    public String name() {
        return "about";
    }

    @Override
    public String usage() {
        return "/health about";
    }

    @Override
    public String summary() {
        return "where the servers come from, and whether the servers file and the inventory answer";
    }

    @Override
    public Reply handle(CommandRequest request) {
        return reply(sources.get());
    }

    /** The answer; pure. */
    public static Reply reply(List<String> lines) {
        String body = lines.isEmpty()
                ? "• Slack only: no servers file (HEALTHBOT_SERVERS_FILE) and no inventory (HEALTHBOT_SERVERS_URL)."
                : "• Slack\n"
                        + lines.stream().map(l -> "• " + BlockKit.escape(l)).collect(Collectors.joining("\n"));
        return Reply.text(
                BlockKit.cut(":information_source: *Where the servers come from*\n" + body, BlockKit.SECTION_MAX));
    }
}
