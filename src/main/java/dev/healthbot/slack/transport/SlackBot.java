package dev.healthbot.slack.transport;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.RequestType;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.apps.connections.AppsConnectionsOpenResponse;
import com.slack.api.methods.response.auth.AuthTestResponse;
import com.slack.api.model.event.AppHomeOpenedEvent;
import com.slack.api.model.view.View;
import dev.healthbot.slack.command.ActionHandler;
import dev.healthbot.slack.command.Handlers;
import dev.healthbot.slack.command.ViewHandler;
import dev.healthbot.slack.view.HomeView;
import dev.healthbot.slack.view.Reply;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's Slack side: a Bolt app over Socket Mode that hands {@code /health}, modal submissions,
 * button clicks and App Home opens to the {@link Handlers} table. Every handler acks at once; slow work runs
 * on this class's own executor. Start once, close once.
 */
public final class SlackBot implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SlackBot.class);

    static final String INTERNAL_ERROR =
            ":warning: Something went wrong on our side; it is logged. Try again in a moment.";

    private final SlackApi api;
    private final App app;
    private final Handlers handlers;
    private final ExecutorService work;
    private final SocketWatchdog watchdog = new SocketWatchdog();
    private SocketModeApp socketMode;

    public SlackBot(SlackApi api, Handlers handlers) {
        this.api = api;
        this.handlers = handlers;
        AtomicInteger threads = new AtomicInteger();
        this.work = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "slack-work-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.app = new App(AppConfig.builder()
                .singleTeamBotToken(api.botToken())
                .slack(api.slack())
                .build());
        register();
    }

    private MethodsClient methods() {
        return api.methods();
    }

    /** Hands every entry of the table to Bolt; what each one does lives in the table, not here. */
    private void register() {
        app.command(Handlers.COMMAND, this::onCommand);
        for (ViewHandler v : handlers.views()) {
            app.viewSubmission(v.callbackId(), (req, ctx) -> onSubmission(v, req, ctx));
        }
        for (ActionHandler a : handlers.actions()) {
            app.blockAction(
                    Pattern.compile(Pattern.quote(a.actionId()) + "(:.*)?"), (req, ctx) -> onClick(a, req, ctx));
        }
        app.blockAction(handlers.kindChoice().actionId(), this::onKindChosen);
        app.event(AppHomeOpenedEvent.class, this::onHomeOpened);
    }

    /** The add form's "Kind" changed: redraw the form in place ({@code views.update}, guarded by the view's hash). */
    private Response onKindChosen(BlockActionRequest req, ActionContext ctx) {
        BlockActionPayload p = req.getPayload();
        var view = p.getView();
        if (view == null || p.getActions().isEmpty()) {
            return ctx.ack();
        }
        var action = p.getActions().get(0);
        String chosen =
                action.getSelectedOption() != null ? action.getSelectedOption().getValue() : action.getValue();
        var state = view.getState() == null ? null : view.getState().getValues();
        String user = p.getUser() == null ? "?" : p.getUser().getId();
        work.execute(() -> {
            try {
                var next = handlers.kindChoice().redraw(chosen, state);
                var response = methods()
                        .viewsUpdate(
                                r -> r.viewId(view.getId()).hash(view.getHash()).view(next));
                if (!response.isOk()) {
                    // hash_conflict: the user changed the form again meanwhile; the newer change redraws it.
                    LOG.warn("form redraw refused user={} error={}", user, response.getError());
                }
            } catch (Exception e) {
                LOG.warn("form redraw failed user={} error={}", user, e.toString());
            }
        });
        return ctx.ack();
    }

    private Response onCommand(SlashCommandRequest req, SlashCommandContext ctx) {
        var p = req.getPayload();
        long start = System.nanoTime();
        Reply reply;
        try {
            reply = handlers.command(
                    p.getText(),
                    p.getUserId(),
                    p.getTeamId(),
                    p.getChannelId(),
                    p.getTriggerId(),
                    new BoltResponder(ctx, work, methods()));
        } catch (RuntimeException e) {
            LOG.error("command failed user={} error={}", p.getUserId(), e.toString(), e);
            reply = Reply.text(INTERNAL_ERROR);
        }
        LOG.info(
                "command user={} channel={} sub={} ackMs={}",
                p.getUserId(),
                p.getChannelId(),
                firstWord(p.getText()),
                (System.nanoTime() - start) / 1_000_000);
        Reply r = reply;
        return ctx.ack(b -> b.responseType("ephemeral").text(r.text()).blocks(r.blocks()));
    }

    private Response onSubmission(ViewHandler v, ViewSubmissionRequest req, ViewSubmissionContext ctx) {
        var view = req.getPayload().getView();
        String user = req.getPayload().getUser().getId();
        String team = req.getPayload().getUser().getTeamId();
        ViewHandler.Result result;
        try {
            result = handlers.submit(
                    v, user, team, view.getPrivateMetadata(), view.getState().getValues());
        } catch (RuntimeException e) {
            LOG.error("view failed callback={} user={} error={}", v.callbackId(), user, e.toString(), e);
            return ctx.ack(r -> r.responseAction("errors")
                    .errors(Map.of(firstBlock(view), "Something went wrong on our side; it is logged.")));
        }
        if (result instanceof ViewHandler.Result.Errors errors) {
            return ctx.ack(r -> r.responseAction("errors").errors(errors.errorsByBlock()));
        }
        String notice = ((ViewHandler.Result.Close) result).userNotice();
        if (notice != null) {
            work.execute(() -> postNotice(user, notice));
        }
        return ctx.ack();
    }

    private Response onClick(ActionHandler a, BlockActionRequest req, ActionContext ctx) {
        BlockActionPayload p = req.getPayload();
        String value = p.getActions().isEmpty() ? "" : p.getActions().get(0).getValue();
        if (value == null && !p.getActions().isEmpty() && p.getActions().get(0).getSelectedOption() != null) {
            // A menu carries its choice in selected_option, not value.
            value = p.getActions().get(0).getSelectedOption().getValue();
        }
        String channel = p.getChannel() == null ? null : p.getChannel().getId();
        String v = value;
        work.execute(() -> runAction(a, p.getUser(), channel, v, ctx));
        return ctx.ack();
    }

    private Response onHomeOpened(EventsApiPayload<AppHomeOpenedEvent> req, EventContext ctx) {
        String user = req.getEvent().getUser();
        if ("home".equals(req.getEvent().getTab()) || req.getEvent().getTab() == null) {
            work.execute(() -> publishHome(user));
        }
        return ctx.ack();
    }

    /**
     * Runs after Bolt's own middleware, around every handler. Whatever a handler throws must not
     * reach the SDK: it would leave the envelope unacked, and an Error would silently end one of
     * the SDK's ten message-processor tasks (they catch Exception only), so ten of them make the
     * bot deaf until restart. Added at start, after the token check: the first {@code use} makes
     * Bolt build its own middleware, which calls {@code auth.test} and throws on a refused token.
     */
    private void catchHandlerFailures() {
        app.use((req, resp, chain) -> {
            try {
                return chain.next(req);
            } catch (Throwable e) {
                LOG.error("handler failed type={} error={}", req.getRequestType(), e.toString(), e);
                if (req.getRequestType() == RequestType.Command) {
                    return Response.json(200, Map.of("response_type", "ephemeral", "text", INTERNAL_ERROR));
                }
                return Response.ok();
            }
        });
    }

    private void runAction(
            ActionHandler a, BlockActionPayload.User clicker, String channel, String value, ActionContext ctx) {
        String user = clicker.getId();
        try {
            Reply reply = handlers.click(a, user, clicker.getTeamId(), channel, value);
            if (reply != null) {
                BoltResponder.respondWithRetry(() -> ctx.respond(r -> r.replaceOriginal(a.replacesOriginal())
                        .responseType("ephemeral")
                        .text(reply.text())
                        .blocks(reply.blocks())));
            }
        } catch (RuntimeException e) {
            LOG.error("action failed action={} user={} error={}", a.actionId(), user, e.toString(), e);
        }
    }

    private void publishHome(String user) {
        try {
            var response = methods().viewsPublish(r -> r.userId(user).view(HomeView.build(handlers.commandLines())));
            if (!response.isOk()) {
                LOG.warn("home publish refused user={} error={}", user, response.getError());
            }
        } catch (Exception e) {
            LOG.warn("home publish failed user={} error={}", user, e.toString());
        }
    }

    private void postNotice(String user, String notice) {
        try {
            var response = methods().chatPostMessage(r -> r.channel(user).text(notice));
            if (!response.isOk()) {
                LOG.warn("notice refused user={} error={}", user, response.getError());
            }
        } catch (Exception e) {
            LOG.warn("notice failed user={} error={}", user, e.toString());
        }
    }

    /**
     * Checks both tokens with Slack, then opens the socket and waits until it is connected.
     *
     * @throws SlackStartException with one line when Slack refuses a token or the socket will not open
     */
    public void start(Duration connectTimeout) {
        AuthTestResponse auth;
        try {
            auth = methods().authTest(r -> r);
        } catch (Exception e) {
            throw new SlackStartException("cannot reach Slack at the configured SLACK_API_URL: "
                    + e.getClass().getSimpleName());
        }
        if (!auth.isOk()) {
            throw new SlackStartException("Slack refused SLACK_BOT_TOKEN: " + auth.getError());
        }
        AppsConnectionsOpenResponse open;
        try {
            open = api.appMethods().appsConnectionsOpen(r -> r);
        } catch (Exception e) {
            throw new SlackStartException("cannot reach Slack at the configured SLACK_API_URL: "
                    + e.getClass().getSimpleName());
        }
        if (!open.isOk()) {
            throw new SlackStartException("Slack refused SLACK_APP_TOKEN (apps.connections.open): " + open.getError());
        }
        LOG.info("slack auth ok team={} botUser={}", auth.getTeamId(), auth.getUserId());
        try {
            catchHandlerFailures();
        } catch (RuntimeException e) {
            throw new SlackStartException(
                    "Slack refused SLACK_BOT_TOKEN: " + e.getClass().getSimpleName());
        }
        try {
            // The guard acks what no handler takes and drops frames that are not JSON, so bad input never crashes the
            // socket.
            socketMode = new SocketModeApp(EnvelopeGuard.clientFactory(app, api.appToken()), app);
            socketMode.startAsync();
            watchdog.watch(socketMode.getClient());
        } catch (Exception e) {
            throw new SlackStartException(
                    "cannot open the Socket Mode connection: " + e.getClass().getSimpleName());
        }
        long deadline = System.nanoTime() + connectTimeout.toNanos();
        while (!connected()) {
            if (System.nanoTime() > deadline) {
                throw new SlackStartException(
                        "the Socket Mode connection did not open within " + connectTimeout.toSeconds() + " s");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
        }
    }

    /** True while the Socket Mode connection is open. */
    public boolean connected() {
        SocketModeApp sm = socketMode;
        return sm != null && sm.getClient() != null && sm.getClient().verifyConnection();
    }

    /** Socket Mode sessions opened after the first one, since start. */
    public long reconnects() {
        return watchdog.reconnects();
    }

    @Override
    public void close() {
        watchdog.close();
        try {
            if (socketMode != null) {
                socketMode.close();
            }
        } catch (Exception e) {
            LOG.warn("socket close failed error={}", e.toString());
        }
        work.shutdown();
        try {
            if (!work.awaitTermination(3, TimeUnit.SECONDS)) {
                work.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String firstWord(String text) {
        if (text == null || text.isBlank()) {
            return "help";
        }
        String w = text.strip().split("\\s+", 2)[0];
        // Cut first, then sanitize, so no control character or markup of the user's reaches the log.
        return (w.length() > 20 ? w.substring(0, 20) : w).replaceAll("[^A-Za-z0-9_-]", "?");
    }

    /** The first block of the form as laid out (the alphabetically first one when Slack sent no layout). */
    private static String firstBlock(View view) {
        if (view.getState() != null && view.getState().getValues() != null && view.getBlocks() != null) {
            for (var block : view.getBlocks()) {
                if (view.getState().getValues().containsKey(block.getBlockId())) {
                    return block.getBlockId();
                }
            }
        }
        if (view.getState() == null
                || view.getState().getValues() == null
                || view.getState().getValues().isEmpty()) {
            return "name";
        }
        return view.getState().getValues().keySet().stream()
                .sorted()
                .collect(Collectors.toList())
                .get(0);
    }
}
