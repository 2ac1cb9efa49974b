package dev.healthbot.slack.command;

import dev.healthbot.slack.Permissions;
import dev.healthbot.slack.view.BlockKit;
import dev.healthbot.slack.view.Reply;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Routes {@code /health <sub> ...} to its {@link Subcommand}; immutable after construction, thread-safe. */
public final class CommandRouter {

    public static final String COMMAND = "/health";
    public static final int MAX_TEXT = 4000;

    private final List<Subcommand> commands;
    private final Map<String, Subcommand> byName = new LinkedHashMap<>();
    private final Permissions permissions;

    public CommandRouter(List<Subcommand> commands) {
        this(commands, Permissions.everyone());
    }

    public CommandRouter(List<Subcommand> commands, Permissions permissions) {
        this.permissions = permissions;
        this.commands = List.copyOf(commands);
        for (Subcommand c : this.commands) {
            byName.put(c.name(), c);
            for (String alias : c.aliases()) {
                byName.put(alias, c);
            }
        }
    }

    public List<Subcommand> commands() {
        return commands;
    }

    public Optional<Subcommand> find(String name) {
        return Optional.ofNullable(byName.get(name.toLowerCase(Locale.ROOT)));
    }

    /** Answers one invocation; never throws. */
    public Reply route(String text, String userId, String channelId, String triggerId, Responder later) {
        String t = text == null ? "" : text.strip();
        if (t.length() > MAX_TEXT) {
            return Reply.text(
                    ":warning: That command is too long (" + t.length() + " characters). See `/health help`.");
        }
        String name = t.isEmpty() ? "help" : t.split("\\s+", 2)[0];
        String args = t.isEmpty() ? "" : t.substring(name.length()).strip();
        Optional<Subcommand> sub = find(name);
        if (sub.isEmpty()) {
            return Reply.text(":grey_question: Unknown command " + BlockKit.code(BlockKit.cut(name, 40))
                    + ". Type `/health help` to see every command.");
        }
        if (sub.get().changes()
                && permissions.mayChange(userId, sub.get().name()) instanceof Permissions.Decision.Refused r) {
            return Reply.text(r.message());
        }
        return sub.get().handle(new CommandRequest(args, userId, channelId, triggerId, later));
    }
}
