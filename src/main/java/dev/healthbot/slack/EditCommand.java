package dev.healthbot.slack;

import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.MonitorService;
import dev.healthbot.monitor.Origin;
import java.util.Optional;

/** {@code /health edit <name>}: opens the modal filled with the server's settings. */
public final class EditCommand implements Subcommand {

    private final MonitorService monitors;

    public EditCommand(MonitorService monitors) {
        this.monitors = monitors;
    }

    @Override
    public String name() {
        return "edit";
    }

    @Override
    public boolean changes() {
        return true;
    }

    @Override
    public String usage() {
        return "/health edit <name>";
    }

    @Override
    public String summary() {
        return "change a server's settings (renaming keeps its history)";
    }

    @Override
    public Reply handle(CommandRequest request) {
        Args args = Args.parse(request.args());
        if (args.words().size() != 1 || !args.options().isEmpty()) {
            return Reply.text(":warning: Usage: `" + usage() + "`.");
        }
        Optional<Monitor> m = monitors.find(args.words().get(0));
        if (m.isEmpty()) {
            return ServerReplies.notFound(args.words().get(0));
        }
        if (m.get().origin() == Origin.FILE) {
            return ServerReplies.managedByFile(m.get());
        }
        request.later().openModal(ServerModal.edit(m.get().settings()));
        return Reply.text("Opening the form for " + BlockKit.code(m.get().name()) + "…");
    }
}
