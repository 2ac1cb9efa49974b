package dev.healthbot.slack.command;

import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.MonitorService;
import dev.healthbot.slack.view.Reply;
import dev.healthbot.slack.view.ServerReplies;
import java.util.Optional;
import java.util.function.Function;

/** Finds the one server a command names and Slack may change (edit, remove); stateless. */
final class EditableServer {

    private EditableServer() {}

    /**
     * The one server a command names and Slack may change, then what {@code action} makes of it; or
     * the reply that says why not (usage, no such server, or it comes from the servers file).
     */
    static Reply apply(MonitorService monitors, CommandRequest request, String usage, Function<Monitor, Reply> action) {
        Args args = Args.parse(request.args());
        if (args.words().size() != 1 || !args.options().isEmpty()) {
            return Reply.text(":warning: Usage: `" + usage + "`.");
        }
        Optional<Monitor> m = monitors.find(args.words().get(0));
        if (m.isEmpty()) {
            return ServerReplies.notFound(args.words().get(0));
        }
        if (m.get().origin().managed()) {
            return ServerReplies.managedByFile(m.get());
        }
        return action.apply(m.get());
    }
}
