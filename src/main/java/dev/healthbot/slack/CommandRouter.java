package dev.healthbot.slack;

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
    private final AccessPolicy access;

    public CommandRouter(List<Subcommand> commands, AccessPolicy access) {
        this.access = access;
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

    /**
     * Answers one invocation; never throws.
     *
     * @param teamId the payload's {@code team_id}, the user's team, or null
     */
    public Reply route(String text, String userId, String teamId, String channelId, String triggerId, Responder later) {
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
        if (access.decide(userId, teamId, attempt(sub.get())) instanceof Permissions.Decision.Refused r) {
            return Reply.text(r.message());
        }
        return sub.get().handle(new CommandRequest(args, userId, channelId, triggerId, later));
    }

    private static AccessPolicy.Attempt attempt(Subcommand sub) {
        if (sub instanceof HelpCommand) {
            return AccessPolicy.Attempt.help();
        }
        return sub.changes() ? AccessPolicy.Attempt.change(sub.name()) : AccessPolicy.Attempt.read(sub.name());
    }
}
