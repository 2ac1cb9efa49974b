package dev.healthbot.slack.command;

import dev.healthbot.history.History;
import dev.healthbot.history.HistoryService;
import dev.healthbot.history.Period;
import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.MonitorService;
import dev.healthbot.slack.view.BlockKit;
import dev.healthbot.slack.view.HistoryReplies;
import dev.healthbot.slack.view.Reply;
import dev.healthbot.slack.view.ServerReplies;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /health history <name> [24h|7d|30d|90d]}: uptime, day squares, latency and incidents with
 * links to their outage posts; gathered off the Slack thread. Thread-safe.
 */
public final class HistoryCommand implements Subcommand {

    private final MonitorService monitors;
    private final HistoryService history;
    private final Permalinks permalinks;

    public HistoryCommand(MonitorService monitors, HistoryService history, Permalinks permalinks) {
        this.monitors = monitors;
        this.history = history;
        this.permalinks = permalinks;
    }

    @Override
    public String name() {
        return "history";
    }

    @Override
    public String usage() {
        return "/health history <name> [24h|7d|30d|90d]";
    }

    @Override
    public String summary() {
        return "uptime, daily squares, latency and incidents of a server over a period";
    }

    @Override
    public Reply handle(CommandRequest request) {
        Args args = Args.parse(request.args());
        if (args.words().isEmpty() || args.words().size() > 2 || !args.options().isEmpty()) {
            return Reply.text(":warning: Usage: `" + usage() + "`.");
        }
        Period period = Period.H24;
        if (args.words().size() == 2) {
            Optional<Period> p = Period.parse(args.words().get(1));
            if (p.isEmpty()) {
                return Reply.text(":warning: Unknown period "
                        + BlockKit.code(BlockKit.cut(args.words().get(1), 20)) + ": use `24h`, `7d`, `30d` or `90d`.");
            }
            period = p.get();
        }
        String name = args.words().get(0);
        Optional<Monitor> monitor = monitors.find(name);
        if (monitor.isEmpty()) {
            return ServerReplies.notFound(name);
        }
        Monitor m = monitor.get();
        Period chosen = period;
        request.later().respondLater(() -> {
            History h = history.history(m, chosen);
            Map<Long, String> links = new HashMap<>();
            for (History.Entry e : h.incidents()) {
                e.post()
                        .flatMap(permalinks::of)
                        .ifPresent(l -> links.put(e.incident().id(), l));
            }
            return HistoryReplies.history(h, links);
        });
        return Reply.text(":hourglass_flowing_sand: Gathering the history of " + BlockKit.code(m.name()) + "…");
    }
}
