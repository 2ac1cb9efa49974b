package dev.healthbot.slack.command;

import dev.healthbot.slack.Access;
import dev.healthbot.slack.view.BlockKit;
import dev.healthbot.slack.view.CommandLine;
import dev.healthbot.slack.view.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** {@code /health help}: one line for every command. */
public final class HelpCommand implements Subcommand {

    private final Supplier<List<Subcommand>> commands;

    public HelpCommand(Supplier<List<Subcommand>> commands) {
        this.commands = commands;
    }

    @Override
    public String name() {
        return "help";
    }

    @Override
    public Access access() {
        return Access.HELP;
    }

    @Override
    public String usage() {
        return "/health help";
    }

    @Override
    public String summary() {
        return "this list";
    }

    @Override
    public Reply handle(CommandRequest request) {
        return help(commands.get());
    }

    /** Each command's line for the help and the Home tab. */
    public static List<CommandLine> lines(List<Subcommand> commands) {
        return commands.stream()
                .map(c -> new CommandLine(c.usage(), c.summary()))
                .toList();
    }

    /** The help message; pure. */
    public static Reply help(List<Subcommand> commands) {
        StringBuilder lines = new StringBuilder();
        for (Subcommand c : commands) {
            lines.append('`').append(c.usage()).append("` ").append(c.summary()).append('\n');
        }
        List<com.slack.api.model.block.LayoutBlock> blocks = new ArrayList<>();
        blocks.add(BlockKit.header("healthbot commands"));
        blocks.add(BlockKit.section(lines.toString().strip()));
        blocks.add(
                BlockKit.context("healthbot probes your servers and posts to subscribed channels when one goes down."));
        return new Reply("healthbot commands:\n" + lines.toString().strip(), blocks);
    }
}
