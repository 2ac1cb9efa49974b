package dev.healthbot.slack.command;

import dev.healthbot.alert.ResponseService;
import dev.healthbot.alert.Selector;
import dev.healthbot.alert.WindowEnd;
import dev.healthbot.monitor.Environment;
import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.MonitorService;
import dev.healthbot.slack.Access;
import dev.healthbot.slack.view.BlockKit;
import dev.healthbot.slack.view.Reply;
import dev.healthbot.slack.view.ResponseReplies;
import dev.healthbot.slack.view.ServerReplies;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code /health maintenance <server|DEV|STAGE|LIVE|all> <2h|until 18:00|ISO date-time> [reason]}, {@code
 * /health maintenance list} and {@code /health maintenance end <id>}: planned work, during which outages post
 * nothing. Times without an offset are read in the user's Slack time zone.
 */
public final class MaintenanceCommand implements Subcommand {

    private final ResponseService responses;
    private final MonitorService monitors;
    private final InstantSource clock;
    private final Function<String, Optional<ZoneId>> zoneOf;

    /** @param zoneOf the user's time zone as Slack knows it, or empty (UTC is used then) */
    public MaintenanceCommand(
            ResponseService responses,
            MonitorService monitors,
            InstantSource clock,
            Function<String, Optional<ZoneId>> zoneOf) {
        this.responses = responses;
        this.monitors = monitors;
        this.clock = clock;
        this.zoneOf = zoneOf;
    }

    @Override
    public String name() {
        return "maintenance";
    }

    @Override
    public Access access() {
        return Access.CHANGE;
    }

    @Override
    public Access access(String args) {
        String first = args == null || args.isBlank() ? "list" : args.strip().split("\\s+")[0];
        return first.equalsIgnoreCase("list") ? Access.READ : Access.CHANGE;
    }

    @Override
    public String usage() {
        return "/health maintenance <server|DEV|STAGE|LIVE|all> <2h|until 18:00|ISO> [reason] · list · end <id>";
    }

    @Override
    public String summary() {
        return "planned work: no outage posts or reminders for those servers until it ends";
    }

    @Override
    public Reply handle(CommandRequest request) {
        String args = request.args() == null ? "" : request.args().strip();
        String[] w = args.isEmpty() ? new String[0] : args.split("\\s+");
        if (w.length == 0 || (w.length == 1 && w[0].equalsIgnoreCase("list"))) {
            return ResponseReplies.windows(responses.windows());
        }
        if (w[0].equalsIgnoreCase("end")) {
            if (w.length != 2 || !w[1].replace("#", "").matches("\\d{1,18}")) {
                return Reply.text(
                        ":warning: Usage: `/health maintenance end <id>` (ids are in `/health maintenance list`).");
            }
            return ResponseReplies.of(responses.endWindow(Long.parseLong(w[1].replace("#", "")), request.userId()));
        }
        if (w.length < 2 || args.length() > 1000) {
            return Reply.text(":warning: Usage: `" + usage() + "`.");
        }
        String target = w[0];
        Selector selector;
        String label;
        Optional<Environment> env = Environment.parse(target);
        if (target.equalsIgnoreCase("all")) {
            selector = Selector.everything();
            label = "all servers";
        } else if (env.isPresent()) {
            selector = Selector.env(env.get());
            label = env.get().name();
        } else {
            Optional<Monitor> m = monitors.find(target);
            if (m.isEmpty()) {
                return ServerReplies.notFound(target);
            }
            selector = Selector.server(m.get().id());
            label = m.get().name();
        }
        int timeWords = w[1].equalsIgnoreCase("until") ? 2 : 1;
        if (w.length < 1 + timeWords) {
            return Reply.text(":warning: Usage: `" + usage() + "`.");
        }
        String when = String.join(" ", Arrays.copyOfRange(w, 1, 1 + timeWords));
        String reason = String.join(" ", Arrays.copyOfRange(w, 1 + timeWords, w.length));
        Instant now = clock.instant();
        ZoneId zone = zoneOf.apply(request.userId()).orElse(ZoneOffset.UTC);
        Instant end;
        try {
            end = WindowEnd.parse(when, now, zone);
        } catch (IllegalArgumentException e) {
            return Reply.text(":warning: " + BlockKit.escape(e.getMessage()) + ". Usage: `" + usage() + "`.");
        }
        return ResponseReplies.of(
                responses.addWindow(selector, label, now, end, BlockKit.cut(reason, 500), request.userId()));
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
