package dev.healthbot.slack.command;

import dev.healthbot.monitor.MonitorDraft;
import dev.healthbot.monitor.MonitorService;
import dev.healthbot.monitor.Origin;
import dev.healthbot.slack.Access;
import dev.healthbot.slack.view.BlockKit;
import dev.healthbot.slack.view.Reply;
import dev.healthbot.slack.view.ServerModal;
import dev.healthbot.slack.view.ServerReplies;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** {@code /health add}: opens the modal, or registers at once from arguments. */
public final class AddCommand implements Subcommand {

    static final Set<String> OPTIONS = Set.of("env", "every", "timeout", "expect", "failures", "successes");

    private final MonitorService monitors;

    public AddCommand(MonitorService monitors) {
        this.monitors = monitors;
    }

    @Override
    public String name() {
        return "add";
    }

    @Override
    public Access access() {
        return Access.CHANGE;
    }

    @Override
    public String usage() {
        return "/health add [<name> <url> env=DEV|STAGE|LIVE every=60s timeout=5s]";
    }

    @Override
    public String summary() {
        return "register a server (no arguments opens a form)";
    }

    @Override
    public Reply handle(CommandRequest request) {
        if (request.args().isEmpty()) {
            request.later().openModal(ServerModal.add());
            return Reply.text("Opening the form…");
        }
        Args args = Args.parse(request.args());
        for (String key : args.options().keySet()) {
            if (!OPTIONS.contains(key)) {
                return Reply.text(":warning: Unknown option " + BlockKit.code(BlockKit.cut(key, 30))
                        + ". Options are env=, every=, timeout=, expect=, failures=, successes=.");
            }
        }
        if (args.words().size() != 2) {
            return Reply.text(":warning: Usage: `" + usage() + "`. Both a name and a URL are needed.");
        }
        MonitorDraft draft = draft(args.words().get(0), args.words().get(1), args.options());
        return ServerReplies.saved(monitors.register(draft, Origin.SLACK, request.userId()), "registered");
    }

    static MonitorDraft draft(String name, String url, Map<String, String> options) {
        Map<String, String> o = new HashMap<>(options);
        return new MonitorDraft(
                name,
                url,
                o.get("env"),
                o.get("every"),
                o.get("timeout"),
                o.get("expect"),
                o.get("failures"),
                o.get("successes"),
                null);
    }
}
