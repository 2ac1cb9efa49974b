package dev.healthbot.fakeslack;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.java_websocket.WebSocket;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fake Slack on 127.0.0.1 that serves the Web API over HTTP and Socket Mode over WebSocket, records what the bot
 * does and checks it against Slack's limits; every method is thread-safe and may be called from any thread.
 */
public final class FakeSlack implements AutoCloseable {

    public static final String BOT_TOKEN = "xoxb-1111111111-2222222222-fakebottokenabcdef";
    public static final String APP_TOKEN = "xapp-1-A0FAKE0001-3333333333-fakeapptokenabcdef";
    public static final String TEAM_ID = "T0FAKE001";
    public static final String TEAM_DOMAIN = "fake";
    public static final String BOT_USER_ID = "U0FAKEBOT";
    public static final String BOT_ID = "B0FAKEBOT";
    public static final String APP_ID = "A0FAKE0001";
    public static final String DEFAULT_USER_ID = "U0USER0001";
    public static final String DEFAULT_CHANNEL_ID = "C0CHAN0001";
    public static final String COMMAND = "/health";
    /** The legacy verification token carried in payloads; Socket Mode apps ignore it. */
    public static final String VERIFICATION_TOKEN = "fakeverificationtoken0001";
    /** How long an envelope waits for its ack, by default, before its future fails with a TimeoutException. */
    public static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);
    /** Slack's own ack deadline; slower acks are recorded as violations. */
    public static final Duration ACK_DEADLINE = Duration.ofSeconds(3);
    /** How long a trigger_id stays usable on real Slack; later use is recorded as a violation. */
    public static final Duration TRIGGER_LIFETIME = Duration.ofSeconds(3);

    private static final Logger log = LoggerFactory.getLogger(FakeSlack.class);
    private static final Gson GSON = new GsonBuilder().serializeNulls().create();
    private static final long FIRST_TS_MICROS = 1_716_000_000_000_000L;
    private static final int RESPONSE_URL_USES = 5;

    private final ReentrantLock lock = new ReentrantLock();
    // Signalled on every recorded change so that await* methods wake without polling.
    private final Condition changed = lock.newCondition();

    // Guarded by lock.
    private final List<ApiCall> calls = new ArrayList<>();
    private final Map<String, List<StoredMessage>> channels = new LinkedHashMap<>();
    private final Map<String, Deque<Failure>> failures = new HashMap<>();
    private final List<ResponseUrlPost> responseUrlPosts = new ArrayList<>();
    private final Map<String, Integer> responseUrlUses = new HashMap<>();
    private final List<String> violations = new ArrayList<>();
    private final List<Ephemeral> ephemerals = new ArrayList<>();
    private final List<ViewCall> viewCalls = new ArrayList<>();
    private final List<Ack> acks = new ArrayList<>();
    private final Map<String, Long> triggers = new HashMap<>();
    private final List<WebSocket> sockets = new ArrayList<>();
    private int socketsOpenedTotal;
    private String authError;
    private String connectionsOpenError;
    private boolean strictBlocks;
    private volatile Duration ackTimeout = ACK_TIMEOUT;

    private final Map<String, List<String>> userGroups = new HashMap<>();
    private final FakeDirectory directory = new FakeDirectory();
    private final Map<String, Duration> delays = new ConcurrentHashMap<>();
    private final Map<String, Boolean> tickets = new ConcurrentHashMap<>();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong clockMicros = new AtomicLong(FIRST_TS_MICROS);
    private final AtomicInteger idCounter = new AtomicInteger();

    private final ExecutorService httpExecutor;
    private final ExecutorService callbackExecutor;
    private final HttpServer http;
    private final SocketServer ws;

    private FakeSlack() throws IOException, InterruptedException {
        httpExecutor = Executors.newCachedThreadPool(daemonThreads("fakeslack-http-"));
        callbackExecutor = Executors.newCachedThreadPool(daemonThreads("fakeslack-ack-"));
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.setExecutor(httpExecutor);
        http.createContext("/", this::handleHttp);
        http.start();
        ws = new SocketServer();
        ws.start();
        if (!ws.started.await(5, TimeUnit.SECONDS) || ws.startError != null) {
            http.stop(0);
            httpExecutor.shutdownNow();
            callbackExecutor.shutdownNow();
            throw new IOException("WebSocket server did not start", ws.startError);
        }
    }

    /** Binds the HTTP and WebSocket servers on 127.0.0.1 on ephemeral ports. */
    public static FakeSlack start() {
        try {
            return new FakeSlack();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting", e);
        }
    }

    /** The Web API prefix, {@code http://127.0.0.1:<port>/api/}, for {@code SlackConfig.setMethodsEndpointUrlPrefix}. */
    public String apiUrl() {
        return httpBase() + "/api/";
    }

    /** The port of the Socket Mode WebSocket server. */
    public int webSocketPort() {
        return ws.getPort();
    }

    private String httpBase() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    /** Stops both servers, fails every unacknowledged envelope and returns within about a second. */
    @Override
    public void close() {
        EVERY_INSTANCE_SENT.addAll(sent());
        try {
            ws.stop(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.stop(0);
        httpExecutor.shutdownNow();
        for (Pending p : pending.values()) {
            p.future.completeExceptionally(new IllegalStateException("FakeSlack closed"));
        }
        pending.clear();
        callbackExecutor.shutdownNow();
    }

    // ------------------------------------------------------------------ Socket Mode side

    /** Blocks until a socket is open and has been sent {@code hello}; throws AssertionError on timeout. */
    public void awaitConnected(Duration timeout) {
        await(
                () -> openConnections() > 0 ? Optional.of(true) : Optional.empty(),
                timeout,
                () -> "no Socket Mode "
                        + "connection within " + timeout + "; apps.connections.open calls: "
                        + calls("apps.connections.open").size());
    }

    /** Blocks until at least {@code total} sockets were opened since start and one is open now. */
    public void awaitConnectionsOpenedTotal(int total, Duration timeout) {
        await(
                () -> connectionsOpenedTotal() >= total && openConnections() > 0 ? Optional.of(true) : Optional.empty(),
                timeout,
                () -> "expected " + total + " connections opened in total within " + timeout + ", saw "
                        + connectionsOpenedTotal() + " (" + openConnections() + " open)");
    }

    /** Blocks until exactly {@code count} sockets are open; throws AssertionError on timeout. */
    public void awaitOpenConnections(int count, Duration timeout) {
        await(
                () -> openConnections() == count ? Optional.of(true) : Optional.empty(),
                timeout,
                () -> "expected " + count + " open connections within " + timeout + ", saw " + openConnections());
    }

    /** Sockets that received {@code hello} and are still open. */
    public int openConnections() {
        lock.lock();
        try {
            return (int) sockets.stream().filter(WebSocket::isOpen).count();
        } finally {
            lock.unlock();
        }
    }

    /** Sockets that received {@code hello} since start. */
    public int connectionsOpenedTotal() {
        lock.lock();
        try {
            return socketsOpenedTotal;
        } finally {
            lock.unlock();
        }
    }

    /** Sends {@code /health text} from {@link #DEFAULT_USER_ID} in {@link #DEFAULT_CHANNEL_ID}. */
    public CompletableFuture<Ack> slashCommand(String text) {
        return slashCommand(text, DEFAULT_USER_ID, DEFAULT_CHANNEL_ID);
    }

    /** Sends {@code /health text} as a {@code slash_commands} envelope on the newest open socket. */
    public CompletableFuture<Ack> slashCommand(String text, String userId, String channelId) {
        JsonObject p = new JsonObject();
        p.addProperty("token", VERIFICATION_TOKEN);
        p.addProperty("team_id", directory.teamOf(userId));
        p.addProperty("team_domain", TEAM_DOMAIN);
        p.addProperty("channel_id", channelId);
        p.addProperty("channel_name", channelName(channelId));
        p.addProperty("user_id", userId);
        p.addProperty("user_name", userName(userId));
        p.addProperty("command", COMMAND);
        p.addProperty("text", text);
        p.addProperty("api_app_id", APP_ID);
        p.addProperty("is_enterprise_install", "false");
        p.addProperty("response_url", newResponseUrl());
        p.addProperty("trigger_id", newTrigger());
        return sendEnvelope("slash_commands", p, true);
    }

    /**
     * Sends a {@code view_submission}; when the bot opened a view with this callback id, its id, title and blocks are
     * reused so the payload looks like a submission of that view.
     *
     * @param stateValues the object that becomes {@code view.state.values}
     */
    public CompletableFuture<Ack> viewSubmission(
            String callbackId, String privateMetadata, JsonObject stateValues, String userId) {
        JsonObject view = submittedView(callbackId, privateMetadata, stateValues);
        JsonObject p = new JsonObject();
        p.addProperty("type", "view_submission");
        p.add("team", team());
        p.add("user", user(userId));
        p.addProperty("api_app_id", APP_ID);
        p.addProperty("token", VERIFICATION_TOKEN);
        p.addProperty("trigger_id", newTrigger());
        p.add("view", view);
        p.add("response_urls", new JsonArray());
        p.addProperty("is_enterprise_install", false);
        p.add("enterprise", null);
        return sendEnvelope("interactive", p, true);
    }

    /**
     * Sends a {@code block_actions} click on a button.
     *
     * @param container the payload's container; {@code null} means a message container for the newest top-level
     *     message the bot posted in {@code channelId} (or a fresh ts when there is none). A container of type
     *     {@code view} makes a click inside a modal or the Home tab: no channel, message or response_url.
     */
    public CompletableFuture<Ack> blockAction(
            String actionId, String blockId, String value, String userId, String channelId, JsonObject container) {
        JsonObject c = container != null ? container.deepCopy() : defaultContainer(channelId);
        boolean inView = "view".equals(BlockKitRules.string(c, "type"));
        JsonObject p = new JsonObject();
        p.addProperty("type", "block_actions");
        p.add("user", user(userId));
        p.addProperty("api_app_id", APP_ID);
        p.addProperty("token", VERIFICATION_TOKEN);
        p.add("container", c);
        p.addProperty("trigger_id", newTrigger());
        p.add("team", team());
        p.add("enterprise", null);
        p.addProperty("is_enterprise_install", false);
        if (inView) {
            p.add("view", viewForContainer(BlockKitRules.string(c, "view_id")));
        } else {
            String channel = channelId != null ? channelId : BlockKitRules.string(c, "channel_id");
            JsonObject ch = new JsonObject();
            ch.addProperty("id", channel);
            ch.addProperty("name", channelName(channel));
            p.add("channel", ch);
            String messageTs = BlockKitRules.string(c, "message_ts");
            if (channel != null && messageTs != null) {
                message(channel, messageTs).ifPresent(m -> p.add("message", messageJson(m)));
            }
            p.addProperty("response_url", newResponseUrl());
        }
        JsonObject state = new JsonObject();
        state.add("values", new JsonObject());
        p.add("state", state);
        JsonObject action = new JsonObject();
        action.addProperty("action_id", actionId);
        action.addProperty("block_id", blockId);
        JsonObject text = new JsonObject();
        text.addProperty("type", "plain_text");
        text.addProperty("text", actionId);
        text.addProperty("emoji", true);
        action.add("text", text);
        action.addProperty("value", value);
        action.addProperty("type", "button");
        action.addProperty("action_ts", nextTs());
        JsonArray actions = new JsonArray();
        actions.add(action);
        p.add("actions", actions);
        return sendEnvelope("interactive", p, true);
    }

    /** Sends an Events API event (e.g. {@code app_home_opened}) wrapped in an {@code event_callback}. */
    public CompletableFuture<Ack> event(JsonObject event) {
        JsonObject p = new JsonObject();
        p.addProperty("token", VERIFICATION_TOKEN);
        p.addProperty("team_id", TEAM_ID);
        p.addProperty("api_app_id", APP_ID);
        p.add("event", event.deepCopy());
        p.addProperty("type", "event_callback");
        p.addProperty("event_id", "Ev" + String.format(Locale.ROOT, "%08X", idCounter.incrementAndGet()));
        p.addProperty("event_time", Instant.now().getEpochSecond());
        JsonObject authorization = new JsonObject();
        authorization.add("enterprise_id", null);
        authorization.addProperty("team_id", TEAM_ID);
        authorization.addProperty("user_id", BOT_USER_ID);
        authorization.addProperty("is_bot", true);
        authorization.addProperty("is_enterprise_install", false);
        JsonArray authorizations = new JsonArray();
        authorizations.add(authorization);
        p.add("authorizations", authorizations);
        p.addProperty("is_ext_shared_channel", false);
        return sendEnvelope("events_api", p, false);
    }

    /** Sends an {@code app_home_opened} event for the Home tab of {@code userId}. */
    public CompletableFuture<Ack> appHomeOpened(String userId) {
        JsonObject e = new JsonObject();
        e.addProperty("type", "app_home_opened");
        e.addProperty("user", userId);
        e.addProperty("channel", "D" + userId.substring(Math.min(1, userId.length())));
        e.addProperty("tab", "home");
        e.addProperty("event_ts", nextTs());
        return event(e);
    }

    /** Sends an envelope of any type with any payload, for malformed-payload tests. */
    public CompletableFuture<Ack> envelope(String type, JsonObject payload) {
        return sendEnvelope(type, payload == null ? null : payload.deepCopy(), true);
    }

    /** Sends a raw text frame on the newest open socket; throws IllegalStateException when none is open. */
    public void sendRaw(String text) {
        currentSocket()
                .orElseThrow(() -> new IllegalStateException("no open Socket Mode connection"))
                .send(text);
    }

    /** Sends a {@code disconnect} (refresh_requested) frame to every open socket. */
    public void sendDisconnect() {
        JsonObject d = new JsonObject();
        d.addProperty("type", "disconnect");
        d.addProperty("reason", "refresh_requested");
        d.addProperty("num_connections", 1);
        JsonObject debug = new JsonObject();
        debug.addProperty("host", "applink-1");
        d.add("debug_info", debug);
        String frame = GSON.toJson(d);
        for (WebSocket s : openSockets()) {
            s.send(frame);
        }
    }

    /** Closes the newest open socket's TCP connection without a close frame. */
    public void dropSocket() {
        // closeConnection skips the closing handshake; the peer sees the TCP connection end (code 1006).
        currentSocket()
                .orElseThrow(() -> new IllegalStateException("no open Socket Mode connection"))
                .closeConnection(CloseFrame.ABNORMAL_CLOSE, "dropped by FakeSlack");
    }

    private CompletableFuture<Ack> sendEnvelope(String type, JsonObject payload, boolean acceptsResponsePayload) {
        Optional<WebSocket> socket = currentSocket();
        if (socket.isEmpty()) {
            return CompletableFuture.failedFuture(
                    new IllegalStateException("no open Socket Mode connection; call awaitConnected first"));
        }
        String envelopeId = UUID.randomUUID().toString();
        JsonObject env = new JsonObject();
        env.addProperty("envelope_id", envelopeId);
        env.addProperty("type", type);
        env.addProperty("accepts_response_payload", acceptsResponsePayload);
        env.add("payload", payload);
        env.addProperty("retry_attempt", 0);
        env.addProperty("retry_reason", "");
        String kind = type;
        if (payload != null && "interactive".equals(type)) {
            kind = type + " " + BlockKitRules.string(payload, "type");
        }
        CompletableFuture<Ack> future = new CompletableFuture<>();
        Pending p = new Pending(kind, System.nanoTime(), future);
        pending.put(envelopeId, p);
        future.orTimeout(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        socket.get().send(GSON.toJson(env));
        log.debug("sent {} envelope {}", kind, envelopeId);
        return future;
    }

    private Optional<WebSocket> currentSocket() {
        List<WebSocket> open = openSockets();
        return open.isEmpty() ? Optional.empty() : Optional.of(open.get(open.size() - 1));
    }

    private List<WebSocket> openSockets() {
        lock.lock();
        try {
            return sockets.stream().filter(WebSocket::isOpen).toList();
        } finally {
            lock.unlock();
        }
    }

    private void onAck(String text) {
        JsonObject ack;
        try {
            JsonElement e = JsonParser.parseString(text);
            if (!e.isJsonObject()) {
                violation("socket: frame from app is not a JSON object: " + abbreviate(text));
                return;
            }
            ack = e.getAsJsonObject();
        } catch (JsonParseException e) {
            violation("socket: frame from app is not JSON: " + abbreviate(text));
            return;
        }
        String envelopeId = BlockKitRules.string(ack, "envelope_id");
        if (envelopeId == null) {
            violation("socket: frame from app without envelope_id: " + abbreviate(text));
            return;
        }
        Pending p = pending.remove(envelopeId);
        if (p == null) {
            violation("socket: ack for unknown or already acknowledged envelope " + envelopeId);
            return;
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - p.sentNanos);
        JsonElement payloadElement = ack.get("payload");
        JsonObject payload =
                payloadElement != null && payloadElement.isJsonObject() ? payloadElement.getAsJsonObject() : null;
        if (payloadElement != null && !payloadElement.isJsonNull() && payload == null) {
            violation("ack " + p.kind + ": payload is not a JSON object");
        }
        if (elapsed.compareTo(ACK_DEADLINE) > 0) {
            violation("ack " + p.kind + ": took " + elapsed.toMillis() + " ms > " + ACK_DEADLINE.toMillis() + " ms");
        }
        if (payload != null) {
            String where = "ack " + p.kind;
            if (p.kind.equals("interactive view_submission")) {
                violations(BlockKitRules.checkViewSubmissionAck(where, payload));
            } else if (payload.has("blocks") || payload.has("text")) {
                violations(BlockKitRules.checkMessage(
                        where, BlockKitRules.string(payload, "text"), payload.get("blocks"), false));
            }
        }
        if (p.future.isDone()) {
            violation("ack " + p.kind + ": arrived after the fake gave up (" + elapsed.toMillis() + " ms)");
            return;
        }
        Ack result = new Ack(envelopeId, payload, elapsed);
        lock.lock();
        try {
            acks.add(result);
        } finally {
            lock.unlock();
        }
        // Complete off the WebSocket worker so a test's dependent stages cannot stall the server.
        try {
            callbackExecutor.execute(() -> p.future.complete(result));
        } catch (RejectedExecutionException e) {
            p.future.complete(result);
        }
    }

    private JsonObject defaultContainer(String channelId) {
        JsonObject c = new JsonObject();
        c.addProperty("type", "message");
        String ts = null;
        lock.lock();
        try {
            List<StoredMessage> list = channels.get(channelId);
            if (list != null) {
                for (StoredMessage m : list) {
                    if (m.threadTs == null) {
                        ts = m.ts;
                    }
                }
            }
        } finally {
            lock.unlock();
        }
        c.addProperty("message_ts", ts != null ? ts : nextTs());
        c.addProperty("channel_id", channelId);
        c.addProperty("is_ephemeral", false);
        return c;
    }

    private JsonObject submittedView(String callbackId, String privateMetadata, JsonObject stateValues) {
        ViewCall opened = null;
        lock.lock();
        try {
            for (ViewCall v : viewCalls) {
                if (callbackId.equals(v.callbackId())) {
                    opened = v;
                }
            }
        } finally {
            lock.unlock();
        }
        JsonObject view = opened != null ? opened.view().deepCopy() : new JsonObject();
        String viewId = opened != null ? opened.viewId() : newViewId();
        view.addProperty("id", viewId);
        view.addProperty("team_id", TEAM_ID);
        view.addProperty("type", "modal");
        if (!view.has("blocks")) {
            view.add("blocks", new JsonArray());
        }
        if (!view.has("title")) {
            view.add("title", plainText("Healthbot"));
        }
        view.addProperty("private_metadata", privateMetadata == null ? "" : privateMetadata);
        view.addProperty("callback_id", callbackId);
        JsonObject state = new JsonObject();
        state.add("values", stateValues == null ? new JsonObject() : stateValues.deepCopy());
        view.add("state", state);
        view.addProperty("hash", "1716000000.fakehash");
        view.addProperty("clear_on_close", false);
        view.addProperty("notify_on_close", false);
        view.addProperty("root_view_id", viewId);
        view.add("previous_view_id", null);
        view.addProperty("app_id", APP_ID);
        view.addProperty("external_id", "");
        view.addProperty("app_installed_team_id", TEAM_ID);
        view.addProperty("bot_id", BOT_ID);
        return view;
    }

    private JsonObject viewForContainer(String viewId) {
        lock.lock();
        try {
            for (int i = viewCalls.size() - 1; i >= 0; i--) {
                ViewCall v = viewCalls.get(i);
                if (v.viewId().equals(viewId)) {
                    JsonObject view = v.view().deepCopy();
                    view.addProperty("id", viewId);
                    return view;
                }
            }
        } finally {
            lock.unlock();
        }
        JsonObject view = new JsonObject();
        view.addProperty("id", viewId);
        view.addProperty("type", "home");
        view.add("blocks", new JsonArray());
        return view;
    }

    // ------------------------------------------------------------------ Web API side

    /** Every Web API call so far, in arrival order. */
    public List<ApiCall> calls() {
        lock.lock();
        try {
            return List.copyOf(calls);
        } finally {
            lock.unlock();
        }
    }

    /** The Web API calls of one method so far, in arrival order. */
    public List<ApiCall> calls(String method) {
        return calls().stream().filter(c -> c.method().equals(method)).toList();
    }

    /** Waits for a call (past or future) of {@code method} that matches; throws AssertionError on timeout. */
    public ApiCall awaitCall(String method, Predicate<ApiCall> match, Duration timeout) {
        return await(
                () -> calls(method).stream().filter(match).findFirst(),
                timeout,
                () -> "no matching " + method + " call within " + timeout + "; calls of it: " + calls(method));
    }

    /** Waits for a message (top level or reply) in {@code channel} that matches; AssertionError on timeout. */
    public Message awaitMessage(String channel, Predicate<Message> match, Duration timeout) {
        return await(
                () -> messages(channel).stream().filter(match).findFirst(),
                timeout,
                () -> "no matching message in " + channel + " within " + timeout + "; messages: " + messages(channel));
    }

    /** Waits for a response_url POST that matches; AssertionError on timeout. */
    public ResponseUrlPost awaitResponseUrlPost(Predicate<ResponseUrlPost> match, Duration timeout) {
        return await(
                () -> responseUrlPosts().stream().filter(match).findFirst(),
                timeout,
                () -> "no matching response_url POST within " + timeout + "; posts: " + responseUrlPosts());
    }

    /** Waits for a violation that matches; AssertionError on timeout. */
    public String awaitViolation(Predicate<String> match, Duration timeout) {
        return await(
                () -> violations().stream().filter(match).findFirst(),
                timeout,
                () -> "no matching violation within " + timeout + "; violations: " + violations());
    }

    /** Makes the next {@code times} calls of {@code method} fail like {@code failure}, after any already queued. */
    public void failNext(String method, int times, Failure failure) {
        lock.lock();
        try {
            Deque<Failure> queue = failures.computeIfAbsent(method, m -> new ArrayDeque<>());
            for (int i = 0; i < times; i++) {
                queue.add(failure);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Who the users are and which channels are shared, for {@code users.info} and {@code conversations.info}. */
    public FakeDirectory directory() {
        return directory;
    }

    /** Defines a user group for {@code usergroups.users.list}; a group never defined answers {@code no_such_subteam}. */
    public void setUserGroup(String groupId, List<String> users) {
        lock.lock();
        try {
            userGroups.put(groupId, List.copyOf(users));
        } finally {
            lock.unlock();
        }
    }

    /** From now on every call of {@code method} is answered only after {@code delay}; null or zero resets. */
    public void delay(String method, Duration delay) {
        if (delay == null || delay.isZero()) {
            delays.remove(method);
        } else {
            delays.put(method, delay);
        }
    }

    /** From now on {@code auth.test} with the bot token answers {@code ok:false} with {@code error}; null resets. */
    public void rejectAuth(String error) {
        lock.lock();
        try {
            authError = error;
        } finally {
            lock.unlock();
        }
    }

    /** From now on {@code apps.connections.open} answers {@code ok:false} with {@code error}; null resets. */
    public void rejectConnectionsOpen(String error) {
        lock.lock();
        try {
            connectionsOpenError = error;
        } finally {
            lock.unlock();
        }
    }

    /** Sets how long envelopes sent from now on wait for their ack ({@link #ACK_TIMEOUT} by default). */
    public void ackTimeout(Duration timeout) {
        ackTimeout = timeout;
    }

    /** When on, messages and views that break a Block Kit rule are also refused with {@code invalid_blocks}. */
    public void strictBlocks(boolean on) {
        lock.lock();
        try {
            strictBlocks = on;
        } finally {
            lock.unlock();
        }
    }

    /** The current state of every message and reply posted in {@code channel}, in post order. */
    public List<Message> messages(String channel) {
        lock.lock();
        try {
            return channels.getOrDefault(channel, List.of()).stream()
                    .map(StoredMessage::snapshot)
                    .toList();
        } finally {
            lock.unlock();
        }
    }

    /** The current state of one message or reply. */
    public Optional<Message> message(String channel, String ts) {
        return messages(channel).stream().filter(m -> m.ts().equals(ts)).findFirst();
    }

    /** The replies in the thread of {@code threadTs} (without the parent), in post order. */
    public List<Message> replies(String channel, String threadTs) {
        return messages(channel).stream()
                .filter(m -> threadTs.equals(m.threadTs()))
                .toList();
    }

    /** Every {@code chat.postEphemeral} accepted so far. */
    public List<Ephemeral> ephemerals() {
        lock.lock();
        try {
            return List.copyOf(ephemerals);
        } finally {
            lock.unlock();
        }
    }

    /** Every successful {@code views.*} call so far, in order. */
    public List<ViewCall> views() {
        lock.lock();
        try {
            return List.copyOf(viewCalls);
        } finally {
            lock.unlock();
        }
    }

    /** The newest view published to {@code userId}'s Home tab. */
    public Optional<ViewCall> homeView(String userId) {
        List<ViewCall> all = views();
        for (int i = all.size() - 1; i >= 0; i--) {
            ViewCall v = all.get(i);
            if (v.method().equals("views.publish") && userId.equals(v.userId())) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** What the app POSTed to response_url's so far. */
    public List<ResponseUrlPost> responseUrlPosts() {
        lock.lock();
        try {
            return List.copyOf(responseUrlPosts);
        } finally {
            lock.unlock();
        }
    }

    /** Every ack the app sent, in arrival order. */
    public List<Ack> acks() {
        lock.lock();
        try {
            return List.copyOf(acks);
        } finally {
            lock.unlock();
        }
    }

    /** One piece of text the app sent to Slack, and where: an ack, a response_url post, a Web API call's parameter. */
    public record Sent(String where, String text) {}

    private static final java.util.Queue<Sent> EVERY_INSTANCE_SENT = new java.util.concurrent.ConcurrentLinkedQueue<>();

    /** What the app sent to every fake Slack closed so far in this JVM, for scans across a whole test suite. */
    public static List<Sent> sentToEveryClosedInstance() {
        return List.copyOf(EVERY_INSTANCE_SENT);
    }

    /**
     * Every string the app sent anywhere: ack payloads, response_url bodies, Web API parameters (JSON ones walked to
     * their string leaves, so Gson's HTML escaping does not hide a {@code <}) and views; for scans of what users see.
     */
    public List<Sent> sent() {
        List<Sent> out = new ArrayList<>();
        for (Ack a : acks()) {
            if (a.payload() != null) {
                leaves("ack", a.payload(), out);
            }
        }
        for (ResponseUrlPost p : responseUrlPosts()) {
            leaves("response_url", p.body(), out);
        }
        for (ApiCall c : calls()) {
            c.params().forEach((name, value) -> {
                JsonElement json = c.json(name);
                if (json != null && (json.isJsonObject() || json.isJsonArray())) {
                    leaves(c.method() + " " + name, json, out);
                } else {
                    out.add(new Sent(c.method() + " " + name, value));
                }
            });
        }
        return out;
    }

    private static void leaves(String where, JsonElement e, List<Sent> out) {
        if (e == null || e.isJsonNull()) {
            return;
        }
        if (e.isJsonObject()) {
            e.getAsJsonObject().entrySet().forEach(en -> leaves(where, en.getValue(), out));
        } else if (e.isJsonArray()) {
            e.getAsJsonArray().forEach(x -> leaves(where, x, out));
        } else if (e.getAsJsonPrimitive().isString()) {
            out.add(new Sent(where, e.getAsString()));
        }
    }

    /** Block Kit and wire violations seen so far. */
    public List<String> violations() {
        lock.lock();
        try {
            return List.copyOf(violations);
        } finally {
            lock.unlock();
        }
    }

    /** Forgets the violations seen so far, for tests that provoke some on purpose. */
    public void clearViolations() {
        lock.lock();
        try {
            violations.clear();
        } finally {
            lock.unlock();
        }
    }

    /** Throws an AssertionError listing every violation, if there is any. */
    public void assertNoViolations() {
        List<String> seen = violations();
        if (!seen.isEmpty()) {
            throw new AssertionError(seen.size() + " Slack violation(s):\n  " + String.join("\n  ", seen));
        }
    }

    private void handleHttp(HttpExchange ex) {
        try {
            String path = ex.getRequestURI().getPath();
            if (path.startsWith("/api/")) {
                handleApi(ex, path.substring("/api/".length()));
            } else if (path.startsWith("/response/")) {
                handleResponseUrl(ex, path);
            } else {
                respond(ex, new Result(404, error("not_found"), null));
            }
        } catch (RuntimeException | IOException e) {
            // Never let a failure escape into the HTTP server's thread; surface it as a violation instead.
            log.warn("fake Slack failed to handle {}", ex.getRequestURI().getPath(), e);
            violation("fake: internal error on " + ex.getRequestURI().getPath() + ": " + e);
            try {
                respond(ex, new Result(500, error("internal_error"), null));
            } catch (IOException | RuntimeException ignored) {
                // The exchange is broken already; the violation above is the report.
            }
        } finally {
            ex.close();
        }
    }

    private void handleApi(HttpExchange ex, String method) throws IOException {
        Map<String, String> params = new LinkedHashMap<>();
        parseForm(ex.getRequestURI().getRawQuery(), params);
        byte[] body = readBody(ex.getRequestBody());
        String contentType = Optional.ofNullable(ex.getRequestHeaders().getFirst("Content-Type"))
                .orElse("")
                .toLowerCase(Locale.ROOT);
        if (body.length > 0) {
            String text = new String(body, StandardCharsets.UTF_8);
            if (contentType.contains("application/json")) {
                parseJsonBody(method, text, params);
            } else {
                parseForm(text, params);
            }
        }
        String token = null;
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = auth.substring(7).trim();
        }
        Duration delay = delays.get(method);
        if (delay != null) {
            try {
                Thread.sleep(delay.toMillis()); // simulates a slow Slack; runs on the fake's own HTTP thread
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String formToken = params.remove("token");
        if (token == null) {
            token = formToken;
        }
        Result result;
        lock.lock();
        try {
            Deque<Failure> queue = failures.get(method);
            Failure failure = queue == null ? null : queue.poll();
            result = failure != null ? failureResult(failure) : dispatch(method, token, params);
            calls.add(new ApiCall(method, token, params, Instant.now(), result.status, errorOf(result.body)));
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        log.debug("{} token={} -> {} {}", method, mask(token), result.status, errorOf(result.body));
        respond(ex, result);
    }

    private void handleResponseUrl(HttpExchange ex, String path) throws IOException {
        String text = new String(readBody(ex.getRequestBody()), StandardCharsets.UTF_8);
        JsonObject body;
        try {
            JsonElement e = JsonParser.parseString(text);
            body = e.isJsonObject() ? e.getAsJsonObject() : new JsonObject();
            if (!e.isJsonObject()) {
                violation("response_url: body is not a JSON object");
            }
        } catch (JsonParseException e) {
            violation("response_url: body is not JSON: " + abbreviate(text));
            body = new JsonObject();
        }
        String id = path.substring("/response/".length());
        int status = 200;
        lock.lock();
        try {
            Integer uses = responseUrlUses.get(id);
            if (uses == null) {
                violation("response_url: " + path + " was never issued");
                status = 404;
            } else {
                responseUrlUses.put(id, uses + 1);
                if (uses + 1 > RESPONSE_URL_USES) {
                    violation("response_url: used " + (uses + 1) + " times > " + RESPONSE_URL_USES);
                }
            }
            boolean deletes = body.has("delete_original")
                    && body.get("delete_original").isJsonPrimitive()
                    && body.get("delete_original").getAsBoolean();
            if (!deletes && !body.has("text") && !body.has("blocks")) {
                violation("response_url: body has neither text nor blocks");
            }
            violations(BlockKitRules.checkMessage(
                    "response_url", BlockKitRules.string(body, "text"), body.get("blocks"), false));
            responseUrlPosts.add(new ResponseUrlPost(path, body, Instant.now()));
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        respond(ex, new Result(status, status == 200 ? ok() : error("no_service"), null));
    }

    // Called with lock held.
    private Result dispatch(String method, String token, Map<String, String> params) {
        boolean bot = BOT_TOKEN.equals(token);
        boolean app = APP_TOKEN.equals(token);
        if (method.equals("auth.test")) {
            if (!bot && !app) {
                return fail("invalid_auth");
            }
            if (bot && authError != null) {
                return fail(authError);
            }
            return okResult(authTest());
        }
        if (method.equals("apps.connections.open")) {
            if (!app) {
                return fail("invalid_auth");
            }
            if (connectionsOpenError != null) {
                return fail(connectionsOpenError);
            }
            String ticket = UUID.randomUUID().toString();
            tickets.put(ticket, Boolean.TRUE);
            JsonObject r = ok();
            r.addProperty("url", "ws://127.0.0.1:" + ws.getPort() + "/link?ticket=" + ticket);
            return okResult(r);
        }
        if (!bot) {
            return fail("invalid_auth");
        }
        return switch (method) {
            case "chat.postMessage" -> postMessage(params);
            case "chat.update" -> update(params);
            case "chat.postEphemeral" -> postEphemeral(params);
            case "views.open", "views.push" -> viewsOpen(method, params);
            case "views.update" -> viewsUpdate(params);
            case "views.publish" -> viewsPublish(params);
            case "conversations.info" -> conversationsInfo(params);
            case "users.info" -> usersInfo(params);
            case "usergroups.users.list" -> userGroupUsers(params);
            default -> fail("unknown_method");
        };
    }

    private JsonObject authTest() {
        JsonObject r = ok();
        r.addProperty("url", "https://fake.slack.com/");
        r.addProperty("team", "Fake");
        r.addProperty("user", "healthbot");
        r.addProperty("team_id", TEAM_ID);
        r.addProperty("user_id", BOT_USER_ID);
        r.addProperty("bot_id", BOT_ID);
        r.addProperty("is_enterprise_install", false);
        return r;
    }

    private Result postMessage(Map<String, String> params) {
        String method = "chat.postMessage";
        String channel = params.get("channel");
        if (isBlank(channel)) {
            return fail("channel_not_found");
        }
        String text = params.get("text");
        Parsed blocks = parseJsonParam(method, params, "blocks");
        if (blocks.invalid) {
            return fail("invalid_blocks");
        }
        if (isBlank(text) && blocks.value == null) {
            return fail("no_text");
        }
        if (checkMessage(method, text, blocks.value, true)) {
            return fail("invalid_blocks");
        }
        String threadTs = params.get("thread_ts");
        if (isBlank(threadTs)) {
            threadTs = null;
        } else {
            StoredMessage parent = find(channel, threadTs);
            if (parent == null) {
                return fail("thread_not_found");
            }
            // Slack threads a reply to a reply under the original parent.
            threadTs = parent.threadTs != null ? parent.threadTs : parent.ts;
        }
        StoredMessage m = new StoredMessage(channel, nextTs(), threadTs, text, blocksArray(blocks.value));
        channels.computeIfAbsent(channel, c -> new ArrayList<>()).add(m);
        JsonObject r = ok();
        r.addProperty("channel", channel);
        r.addProperty("ts", m.ts);
        r.add("message", messageJson(m.snapshot()));
        return okResult(r);
    }

    private Result update(Map<String, String> params) {
        String method = "chat.update";
        String channel = params.get("channel");
        String ts = params.get("ts");
        if (isBlank(channel)) {
            return fail("channel_not_found");
        }
        StoredMessage m = isBlank(ts) ? null : find(channel, ts);
        if (m == null) {
            return fail("message_not_found");
        }
        String text = params.get("text");
        Parsed blocks = parseJsonParam(method, params, "blocks");
        if (blocks.invalid) {
            return fail("invalid_blocks");
        }
        if (checkMessage(method, text, blocks.value, true)) {
            return fail("invalid_blocks");
        }
        // As on Slack: an omitted field keeps its old value.
        if (text != null) {
            m.text = text;
        }
        if (blocks.value != null) {
            m.blocks = blocksArray(blocks.value);
        }
        m.updates++;
        JsonObject r = ok();
        r.addProperty("channel", channel);
        r.addProperty("ts", ts);
        r.addProperty("text", m.text == null ? "" : m.text);
        r.add("message", messageJson(m.snapshot()));
        return okResult(r);
    }

    private Result postEphemeral(Map<String, String> params) {
        String method = "chat.postEphemeral";
        String channel = params.get("channel");
        String user = params.get("user");
        if (isBlank(channel)) {
            return fail("channel_not_found");
        }
        if (isBlank(user)) {
            return fail("user_not_in_channel");
        }
        String text = params.get("text");
        Parsed blocks = parseJsonParam(method, params, "blocks");
        if (blocks.invalid) {
            return fail("invalid_blocks");
        }
        if (isBlank(text) && blocks.value == null) {
            return fail("no_text");
        }
        if (checkMessage(method, text, blocks.value, false)) {
            return fail("invalid_blocks");
        }
        String ts = nextTs();
        ephemerals.add(new Ephemeral(channel, user, text, blocksArray(blocks.value), ts));
        JsonObject r = ok();
        r.addProperty("message_ts", ts);
        return okResult(r);
    }

    private Result viewsOpen(String method, Map<String, String> params) {
        String trigger = params.get("trigger_id");
        if (isBlank(trigger)) {
            return fail("invalid_arguments");
        }
        Long issuedAt = triggers.get(trigger);
        if (issuedAt == null) {
            return fail("invalid_trigger_id");
        }
        long ageMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - issuedAt);
        if (ageMillis > TRIGGER_LIFETIME.toMillis()) {
            violation(method + ": trigger_id used " + ageMillis + " ms after it was issued > "
                    + TRIGGER_LIFETIME.toMillis() + " ms");
        }
        return storeView(method, params, trigger, null, newViewId());
    }

    private Result viewsUpdate(Map<String, String> params) {
        String viewId = params.get("view_id");
        String externalId = params.get("external_id");
        if (isBlank(viewId) && isBlank(externalId)) {
            return fail("invalid_arguments");
        }
        return storeView("views.update", params, null, null, isBlank(viewId) ? newViewId() : viewId);
    }

    private Result viewsPublish(Map<String, String> params) {
        String userId = params.get("user_id");
        if (isBlank(userId)) {
            return fail("invalid_arguments");
        }
        return storeView("views.publish", params, null, userId, "V0HOME" + userId);
    }

    private Result storeView(String method, Map<String, String> params, String trigger, String userId, String id) {
        Parsed parsed = parseJsonParam(method, params, "view");
        if (parsed.invalid || parsed.value == null || !parsed.value.isJsonObject()) {
            if (!parsed.invalid) {
                violation(method + ": view is missing or not a JSON object");
            }
            return fail("invalid_arguments");
        }
        JsonObject view = parsed.value.getAsJsonObject();
        List<String> found = BlockKitRules.checkView(method, view);
        if (method.equals("views.publish") && !"home".equals(BlockKitRules.string(view, "type"))) {
            found = new ArrayList<>(found);
            found.add(method + ": published view type is not home");
        }
        violations(found);
        if (strictBlocks && !found.isEmpty()) {
            return fail("invalid_blocks");
        }
        viewCalls.add(new ViewCall(method, id, trigger, userId, view.deepCopy()));
        JsonObject v = view.deepCopy();
        v.addProperty("id", id);
        v.addProperty("team_id", TEAM_ID);
        v.addProperty("app_id", APP_ID);
        v.addProperty("bot_id", BOT_ID);
        v.addProperty("hash", "1716000000." + id);
        v.addProperty("root_view_id", id);
        if (!v.has("private_metadata")) {
            v.addProperty("private_metadata", "");
        }
        if (!v.has("callback_id")) {
            v.addProperty("callback_id", "");
        }
        if (params.containsKey("external_id")) {
            v.addProperty("external_id", params.get("external_id"));
        }
        JsonObject r = ok();
        r.add("view", v);
        return okResult(r);
    }

    private Result conversationsInfo(Map<String, String> params) {
        String id = params.get("channel");
        if (isBlank(id)) {
            return fail("channel_not_found");
        }
        JsonObject c = new JsonObject();
        c.addProperty("id", id);
        c.addProperty("name", channelName(id));
        c.addProperty("is_channel", true);
        c.addProperty("is_private", id.startsWith("G"));
        c.addProperty("is_archived", false);
        c.addProperty("is_member", false);
        directory.describeChannel(id, c);
        JsonObject r = ok();
        r.add("channel", c);
        return okResult(r);
    }

    private Result userGroupUsers(Map<String, String> params) {
        List<String> users = userGroups.get(params.get("usergroup"));
        if (users == null) {
            return fail("no_such_subteam");
        }
        JsonArray list = new JsonArray();
        users.forEach(list::add);
        JsonObject r = ok();
        r.add("users", list);
        return okResult(r);
    }

    private Result usersInfo(Map<String, String> params) {
        String id = params.get("user");
        if (isBlank(id)) {
            return fail("user_not_found");
        }
        JsonObject u = new JsonObject();
        u.addProperty("id", id);
        u.addProperty("team_id", TEAM_ID);
        u.addProperty("name", userName(id));
        u.addProperty("real_name", "User " + id);
        u.addProperty("tz", "Europe/Berlin");
        u.addProperty("tz_offset", 3600);
        u.addProperty("is_admin", false);
        u.addProperty("is_bot", id.equals(BOT_USER_ID));
        u.addProperty("deleted", false);
        JsonObject profile = new JsonObject();
        profile.addProperty("real_name", "User " + id);
        profile.addProperty("display_name", userName(id));
        u.add("profile", profile);
        directory.describeUser(id, u);
        JsonObject r = ok();
        r.add("user", u);
        return okResult(r);
    }

    // Called with lock held; returns whether strict mode refuses the message.
    private boolean checkMessage(String method, String text, JsonElement blocks, boolean requireText) {
        List<String> found = BlockKitRules.checkMessage(method, text, blocks, requireText);
        violations(found);
        return strictBlocks && !found.isEmpty();
    }

    private StoredMessage find(String channel, String ts) {
        for (StoredMessage m : channels.getOrDefault(channel, List.of())) {
            if (m.ts.equals(ts)) {
                return m;
            }
        }
        return null;
    }

    private Result failureResult(Failure failure) {
        if (failure instanceof Failure.Http500) {
            return new Result(500, error("internal_error"), null);
        }
        if (failure instanceof Failure.RateLimited r) {
            return new Result(429, error("ratelimited"), String.valueOf(r.retryAfterSeconds()));
        }
        return fail(((Failure.SlackError) failure).error());
    }

    private static void respond(HttpExchange ex, Result result) throws IOException {
        byte[] bytes = GSON.toJson(result.body).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        if (result.retryAfter != null) {
            ex.getResponseHeaders().set("Retry-After", result.retryAfter);
        }
        ex.sendResponseHeaders(result.status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    // ------------------------------------------------------------------ helpers

    private <T> T await(Supplier<Optional<T>> probe, Duration timeout, Supplier<String> failure) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                Optional<T> found = probe.get();
                if (found.isPresent()) {
                    return found.get();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(failure.get());
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        } finally {
            lock.unlock();
        }
    }

    private void violation(String v) {
        violations(List.of(v));
    }

    private void violations(List<String> found) {
        if (found.isEmpty()) {
            return;
        }
        lock.lock();
        try {
            for (String v : found) {
                log.warn("Slack violation: {}", v);
                violations.add(v);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** A strictly increasing Slack-style ts across all channels, e.g. {@code 1716000000.000100}. */
    private String nextTs() {
        long micros = clockMicros.addAndGet(100);
        return String.format(Locale.ROOT, "%d.%06d", micros / 1_000_000, micros % 1_000_000);
    }

    private String newTrigger() {
        String trigger = idCounter.incrementAndGet() + "." + System.currentTimeMillis() % 1_000_000_000L + "."
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        lock.lock();
        try {
            triggers.put(trigger, System.nanoTime());
        } finally {
            lock.unlock();
        }
        return trigger;
    }

    private String newResponseUrl() {
        String id = UUID.randomUUID().toString();
        lock.lock();
        try {
            responseUrlUses.put(id, 0);
        } finally {
            lock.unlock();
        }
        return httpBase() + "/response/" + id;
    }

    private String newViewId() {
        return String.format(Locale.ROOT, "V0FAKE%05d", idCounter.incrementAndGet());
    }

    private static JsonObject messageJson(Message m) {
        JsonObject j = new JsonObject();
        j.addProperty("type", "message");
        j.addProperty("user", m.user());
        j.addProperty("bot_id", BOT_ID);
        j.addProperty("app_id", APP_ID);
        j.addProperty("team", TEAM_ID);
        j.addProperty("text", m.text() == null ? "" : m.text());
        j.addProperty("ts", m.ts());
        if (m.threadTs() != null) {
            j.addProperty("thread_ts", m.threadTs());
        }
        if (m.blocks() != null) {
            j.add("blocks", m.blocks());
        }
        return j;
    }

    private static JsonObject team() {
        JsonObject t = new JsonObject();
        t.addProperty("id", TEAM_ID);
        t.addProperty("domain", TEAM_DOMAIN);
        return t;
    }

    private JsonObject user(String userId) {
        JsonObject u = new JsonObject();
        u.addProperty("id", userId);
        u.addProperty("username", userName(userId));
        u.addProperty("name", userName(userId));
        u.addProperty("team_id", directory.teamOf(userId));
        return u;
    }

    private static JsonObject plainText(String text) {
        JsonObject t = new JsonObject();
        t.addProperty("type", "plain_text");
        t.addProperty("text", text);
        t.addProperty("emoji", true);
        return t;
    }

    private static String channelName(String channelId) {
        return channelId == null ? null : "chan-" + channelId.toLowerCase(Locale.ROOT);
    }

    private static String userName(String userId) {
        return "user-" + userId.toLowerCase(Locale.ROOT);
    }

    private static JsonObject ok() {
        JsonObject r = new JsonObject();
        r.addProperty("ok", true);
        return r;
    }

    private static JsonObject error(String error) {
        JsonObject r = new JsonObject();
        r.addProperty("ok", false);
        r.addProperty("error", error);
        return r;
    }

    private static Result okResult(JsonObject body) {
        return new Result(200, body, null);
    }

    private static Result fail(String error) {
        return new Result(200, error(error), null);
    }

    private static String errorOf(JsonObject body) {
        return body.has("ok") && body.get("ok").getAsBoolean() ? null : BlockKitRules.string(body, "error");
    }

    private Parsed parseJsonParam(String method, Map<String, String> params, String name) {
        String raw = params.get(name);
        if (raw == null || raw.isEmpty()) {
            return new Parsed(null, false);
        }
        try {
            return new Parsed(JsonParser.parseString(raw), false);
        } catch (JsonParseException e) {
            violation(method + ": " + name + " is not valid JSON");
            return new Parsed(null, true);
        }
    }

    private static JsonArray blocksArray(JsonElement blocks) {
        return blocks != null && blocks.isJsonArray() ? blocks.getAsJsonArray().deepCopy() : null;
    }

    private void parseJsonBody(String method, String text, Map<String, String> params) {
        try {
            JsonElement e = JsonParser.parseString(text);
            if (!e.isJsonObject()) {
                violation(method + ": JSON body is not an object");
                return;
            }
            for (Map.Entry<String, JsonElement> entry : e.getAsJsonObject().entrySet()) {
                JsonElement v = entry.getValue();
                if (v.isJsonNull()) {
                    continue;
                }
                // Keep one representation for both encodings: structured values travel as JSON strings.
                params.put(entry.getKey(), v.isJsonPrimitive() ? v.getAsString() : GSON.toJson(v));
            }
        } catch (JsonParseException e) {
            violation(method + ": body is not valid JSON");
        }
    }

    private static void parseForm(String raw, Map<String, String> params) {
        if (raw == null || raw.isEmpty()) {
            return;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(key, value);
        }
    }

    private static byte[] readBody(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }

    /** A token shortened for logs and assertion messages. */
    static String mask(String token) {
        if (token == null) {
            return "<none>";
        }
        return token.length() <= 9 ? "***" : token.substring(0, 9) + "…";
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static String ticketOf(String resourceDescriptor) {
        URI uri = URI.create(resourceDescriptor);
        Map<String, String> query = new HashMap<>();
        parseForm(uri.getRawQuery(), query);
        return query.get("ticket");
    }

    private record Result(int status, JsonObject body, String retryAfter) {}

    private record Parsed(JsonElement value, boolean invalid) {}

    private record Pending(String kind, long sentNanos, CompletableFuture<Ack> future) {}

    // Mutable; every access happens with the FakeSlack lock held.
    private static final class StoredMessage {
        final String channel;
        final String ts;
        final String threadTs;
        String text;
        JsonArray blocks;
        int updates;

        StoredMessage(String channel, String ts, String threadTs, String text, JsonArray blocks) {
            this.channel = channel;
            this.ts = ts;
            this.threadTs = threadTs;
            this.text = text;
            this.blocks = blocks;
        }

        Message snapshot() {
            return new Message(
                    channel, ts, threadTs, text, blocks == null ? null : blocks.deepCopy(), updates, BOT_USER_ID);
        }
    }

    // Callbacks run on Java-WebSocket's selector and worker threads.
    private final class SocketServer extends WebSocketServer {
        final CountDownLatch started = new CountDownLatch(1);
        volatile Exception startError;

        SocketServer() {
            super(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            setReuseAddr(true);
            setDaemon(true);
        }

        @Override
        public void onStart() {
            started.countDown();
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            String ticket;
            try {
                ticket = ticketOf(handshake.getResourceDescriptor());
            } catch (IllegalArgumentException e) {
                ticket = null;
            }
            if (ticket == null || tickets.remove(ticket) == null) {
                log.info("refusing Socket Mode connection with an unknown or used ticket");
                conn.close(CloseFrame.POLICY_VALIDATION, "invalid ticket");
                return;
            }
            int open;
            lock.lock();
            try {
                open = (int) sockets.stream().filter(WebSocket::isOpen).count() + 1;
            } finally {
                lock.unlock();
            }
            JsonObject hello = new JsonObject();
            hello.addProperty("type", "hello");
            hello.addProperty("num_connections", open);
            JsonObject debug = new JsonObject();
            debug.addProperty("host", "applink-1");
            debug.addProperty("build_number", 1);
            debug.addProperty("approximate_connection_time", 18060);
            hello.add("debug_info", debug);
            JsonObject info = new JsonObject();
            info.addProperty("app_id", APP_ID);
            hello.add("connection_info", info);
            conn.send(GSON.toJson(hello));
            // Count the socket only after hello went out, so awaitConnected means "ready for envelopes".
            lock.lock();
            try {
                sockets.add(conn);
                socketsOpenedTotal++;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
            lock.lock();
            try {
                sockets.remove(conn);
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            try {
                onAck(message);
            } catch (RuntimeException e) {
                violation("fake: internal error on a Socket Mode frame: " + e);
            }
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {
            if (conn == null) {
                // A server-level error before start means the bind failed.
                startError = ex;
                started.countDown();
            }
            log.debug("WebSocket error", ex);
        }
    }
}
