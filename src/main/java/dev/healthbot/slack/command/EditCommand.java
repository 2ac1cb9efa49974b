package dev.healthbot.slack.command;

import dev.healthbot.monitor.MonitorService;
import dev.healthbot.slack.Access;
import dev.healthbot.slack.view.BlockKit;
import dev.healthbot.slack.view.Reply;
import dev.healthbot.slack.view.ServerModal;

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
    public Access access() {
        return Access.CHANGE;
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
        return EditableServer.apply(monitors, request, usage(), m -> {
            request.later().openModal(ServerModal.edit(m.settings()));
            return Reply.text("Opening the form for " + BlockKit.code(m.name()) + "…");
        });
    }
}
