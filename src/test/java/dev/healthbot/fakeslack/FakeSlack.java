package dev.healthbot.fakeslack;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * A fake Slack on 127.0.0.1 that serves the Web API over HTTP and Socket Mode over WebSocket, records what the bot
 * does and checks it against Slack's limits; every method is thread-safe and may be called from any thread. A facade:
 * the work lives in its parts, {@link FakeWebApi}, {@link FakeSocketMode}, {@link FakeInteractivity} (what users do)
 * and {@link FakeLimits} (failures, rate limits, delays), which share one {@link Ledger}.
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

    private final Ledger ledger = new Ledger();
    private final FakeLimits limits = new FakeLimits(ledger);
    private final FakeWebApi webApi;
    private final FakeSocketMode socketMode;
    private final FakeInteractivity interactivity;

    private FakeSlack() throws IOException, InterruptedException {
        webApi = new FakeWebApi(ledger, limits);
        try {
            socketMode = new FakeSocketMode(
                    ledger, limits, () -> webApi.calls("apps.connections.open").size());
        } catch (IOException | InterruptedException | RuntimeException e) {
            webApi.close();
            throw e;
        }
        webApi.connect(socketMode);
        interactivity = new FakeInteractivity(ledger, webApi, socketMode);
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
        return webApi.apiUrl();
    }

    /** The port of the Socket Mode WebSocket server. */
    public int webSocketPort() {
        return socketMode.port();
    }

    /** Stops both servers, fails every unacknowledged envelope and returns within about a second. */
    @Override
    public void close() {
        EVERY_INSTANCE_SENT.addAll(sent());
        socketMode.close();
        webApi.close();
    }

    /** The Web API side: calls, messages, views, response_url posts. */
    public FakeWebApi webApi() {
        return webApi;
    }

    /** The Socket Mode side: connections, envelopes, acks. */
    public FakeSocketMode socketMode() {
        return socketMode;
    }

    /** What users do: slash commands, submissions, clicks, events. */
    public FakeInteractivity interactivity() {
        return interactivity;
    }

    /** Failures, rate limits, delays and strictness to inject. */
    public FakeLimits limits() {
        return limits;
    }

    // ------------------------------------------------------------------ Socket Mode side

    /** Blocks until a socket is open and has been sent {@code hello}; throws AssertionError on timeout. */
    public void awaitConnected(Duration timeout) {
        socketMode.awaitConnected(timeout);
    }

    /** Blocks until at least {@code total} sockets were opened since start and one is open now. */
    public void awaitConnectionsOpenedTotal(int total, Duration timeout) {
        socketMode.awaitConnectionsOpenedTotal(total, timeout);
    }

    /** Blocks until exactly {@code count} sockets are open; throws AssertionError on timeout. */
    public void awaitOpenConnections(int count, Duration timeout) {
        socketMode.awaitOpenConnections(count, timeout);
    }

    /** Sockets that received {@code hello} and are still open. */
    public int openConnections() {
        return socketMode.openConnections();
    }

    /** Sockets that received {@code hello} since start. */
    public int connectionsOpenedTotal() {
        return socketMode.connectionsOpenedTotal();
    }

    /** Sends a raw text frame on the newest open socket; throws IllegalStateException when none is open. */
    public void sendRaw(String text) {
        socketMode.sendRaw(text);
    }

    /** Sends a {@code disconnect} (refresh_requested) frame to every open socket. */
    public void sendDisconnect() {
        socketMode.sendDisconnect();
    }

    /** Closes the newest open socket's TCP connection without a close frame. */
    public void dropSocket() {
        socketMode.dropSocket();
    }

    /** Every ack the app sent, in arrival order. */
    public List<Ack> acks() {
        return socketMode.acks();
    }

    // ------------------------------------------------------------------ Interactivity

    /** Sends {@code /health text} from {@link #DEFAULT_USER_ID} in {@link #DEFAULT_CHANNEL_ID}. */
    public CompletableFuture<Ack> slashCommand(String text) {
        return interactivity.slashCommand(text);
    }

    /** Sends {@code /health text} as a {@code slash_commands} envelope on the newest open socket. */
    public CompletableFuture<Ack> slashCommand(String text, String userId, String channelId) {
        return interactivity.slashCommand(text, userId, channelId);
    }

    /** Sends a {@code view_submission}; see {@link FakeInteractivity#viewSubmission}. */
    public CompletableFuture<Ack> viewSubmission(
            String callbackId, String privateMetadata, JsonObject stateValues, String userId) {
        return interactivity.viewSubmission(callbackId, privateMetadata, stateValues, userId);
    }

    /** Sends a {@code block_actions} click on a button; see {@link FakeInteractivity#blockAction}. */
    public CompletableFuture<Ack> blockAction(
            String actionId, String blockId, String value, String userId, String channelId, JsonObject container) {
        return interactivity.blockAction(actionId, blockId, value, userId, channelId, container);
    }

    /** See {@link FakeInteractivity#menuChoice}. */
    public CompletableFuture<Ack> menuChoice(
            String actionId,
            String blockId,
            String optionValue,
            String userId,
            String channelId,
            JsonObject container) {
        return interactivity.menuChoice(actionId, blockId, optionValue, userId, channelId, container);
    }

    /** Sends an Events API event (e.g. {@code app_home_opened}) wrapped in an {@code event_callback}. */
    public CompletableFuture<Ack> event(JsonObject event) {
        return interactivity.event(event);
    }

    /** Sends an {@code app_home_opened} event for the Home tab of {@code userId}. */
    public CompletableFuture<Ack> appHomeOpened(String userId) {
        return interactivity.appHomeOpened(userId);
    }

    /** Sends an envelope of any type with any payload, for malformed-payload tests. */
    public CompletableFuture<Ack> envelope(String type, JsonObject payload) {
        return interactivity.envelope(type, payload);
    }

    // ------------------------------------------------------------------ Web API side

    /** Every Web API call so far, in arrival order. */
    public List<ApiCall> calls() {
        return webApi.calls();
    }

    /** The Web API calls of one method so far, in arrival order. */
    public List<ApiCall> calls(String method) {
        return webApi.calls(method);
    }

    /** Waits for a call (past or future) of {@code method} that matches; throws AssertionError on timeout. */
    public ApiCall awaitCall(String method, Predicate<ApiCall> match, Duration timeout) {
        return webApi.awaitCall(method, match, timeout);
    }

    /** Waits for a message (top level or reply) in {@code channel} that matches; AssertionError on timeout. */
    public Message awaitMessage(String channel, Predicate<Message> match, Duration timeout) {
        return webApi.awaitMessage(channel, match, timeout);
    }

    /** Waits for a response_url POST that matches; AssertionError on timeout. */
    public ResponseUrlPost awaitResponseUrlPost(Predicate<ResponseUrlPost> match, Duration timeout) {
        return webApi.awaitResponseUrlPost(match, timeout);
    }

    /** Who the users are and which channels are shared, for {@code users.info} and {@code conversations.info}. */
    public FakeDirectory directory() {
        return ledger.directory;
    }

    /** Defines a user group for {@code usergroups.users.list}; a group never defined answers {@code no_such_subteam}. */
    public void setUserGroup(String groupId, List<String> users) {
        webApi.setUserGroup(groupId, users);
    }

    /** The current state of every message and reply posted in {@code channel}, in post order. */
    public List<Message> messages(String channel) {
        return webApi.messages(channel);
    }

    /** The current state of one message or reply. */
    public Optional<Message> message(String channel, String ts) {
        return webApi.message(channel, ts);
    }

    /** The replies in the thread of {@code threadTs} (without the parent), in post order. */
    public List<Message> replies(String channel, String threadTs) {
        return webApi.replies(channel, threadTs);
    }

    /** Every {@code chat.postEphemeral} accepted so far. */
    public List<Ephemeral> ephemerals() {
        return webApi.ephemerals();
    }

    /** Every successful {@code views.*} call so far, in order. */
    public List<ViewCall> views() {
        return webApi.views();
    }

    /** The newest view published to {@code userId}'s Home tab. */
    public Optional<ViewCall> homeView(String userId) {
        return webApi.homeView(userId);
    }

    /** What the app POSTed to response_url's so far. */
    public List<ResponseUrlPost> responseUrlPosts() {
        return webApi.responseUrlPosts();
    }

    // ------------------------------------------------------------------ Limits

    /** Makes the next {@code times} calls of {@code method} fail like {@code failure}, after any already queued. */
    public void failNext(String method, int times, Failure failure) {
        limits.failNext(method, times, failure);
    }

    /** From now on every call of {@code method} is answered only after {@code delay}; null or zero resets. */
    public void delay(String method, Duration delay) {
        limits.delay(method, delay);
    }

    /** From now on {@code auth.test} with the bot token answers {@code ok:false} with {@code error}; null resets. */
    public void rejectAuth(String error) {
        limits.rejectAuth(error);
    }

    /** From now on {@code apps.connections.open} answers {@code ok:false} with {@code error}; null resets. */
    public void rejectConnectionsOpen(String error) {
        limits.rejectConnectionsOpen(error);
    }

    /** Sets how long envelopes sent from now on wait for their ack ({@link #ACK_TIMEOUT} by default). */
    public void ackTimeout(Duration timeout) {
        limits.ackTimeout(timeout);
    }

    /** When on, messages and views that break a Block Kit rule are also refused with {@code invalid_blocks}. */
    public void strictBlocks(boolean on) {
        limits.strictBlocks(on);
    }

    /** Holds the answer to the first future {@code chat.postMessage} that matches; see {@link FakeLimits.Hold}. */
    public FakeLimits.Hold holdPost(Predicate<Message> match) {
        return limits.holdPost(match);
    }

    /** From now on methods that need {@code scope} answer {@code missing_scope}. */
    public void revokeScope(String scope) {
        limits.revokeScope(scope);
    }

    /**
     * From now on every new message ts is at least {@code clock}'s time, as Slack's are (the default counts up from
     * 2024-05-18 whatever the time); tests of lookups by time (history {@code oldest}) need it.
     */
    public void tsClock(java.time.InstantSource clock) {
        ledger.tsClock(clock);
    }

    // ------------------------------------------------------------------ Violations

    /** Block Kit and wire violations seen so far. */
    public List<String> violations() {
        return ledger.violations();
    }

    /** Forgets the violations seen so far, for tests that provoke some on purpose. */
    public void clearViolations() {
        ledger.clearViolations();
    }

    /** Waits for a violation that matches; AssertionError on timeout. */
    public String awaitViolation(Predicate<String> match, Duration timeout) {
        return ledger.awaitViolation(match, timeout);
    }

    /** Throws an AssertionError listing every violation, if there is any. */
    public void assertNoViolations() {
        List<String> seen = violations();
        if (!seen.isEmpty()) {
            throw new AssertionError(seen.size() + " Slack violation(s):\n  " + String.join("\n  ", seen));
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

    /** A token shortened for logs and assertion messages. */
    static String mask(String token) {
        if (token == null) {
            return "<none>";
        }
        return token.length() <= 9 ? "***" : token.substring(0, 9) + "…";
    }
}
