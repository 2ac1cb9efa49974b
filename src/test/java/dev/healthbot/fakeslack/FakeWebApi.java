package dev.healthbot.fakeslack;

import static dev.healthbot.fakeslack.FakeSlack.*;
import static dev.healthbot.fakeslack.Wire.*;

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
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The fake Slack's Web API over HTTP, and the response_url endpoint: answers like Slack, records every call and checks it. */
public final class FakeWebApi {

    private static final Logger log = LoggerFactory.getLogger(FakeWebApi.class);

    private final Ledger ledger;
    private final ReentrantLock lock;
    private final Condition changed;
    private static final int RESPONSE_URL_USES = 5;

    private final FakeLimits limits;
    private volatile FakeSocketMode socketMode;
    private final ExecutorService httpExecutor;
    private final HttpServer http;
    // Guarded by lock.
    private final List<ApiCall> calls = new ArrayList<>();
    private final Map<String, List<StoredMessage>> channels = new LinkedHashMap<>();
    private final List<ResponseUrlPost> responseUrlPosts = new ArrayList<>();
    private final Map<String, Integer> responseUrlUses = new HashMap<>();
    private final List<Ephemeral> ephemerals = new ArrayList<>();
    private final List<ViewCall> viewCalls = new ArrayList<>();
    private final Map<String, Long> triggers = new HashMap<>();
    private final Map<String, List<String>> userGroups = new HashMap<>();

    FakeWebApi(Ledger ledger, FakeLimits limits) throws IOException {
        this.ledger = ledger;
        this.lock = ledger.lock;
        this.changed = ledger.changed;
        this.limits = limits;
        httpExecutor = Executors.newCachedThreadPool(daemonThreads("fakeslack-http-"));
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.setExecutor(httpExecutor);
        http.createContext("/", this::handleHttp);
        http.start();
    }

