package dev.healthbot.slack.command;

import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.Blocks;
import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.MonitorService;
import dev.healthbot.slack.Access;
import dev.healthbot.slack.view.BlockKit;
import dev.healthbot.slack.view.Reply;
import dev.healthbot.slack.view.ServerReplies;
import java.util.List;

/** {@code /health remove <name>}: asks to confirm with a button; the click removes the server. */
public final class RemoveCommand implements Subcommand, ActionHandler {

    public static final String CONFIRM_ACTION = "server_remove";
    public static final String CANCEL_ACTION = "remove_cancel";

    private final MonitorService monitors;

    public RemoveCommand(MonitorService monitors) {
        this.monitors = monitors;
    }

    @Override
    public String name() {
        return "remove";
    }

    @Override
    public Access access() {
        return Access.CHANGE;
    }

    @Override
    public String usage() {
        return "/health remove <name>";
    }

    @Override
    public String summary() {
        return "stop watching a server (asks to confirm)";
    }

    @Override
    public Reply handle(CommandRequest request) {
        return EditableServer.apply(monitors, request, usage(), RemoveCommand::confirm);
    }

    /** The confirmation message; pure. */
    public static Reply confirm(Monitor m) {
        String question = "Remove " + BlockKit.code(m.name()) + " ("
                + BlockKit.code(m.settings().target().masked())
                + ")? Its checks stop at once and its history is deleted.";
        return new Reply("Remove " + m.name() + "?", List.of(BlockKit.section(question), Blocks.actions(a -> a.blockId(
                        "remove_confirm")
                .elements(List.of(
                        button(b -> b.actionId(CONFIRM_ACTION)
                                .text(plainText("Remove " + BlockKit.cut(m.name(), 60)))
                                .style("danger")
                                .value(m.name())),
                        button(b -> b.actionId(CANCEL_ACTION)
                                .text(plainText("Cancel"))
                                .value(m.name())))))));
    }

    @Override
    public String actionId() {
        return CONFIRM_ACTION;
    }

    @Override
    public String action() {
        return name();
    }

    @Override
    public Reply clicked(String userId, String channelId, String value) {
        MonitorService.EditResult outcome = monitors.remove(value == null ? "" : value, userId);
        if (outcome instanceof MonitorService.EditResult.Saved s) {
            return Reply.text(
                    ":wastebasket: " + BlockKit.code(s.monitor().name()) + " removed; its checks have stopped.");
        }
        return ServerReplies.refused(outcome);
    }

    /** The Cancel button: leaves everything as it was. */
    public static final class Cancel implements ActionHandler {
        @Override
        public String actionId() {
            return CANCEL_ACTION;
        }

        @Override
        public Reply clicked(String userId, String channelId, String value) {
            return Reply.text("Nothing removed.");
        }
    }
}
