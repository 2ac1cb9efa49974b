package dev.healthbot.slack.command;

import dev.healthbot.alert.ResponseService;
import dev.healthbot.alert.WindowEnd;
import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.MonitorService;
import dev.healthbot.slack.Access;
import dev.healthbot.slack.view.BlockKit;
import dev.healthbot.slack.view.MaintenanceModal;
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

    /** {@code /health maintenance posts on|off}: whether this channel gets the window start and end posts. */
    static final String POSTS = "posts";

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
        String[] w =
                args == null || args.isBlank() ? new String[0] : args.strip().split("\\s+");
        if (w.length == 1 && w[0].equalsIgnoreCase("list")) {
            return Access.READ;
        }
        // "posts" alone shows the channel's setting; "posts on|off" changes it.
        return w.length == 1 && w[0].equalsIgnoreCase(POSTS) ? Access.READ : Access.CHANGE;
    }

    @Override
    public String usage() {
        return "/health maintenance [<server|DEV|STAGE|LIVE|all> <2h|until 18:00|ISO> [reason]] · list · end <id>"
                + " · posts <on|off>";
    }

    @Override
    public String summary() {
        return "planned work: no outage posts or reminders for those servers until it ends (no arguments opens a form)";
    }

    @Override
    public Reply handle(CommandRequest request) {
        String args = request.args() == null ? "" : request.args().strip();
        String[] w = args.isEmpty() ? new String[0] : args.split("\\s+");
        if (w.length == 0) {
            request.later()
                    .openModal(MaintenanceModal.build(monitors.all().stream()
                            .map(Monitor::name)
                            .sorted(String.CASE_INSENSITIVE_ORDER)
                            .toList()));
            return Reply.text("Opening the maintenance form…");
        }
        if (w.length == 1 && w[0].equalsIgnoreCase("list")) {
            return ResponseReplies.windows(responses.windows());
        }
        if (w[0].equalsIgnoreCase(POSTS) && (w.length == 1 || (w.length == 2 && onOff(w[1]) != null))) {
            if (w.length == 1) {
                return ResponseReplies.maintenancePosts(responses.maintenancePosts(request.channelId()));
            }
            return ResponseReplies.of(
                    responses.setMaintenancePosts(request.channelId(), onOff(w[1]), request.userId()));
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
        int timeWords = w[1].equalsIgnoreCase("until") ? 2 : 1;
        if (w.length < 1 + timeWords) {
            return Reply.text(":warning: Usage: `" + usage() + "`.");
        }
        String when = String.join(" ", Arrays.copyOfRange(w, 1, 1 + timeWords));
        String reason = String.join(" ", Arrays.copyOfRange(w, 1 + timeWords, w.length));
        Opened opened = open(w[0], when, reason, request.userId());
        if (opened instanceof Opened.Refused r) {
            return switch (r.part()) {
                case TARGET -> ServerReplies.notFound(w[0]);
                case WHEN, REASON ->
                    Reply.text(":warning: " + BlockKit.escape(r.message()) + ". Usage: `" + usage() + "`.");
            };
        }
        return ResponseReplies.of(((Opened.Done) opened).change());
    }

    /** The part of a request at fault: the command names it in its answer, the form puts the error under it. */
    enum Part {
        TARGET,
        WHEN,
        REASON
    }

    /** What a request to open a window came to. */
    sealed interface Opened {
        record Refused(Part part, String message) implements Opened {}

        record Done(ResponseService.Change change) implements Opened {}
    }

    /**
     * Opens a window from what the user typed or chose: the one validation behind both the command and the form.
     *
     * @param target a server name, {@code DEV}, {@code STAGE}, {@code LIVE} or {@code all}
     * @param when {@code 2h}, {@code until 18:00} or an ISO date-time, read in the user's Slack time zone
     */
    Opened open(String target, String when, String reason, String user) {
        if (target == null || target.isBlank()) {
            return new Opened.Refused(Part.TARGET, "choose what the window covers");
        }
        Optional<ResponseService.Target> t = responses.target(target);
        if (t.isEmpty()) {
            return new Opened.Refused(Part.TARGET, "no server is named " + BlockKit.cut(target.strip(), 64));
        }
        if (when == null || when.isBlank()) {
            return new Opened.Refused(Part.WHEN, "say until when: 2h, until 18:00 or 2026-12-24T08:00");
        }
        String why = reason == null ? "" : reason.strip();
        if (why.length() > MaintenanceModal.MAX_REASON) {
            return new Opened.Refused(
                    Part.REASON, "the reason is at most " + MaintenanceModal.MAX_REASON + " characters");
        }
        Instant now = clock.instant();
        ZoneId zone = zoneOf.apply(user).orElse(ZoneOffset.UTC);
        Instant end;
        try {
            end = WindowEnd.parse(when, now, zone);
        } catch (IllegalArgumentException e) {
            return new Opened.Refused(Part.WHEN, e.getMessage());
        }
        ResponseService.Change change =
                responses.addWindow(t.get().selector(), t.get().label(), now, end, why, user);
        if (change instanceof ResponseService.Change.Invalid i) {
            return new Opened.Refused(Part.WHEN, i.message());
        }
        return new Opened.Done(change);
    }

    /** True for on, false for off, null for anything else. */
    private static Boolean onOff(String word) {
        return switch (lower(word)) {
            case "on" -> Boolean.TRUE;
            case "off" -> Boolean.FALSE;
            default -> null;
        };
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