    /** Connects the Socket Mode side, which {@code apps.connections.open} hands out; set once, before any call. */
    void connect(FakeSocketMode socketMode) {
        this.socketMode = socketMode;
    }

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
        return ledger.await(
                () -> calls(method).stream().filter(match).findFirst(),
                timeout,
                () -> "no matching " + method + " call within " + timeout + "; calls of it: " + calls(method));
    }

    /** Waits for a message (top level or reply) in {@code channel} that matches; AssertionError on timeout. */
    public Message awaitMessage(String channel, Predicate<Message> match, Duration timeout) {
        return ledger.await(
                () -> messages(channel).stream().filter(match).findFirst(),
                timeout,
                () -> "no matching message in " + channel + " within " + timeout + "; messages: " + messages(channel));
    }

    /** Waits for a response_url POST that matches; AssertionError on timeout. */
    public ResponseUrlPost awaitResponseUrlPost(Predicate<ResponseUrlPost> match, Duration timeout) {
        return ledger.await(
                () -> responseUrlPosts().stream().filter(match).findFirst(),
                timeout,
                () -> "no matching response_url POST within " + timeout + "; posts: " + responseUrlPosts());
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

    String apiUrl() {
        return httpBase() + "/api/";
    }

    private String httpBase() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    void close() {
        limits.releaseHolds();
        http.stop(0);
        httpExecutor.shutdownNow();
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
            ledger.violation("fake: internal error on " + ex.getRequestURI().getPath() + ": " + e);
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
        Duration delay = limits.delayOf(method);
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
        FakeLimits.Hold hold = null;
        Message held = null;
        lock.lock();
        try {
            Failure failure = limits.nextFailure(method);
            result = failure != null ? failureResult(failure) : dispatch(method, token, params);
            calls.add(new ApiCall(method, token, params, Instant.now(), result.status, errorOf(result.body)));
            if (method.equals("chat.postMessage") && errorOf(result.body) == null && result.status == 200) {
                StoredMessage posted = find(params.get("channel"), BlockKitRules.string(result.body, "ts"));
                held = posted == null ? null : posted.snapshot();
                hold = held == null ? null : limits.takeHold(held);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        log.debug("{} token={} -> {} {}", method, mask(token), result.status, errorOf(result.body));
        if (hold != null) {
            // Slack has the message; the answer is held, then never sent (the app is gone by then).
            log.debug("{} held ts={}", method, held.ts());
            hold.holding(held);
            hold.awaitRelease();
            return;
        }
        respond(ex, result);
    }

    private void handleResponseUrl(HttpExchange ex, String path) throws IOException {
        String text = new String(readBody(ex.getRequestBody()), StandardCharsets.UTF_8);
        JsonObject body;
        try {
            JsonElement e = JsonParser.parseString(text);
            body = e.isJsonObject() ? e.getAsJsonObject() : new JsonObject();
            if (!e.isJsonObject()) {
                ledger.violation("response_url: body is not a JSON object");
            }
        } catch (JsonParseException e) {
            ledger.violation("response_url: body is not JSON: " + abbreviate(text));
            body = new JsonObject();
        }
        String id = path.substring("/response/".length());
        int status = 200;
        lock.lock();
        try {
            Integer uses = responseUrlUses.get(id);
            if (uses == null) {
                ledger.violation("response_url: " + path + " was never issued");
                status = 404;
            } else {
                responseUrlUses.put(id, uses + 1);
                if (uses + 1 > RESPONSE_URL_USES) {
                    ledger.violation("response_url: used " + (uses + 1) + " times > " + RESPONSE_URL_USES);
                }
            }
            boolean deletes = body.has("delete_original")
                    && body.get("delete_original").isJsonPrimitive()
                    && body.get("delete_original").getAsBoolean();
            if (!deletes && !body.has("text") && !body.has("blocks")) {
                ledger.violation("response_url: body has neither text nor blocks");
            }
            ledger.violations(BlockKitRules.checkMessage(
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
            if (bot && limits.authError() != null) {
                return fail(limits.authError());
            }
            return okResult(authTest());
        }
        if (method.equals("apps.connections.open")) {
            if (!app) {
                return fail("invalid_auth");
            }
            if (limits.connectionsOpenError() != null) {
                return fail(limits.connectionsOpenError());
            }
            JsonObject r = ok();
            r.addProperty("url", socketMode.newConnectionUrl());
            return okResult(r);
        }
        if (!bot) {
            return fail("invalid_auth");
        }
        return switch (method) {
            case "chat.postMessage" -> postMessage(params);
            case "chat.update" -> update(params);
            case "conversations.history" -> history(params);
            case "conversations.replies" -> replies(params);
            case "chat.postEphemeral" -> postEphemeral(params);
            case "views.open", "views.push" -> viewsOpen(method, params);
            case "views.update" -> viewsUpdate(params);
            case "views.publish" -> viewsPublish(params);
            case "conversations.info" -> conversationsInfo(params);
            case "users.info" -> usersInfo(params);
            case "usergroups.users.list" -> userGroupUsers(params);
            case "chat.getPermalink" -> permalink(params);
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
        Parsed metadata = parseJsonParam(method, params, "metadata");
        if (metadata.invalid || !validMetadata(method, metadata.value)) {
            return fail("invalid_metadata_format");
        }
        StoredMessage m = new StoredMessage(channel, ledger.nextTs(), threadTs, text, blocksArray(blocks.value));
        m.metadata =
                metadata.value == null ? null : metadata.value.getAsJsonObject().deepCopy();
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

    /** Slack's rule for message metadata: an object with a string {@code event_type} and an object {@code event_payload}. */
    private boolean validMetadata(String method, JsonElement metadata) {
        if (metadata == null) {
            return true;
        }
        if (!metadata.isJsonObject()
                || BlockKitRules.string(metadata.getAsJsonObject(), "event_type") == null
                || !metadata.getAsJsonObject().has("event_payload")
                || !metadata.getAsJsonObject().get("event_payload").isJsonObject()) {
            ledger.violation(method + ": metadata needs a string event_type and an object event_payload");
            return false;
        }
        return true;
    }

    /** The history scope a conversation needs, by its id's kind, as Slack decides it. */
    private static String historyScope(String channel) {
        return channel.startsWith("G") ? "groups:history" : channel.startsWith("D") ? "im:history" : "channels:history";
    }

    private Result missingScope(String needed) {
        JsonObject body = error("missing_scope");
        body.addProperty("needed", needed);
        body.addProperty("provided", limits.providedScopes());
        return new Result(200, body, null);
    }

    /**
     * {@code conversations.history}: the channel's top-level messages, newest first, within {@code oldest} and
     * {@code latest} (exclusive unless {@code inclusive}), {@code limit} (default 100, at most 999) a page, with an
     * opaque {@code next_cursor} while {@code has_more}; metadata only with {@code include_all_metadata}.
     */
    private Result history(Map<String, String> params) {
        String channel = params.get("channel");
        if (isBlank(channel)) {
            return fail("channel_not_found");
        }
        if (!limits.hasScope(historyScope(channel))) {
            return missingScope(historyScope(channel));
        }
        List<StoredMessage> top = new ArrayList<>();
        for (StoredMessage m : channels.getOrDefault(channel, List.of())) {
            if (m.threadTs == null) {
                top.add(m);
            }
        }
        top.sort((a, b) -> tsValue(b.ts).compareTo(tsValue(a.ts)));
        return page(params, top, true);
    }

    /**
     * {@code conversations.replies}: the thread of {@code ts} (a parent or one of its replies), the parent first
     * on the first page, then the replies oldest first within {@code oldest}/{@code latest}; paged like history.
     */
    private Result replies(Map<String, String> params) {
        String channel = params.get("channel");
        String ts = params.get("ts");
        if (isBlank(channel)) {
            return fail("channel_not_found");
        }
        if (!limits.hasScope(historyScope(channel))) {
            return missingScope(historyScope(channel));
        }
        StoredMessage m = isBlank(ts) ? null : find(channel, ts);
        if (m == null) {
            return fail("thread_not_found");
        }
        String parentTs = m.threadTs != null ? m.threadTs : m.ts;
        StoredMessage parent = find(channel, parentTs);
        List<StoredMessage> thread = new ArrayList<>();
        for (StoredMessage r : channels.getOrDefault(channel, List.of())) {
            if (parentTs.equals(r.threadTs)) {
                thread.add(r);
            }
        }
        thread.sort((a, b) -> tsValue(a.ts).compareTo(tsValue(b.ts)));
        if (isBlank(params.get("cursor")) && parent != null) {
            Result r = page(params, thread, false);
            if (r.body.has("messages")) {
                JsonArray withParent = new JsonArray();
                withParent.add(historyJson(parent, params));
                withParent.addAll(r.body.getAsJsonArray("messages"));
                r.body.add("messages", withParent);
            }
            return r;
        }
        return page(params, thread, false);
    }

    /** One page of {@code ordered} after the cursor and inside the oldest/latest bounds. */
    private Result page(Map<String, String> params, List<StoredMessage> ordered, boolean newestFirst) {
        java.math.BigDecimal oldest;
        java.math.BigDecimal latest;
        int limit;
        try {
            oldest = isBlank(params.get("oldest")) ? null : new java.math.BigDecimal(params.get("oldest"));
            latest = isBlank(params.get("latest")) ? null : new java.math.BigDecimal(params.get("latest"));
            limit = isBlank(params.get("limit")) ? 100 : Integer.parseInt(params.get("limit"));
        } catch (NumberFormatException e) {
            return fail(isBlank(params.get("limit")) ? "invalid_ts_oldest" : "invalid_limit");
        }
        limit = Math.max(1, Math.min(limit, 999));
        boolean inclusive = "true".equals(params.get("inclusive")) || "1".equals(params.get("inclusive"));
        String cursor = params.get("cursor");
        java.math.BigDecimal after = null;
        if (!isBlank(cursor)) {
            try {
                String decoded = new String(java.util.Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
                if (!decoded.startsWith("next_ts:")) {
                    return fail("invalid_cursor");
                }
                after = new java.math.BigDecimal(decoded.substring("next_ts:".length()));
            } catch (IllegalArgumentException e) {
                return fail("invalid_cursor");
            }
        }
        List<StoredMessage> inRange = new ArrayList<>();
        for (StoredMessage m : ordered) {
            java.math.BigDecimal t = tsValue(m.ts);
            if (oldest != null && (inclusive ? t.compareTo(oldest) < 0 : t.compareTo(oldest) <= 0)) {
                continue;
            }
            if (latest != null && (inclusive ? t.compareTo(latest) > 0 : t.compareTo(latest) >= 0)) {
                continue;
            }
            // The cursor names the first message of the next page.
            if (after != null && (newestFirst ? t.compareTo(after) > 0 : t.compareTo(after) < 0)) {
                continue;
            }
            inRange.add(m);
        }
        JsonArray out = new JsonArray();
        for (int i = 0; i < Math.min(limit, inRange.size()); i++) {
            out.add(historyJson(inRange.get(i), params));
        }
        boolean more = inRange.size() > limit;
        JsonObject r = ok();
        r.add("messages", out);
        r.addProperty("has_more", more);
        JsonObject meta = new JsonObject();
        meta.addProperty(
                "next_cursor",
                more
                        ? java.util.Base64.getEncoder()
                                .encodeToString(("next_ts:" + inRange.get(limit).ts).getBytes(StandardCharsets.UTF_8))
                        : "");
        r.add("response_metadata", meta);
        return okResult(r);
    }

    /** A message as history and replies list it: with {@code reply_count} on a parent, metadata only when asked. */
    private JsonObject historyJson(StoredMessage m, Map<String, String> params) {
        JsonObject j = messageJson(m.snapshot());
        if (m.threadTs == null) {
            int replies = 0;
            for (StoredMessage r : channels.getOrDefault(m.channel, List.of())) {
                if (m.ts.equals(r.threadTs)) {
                    replies++;
                }
            }
            if (replies > 0) {
                j.addProperty("thread_ts", m.ts);
                j.addProperty("reply_count", replies);
            }
        }
        boolean withMetadata =
                "true".equals(params.get("include_all_metadata")) || "1".equals(params.get("include_all_metadata"));
        if (withMetadata && m.metadata != null) {
            j.add("metadata", m.metadata.deepCopy());
        }
        return j;
    }

    private static java.math.BigDecimal tsValue(String ts) {
        return new java.math.BigDecimal(ts);
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
        String ts = ledger.nextTs();
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
            ledger.violation(method + ": trigger_id used " + ageMillis + " ms after it was issued > "
                    + TRIGGER_LIFETIME.toMillis() + " ms");
        }
        return storeView(method, params, trigger, null, ledger.newViewId());
    }

    private Result viewsUpdate(Map<String, String> params) {
        String viewId = params.get("view_id");
        String externalId = params.get("external_id");
        if (isBlank(viewId) && isBlank(externalId)) {
            return fail("invalid_arguments");
        }
        return storeView("views.update", params, null, null, isBlank(viewId) ? ledger.newViewId() : viewId);
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
                ledger.violation(method + ": view is missing or not a JSON object");
            }
            return fail("invalid_arguments");
        }
        JsonObject view = parsed.value.getAsJsonObject();
        List<String> found = BlockKitRules.checkView(method, view);
        if (method.equals("views.publish") && !"home".equals(BlockKitRules.string(view, "type"))) {
            found = new ArrayList<>(found);
            found.add(method + ": published view type is not home");
        }
        ledger.violations(found);
        if (limits.strictBlocks() && !found.isEmpty()) {
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
        ledger.directory.describeChannel(id, c);
        JsonObject r = ok();
        r.add("channel", c);
        return okResult(r);
    }

    /** As Slack: {@code channel} and {@code message_ts} of a message the bot posted; its link, or an error. */
    private Result permalink(Map<String, String> params) {
        String channel = params.get("channel");
        String ts = params.get("message_ts");
        if (isBlank(channel) || !channels.containsKey(channel)) {
            return fail("channel_not_found");
        }
        if (isBlank(ts) || find(channel, ts) == null) {
            return fail("message_not_found");
        }
        JsonObject r = ok();
        r.addProperty("channel", channel);
        r.addProperty("permalink", "https://fake.slack.com/archives/" + channel + "/p" + ts.replace(".", ""));
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
        ledger.directory.describeUser(id, u);
        JsonObject r = ok();
        r.add("user", u);
        return okResult(r);
    }

    // Called with lock held; returns whether strict mode refuses the message.
    private boolean checkMessage(String method, String text, JsonElement blocks, boolean requireText) {
        List<String> found = BlockKitRules.checkMessage(method, text, blocks, requireText);
        ledger.violations(found);
        return limits.strictBlocks() && !found.isEmpty();
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

    String newTrigger() {
        String trigger = ledger.idCounter.incrementAndGet() + "." + System.currentTimeMillis() % 1_000_000_000L + "."
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        lock.lock();
        try {
            triggers.put(trigger, System.nanoTime());
        } finally {
            lock.unlock();
        }
        return trigger;
    }

    String newResponseUrl() {
        String id = UUID.randomUUID().toString();
        lock.lock();
        try {
            responseUrlUses.put(id, 0);
        } finally {
            lock.unlock();
        }
        return httpBase() + "/response/" + id;
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
            ledger.violation(method + ": " + name + " is not valid JSON");
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
                ledger.violation(method + ": JSON body is not an object");
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
            ledger.violation(method + ": body is not valid JSON");
        }
    }

    private static byte[] readBody(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private record Result(int status, JsonObject body, String retryAfter) {}

    private record Parsed(JsonElement value, boolean invalid) {}

    // Mutable; every access happens with the ledger's lock held.
    private static final class StoredMessage {
        final String channel;
        final String ts;
        final String threadTs;
        String text;
        JsonArray blocks;
        JsonObject metadata;
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
                    channel,
                    ts,
                    threadTs,
                    text,
                    blocks == null ? null : blocks.deepCopy(),
                    updates,
                    BOT_USER_ID,
                    metadata == null ? null : metadata.deepCopy());
        }
    }
}
