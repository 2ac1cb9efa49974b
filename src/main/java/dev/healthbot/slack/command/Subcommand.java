package dev.healthbot.slack.command;

import dev.healthbot.slack.Access;
import dev.healthbot.slack.view.Reply;
import java.util.List;

/** One {@code /health} subcommand: its name, its line in the help, and its handler; thread-safe. */
public interface Subcommand {

    String name();

    default List<String> aliases() {
        return List.of();
    }

    /** How to call it, e.g. {@code /health check <name>}. */
    String usage();

    /** One line for the help. */
    String summary();

    /** What the command does, for the permission gate: {@link Access#CHANGE} when it changes servers or subscriptions. */
    default Access access() {
        return Access.READ;
    }

    /** What this invocation does, for the gate: by default {@link #access()} whatever the arguments. */
    default Access access(String args) {
        return access();
    }

    /** Handles the command; must return within a few hundred milliseconds (slow work goes to {@link Responder}). */
    Reply handle(CommandRequest request);
}
