package dev.healthbot.slack.command;

import com.slack.api.model.view.ViewState;
import dev.healthbot.alert.ResponseService;
import dev.healthbot.alert.SubscriptionService;
import dev.healthbot.monitor.HeartbeatService;
import dev.healthbot.monitor.MonitorService;
import dev.healthbot.slack.Access;
import dev.healthbot.slack.AccessPolicy;
import dev.healthbot.slack.ChannelAccess;
import dev.healthbot.slack.Permissions;
import dev.healthbot.slack.view.BlockKit;
import dev.healthbot.slack.view.CommandLine;
import dev.healthbot.slack.view.PingUrls;
import dev.healthbot.slack.view.Reply;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one table of every {@code /health} subcommand, modal submission and button the bot answers,
 * and the one permission gate in front of all of them: each entry declares its {@link Access} and
 * {@link AccessPolicy#decide} decides, whether the user typed, submitted or clicked. Immutable after
 * construction, thread-safe; called by the transport.
 */
public final class Handlers {

    public static final String COMMAND = "/health";
    public static final int MAX_TEXT = 4000;

    private final List<Subcommand> commands;
    private final Map<String, Subcommand> byName = new LinkedHashMap<>();
    private final List<ViewHandler> views;
    private final List<ActionHandler> actions;
    private final AccessPolicy access;
    private final KindChoice kindChoice = new KindChoice();

    public Handlers(
            List<Subcommand> commands, List<ViewHandler> views, List<ActionHandler> actions, AccessPolicy access) {
        this.access = access;
        this.commands = List.copyOf(commands);
        this.views = List.copyOf(views);
        this.actions = List.copyOf(actions);
        for (Subcommand c : this.commands) {
            byName.put(c.name(), c);
            for (String alias : c.aliases()) {
                byName.put(alias, c);
            }
        }
    }

    /** Error sources and the buttons of error posts, added to the table by {@link #standard}. */
    public record ErrorReports(
            dev.healthbot.errors.ErrorSources sources,
            dev.healthbot.errors.ErrorActions actions,
            java.util.function.Supplier<String> baseUrl) {}

    /** The outage post's buttons and the reminders and maintenance commands, added by {@link #standard}. */
    public record Responding(
            ResponseService service,
            java.time.InstantSource clock,
            java.util.function.Function<String, Optional<java.time.ZoneId>> zoneOf) {}

    /**
     * The bot's table: every command in help order, the server form's two submissions, and every
     * button; {@code /health errors} and the error posts' buttons when {@code errors} is not null;
     * the outage post's buttons, reminders and maintenance when {@code responses} is not null.
     */
    public static Handlers standard(
            MonitorService monitors,
            SubscriptionService subscriptions,
            ChannelAccess channels,
            AccessPolicy access,
            HeartbeatService heartbeats,
            java.util.function.Supplier<PingUrls> urls,
            ErrorReports errors,
            Responding responses) {
        return standard(monitors, subscriptions, channels, access, heartbeats, urls, errors, responses, null);
    }

    /** History and the links of outage posts, added to the table by {@link #standard}. */
    public record HistoryViews(dev.healthbot.history.HistoryService service, Permalinks permalinks) {}

    /** {@link #standard} with {@code /health history} when {@code history} is not null. */
    public static Handlers standard(
            MonitorService monitors,
            SubscriptionService subscriptions,
            ChannelAccess channels,
            AccessPolicy access,
            HeartbeatService heartbeats,
            java.util.function.Supplier<PingUrls> urls,
            ErrorReports errors,
            Responding responses,
            HistoryViews history) {
        ListCommand list = responses == null
                ? new ListCommand(monitors)
                : new ListCommand(monitors, id -> responses
                        .service()
                        .muteOf(id)
                        .map(m -> " · :no_bell: muted "
                                + (m.until() == null
                                        ? "until it recovers"
                                        : "until " + dev.healthbot.slack.view.Texts.date(m.until())))
                        .orElse(""));
        RemoveCommand remove = new RemoveCommand(monitors);
        List<Subcommand> commands = new ArrayList<>();
        commands.add(new HelpCommand(() -> List.copyOf(commands)));
        commands.add(new AddCommand(monitors, heartbeats, urls));
        commands.add(new EditCommand(monitors, heartbeats, urls));
        commands.add(list);
        commands.add(new CheckCommand(monitors, heartbeats));
        if (history != null) {
            commands.add(new HistoryCommand(monitors, history.service(), history.permalinks()));
        }
        commands.add(remove);
        ResponseService service = responses == null ? null : responses.service();
        commands.add(new SubscribeCommand(subscriptions, channels, service));
        commands.add(new UnsubscribeCommand(subscriptions));
        commands.add(new ChannelsCommand(subscriptions));
        commands.add(new AlertsCommand(subscriptions, monitors, service));
        List<ActionHandler> actions = new ArrayList<>(List.of(list, remove, new RemoveCommand.Cancel()));
        List<ViewHandler> views = new ArrayList<>();
        if (responses != null) {
            commands.add(new RemindersCommand(service));
            MaintenanceCommand maintenance =
                    new MaintenanceCommand(service, monitors, responses.clock(), responses.zoneOf());
            commands.add(maintenance);
            views.add(new MaintenanceModalSubmission(maintenance));
            actions.addAll(IncidentActions.all(service));
        }
        if (errors != null) {
            commands.add(new ErrorsCommand(errors.sources(), errors.baseUrl()));
            actions.addAll(ErrorButtons.all(errors.actions()));
        }
        views.add(new ServerModalSubmission(monitors, false, heartbeats, urls, errors));
        views.add(new ServerModalSubmission(monitors, true, heartbeats, urls, errors));
        return new Handlers(commands, views, actions, access);
    }

    public List<Subcommand> commands() {
        return commands;
    }

    /** This table with {@code extra} commands added at the end (e.g. {@code /health about}); the help is unchanged. */
    public Handlers with(Subcommand... extra) {
        List<Subcommand> all = new ArrayList<>(commands);
        all.addAll(List.of(extra));
        return new Handlers(all, views, actions, access);
    }

    public List<ViewHandler> views() {
        return views;
    }

    public List<ActionHandler> actions() {
        return actions;
    }

    /** The add form's "Kind" choice, redrawn in place. */
    public KindChoice kindChoice() {
        return kindChoice;
    }

    /** Each command's line, for the help and the Home tab. */
    public List<CommandLine> commandLines() {
        return HelpCommand.lines(commands);
    }

    public Optional<Subcommand> find(String name) {
        return Optional.ofNullable(byName.get(name.toLowerCase(Locale.ROOT)));
    }

    /** Answers one {@code /health} invocation; throws only what a command throws. */
    public Reply command(
            String text, String userId, String teamId, String channelId, String triggerId, Responder later) {
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
        Optional<Permissions.Decision.Refused> refused =
                refused(userId, teamId, sub.get().access(args), sub.get().name());
        if (refused.isPresent()) {
            return Reply.text(refused.get().message());
        }
        return sub.get().handle(new CommandRequest(args, userId, channelId, triggerId, later));
    }

    /**
     * Answers one submission of {@code view}'s form. The form was opened by someone allowed, but a
     * submission is checked again: admins can change meanwhile.
     */
    public ViewHandler.Result submit(
            ViewHandler view,
            String userId,
            String teamId,
            String privateMetadata,
            Map<String, Map<String, ViewState.Value>> values) {
        Optional<Permissions.Decision.Refused> refused = refused(userId, teamId, view.access(), view.action());
        if (refused.isPresent()) {
            return new ViewHandler.Result.Errors(
                    Map.of(view.formErrorBlock(), refused.get().plain()));
        }
        return view.submit(userId, privateMetadata, values);
    }

    /**
     * Answers one click on {@code action}'s button, after the ack. A button may be clicked by anyone
     * who sees the message, so the click is checked like the command that posted it.
     */
    public Reply click(ActionHandler action, String userId, String teamId, String channelId, String value) {
        Optional<Permissions.Decision.Refused> refused = refused(userId, teamId, action.access(), action.action());
        if (refused.isPresent()) {
            return Reply.text(refused.get().message());
        }
        return action.clicked(userId, channelId, value);
    }

    /**
     * @param teamId the user's team as the payload gives it (null when it does not), so that someone of another
     *     organisation is refused even before Slack is asked
     */
    private Optional<Permissions.Decision.Refused> refused(String userId, String teamId, Access level, String action) {
        return access.decide(userId, teamId, new AccessPolicy.Attempt(level, action))
                        instanceof Permissions.Decision.Refused r
                ? Optional.of(r)
                : Optional.empty();
    }
}
