package dev.healthbot.slack.command;

import dev.healthbot.monitor.HeartbeatService;
import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.MonitorService;
import dev.healthbot.slack.Access;
import dev.healthbot.slack.view.BlockKit;
import dev.healthbot.slack.view.HeartbeatReplies;
import dev.healthbot.slack.view.PingUrls;
import dev.healthbot.slack.view.Reply;
import dev.healthbot.slack.view.ServerModal;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code /health edit <name>}: opens the modal filled with the server's settings. For a heartbeat it
 * also answers with the ping URL, even when the heartbeat comes from the servers file (that is how a
 * file's heartbeat hands out its key); {@code /health edit <name> new-key} replaces the key.
 */
public final class EditCommand implements Subcommand {

    private final MonitorService monitors;
    private final HeartbeatService heartbeats;
    private final Supplier<PingUrls> urls;

    public EditCommand(MonitorService monitors, HeartbeatService heartbeats, Supplier<PingUrls> urls) {
        this.monitors = monitors;
        this.heartbeats = heartbeats;
        this.urls = urls;
    }

    @Override
    public String name() {
        return "edit";
    }

    @Override
    public Access access() {
        return Access.CHANGE;
    }

    @Override
    public String usage() {
        return "/health edit <name> [new-key]";
    }

    @Override
    public String summary() {
        return "change a server's settings (renaming keeps its history)";
    }

    @Override
    public Reply handle(CommandRequest request) {
        Args args = Args.parse(request.args());
        Optional<Monitor> heartbeat = args.words().isEmpty() || !args.options().isEmpty()
                ? Optional.empty()
                : monitors.find(args.words().get(0)).filter(m -> m.settings().heartbeat());
        if (heartbeat.isPresent()) {
            return heartbeat(
                    request,
                    heartbeat.get(),
                    args.words().subList(1, args.words().size()));
        }
        return EditableServer.apply(monitors, request, usage(), m -> {
            request.later().openModal(ServerModal.edit(m.settings()));
            return Reply.text("Opening the form for " + BlockKit.code(m.name()) + "…");
        });
    }

    private Reply heartbeat(CommandRequest request, Monitor m, java.util.List<String> rest) {
        if (rest.size() > 1 || (rest.size() == 1 && !rest.get(0).equalsIgnoreCase("new-key"))) {
            return Reply.text(":warning: Usage: `" + usage() + "`.");
        }
        if (rest.size() == 1) {
            return heartbeats
                    .rotateKey(m.id())
                    .map(v -> HeartbeatReplies.pingUrl(v, urls.get(), "has a new key (the old one no longer works)"))
                    .orElseGet(() ->
                            Reply.text(":grey_question: " + BlockKit.code(m.name()) + " is no longer a heartbeat."));
        }
        if (!m.origin().managed()) {
            request.later().openModal(ServerModal.edit(m.settings()));
        }
        return HeartbeatReplies.pingUrl(
                heartbeats.view(m),
                urls.get(),
                m.origin().managed()
                        ? "comes from the " + m.origin().label() + " (change its settings there)"
                        : "is open for editing in the form");
    }
}
