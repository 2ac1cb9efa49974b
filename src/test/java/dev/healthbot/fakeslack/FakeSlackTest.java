package dev.healthbot.fakeslack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class FakeSlackTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private FakeSlack fake;
    private OkHttpClient http;

    @BeforeEach
    void setUp() {
        fake = FakeSlack.start();
        http = new OkHttpClient.Builder()
                .proxy(java.net.Proxy.NO_PROXY)
                .callTimeout(Duration.ofSeconds(5))
                .build();
    }

    @AfterEach
    void tearDown() {
        fake.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    // ------------------------------------------------------------------ Web API

    @Test
    void apiUrlIsLoopbackWithTrailingSlash() {
        assertThat(fake.apiUrl()).matches("http://127\\.0\\.0\\.1:\\d+/api/");
    }

    @Test
    void authTestAnswersBotIdentityForBotAndAppTokens() throws IOException {
        JsonObject bot = call("auth.test", FakeSlack.BOT_TOKEN, new FormBody.Builder().build()).json;
        assertThat(bot.get("ok").getAsBoolean()).isTrue();
        assertThat(bot.get("user_id").getAsString()).isEqualTo(FakeSlack.BOT_USER_ID);
        assertThat(bot.get("team_id").getAsString()).isEqualTo(FakeSlack.TEAM_ID);
        assertThat(bot.get("bot_id").getAsString()).isEqualTo("B0FAKEBOT");

        JsonObject app = call("auth.test", FakeSlack.APP_TOKEN, new FormBody.Builder().build()).json;
        assertThat(app.get("ok").getAsBoolean()).isTrue();
        assertThat(app.get("team_id").getAsString()).isEqualTo(FakeSlack.TEAM_ID);
    }

    @Test
    void wrongOrMissingTokenIsInvalidAuth() throws IOException {
        assertThat(error(call("chat.postMessage", null, form("channel", "C1", "text", "hi"))))
                .isEqualTo("invalid_auth");
        assertThat(error(call("chat.postMessage", FakeSlack.APP_TOKEN, form("channel", "C1", "text", "hi"))))
                .isEqualTo("invalid_auth");
        assertThat(error(call("apps.connections.open", FakeSlack.BOT_TOKEN, form())))
                .isEqualTo("invalid_auth");
        assertThat(error(call("auth.test", "xoxb-not-the-right-token-000", form())))
                .isEqualTo("invalid_auth");
        assertThat(fake.messages("C1")).isEmpty();
        assertThat(fake.calls()).hasSize(4).allSatisfy(c -> assertThat(c.ok()).isFalse());
    }

    @Test
    void tokenMayTravelAsFormParameterAndIsNotPrintedInFull() throws IOException {
        Request request = new Request.Builder()
                .url(fake.apiUrl() + "auth.test")
                .post(form("token", FakeSlack.BOT_TOKEN))
                .build();
        try (Response response = http.newCall(request).execute()) {
            assertThat(response.body().string()).contains("\"ok\":true");
        }
        ApiCall call = fake.calls("auth.test").get(0);
        assertThat(call.token()).isEqualTo(FakeSlack.BOT_TOKEN);
        assertThat(call.params()).doesNotContainKey("token");
        assertThat(call.toString()).doesNotContain(FakeSlack.BOT_TOKEN);
    }

    @Test
    void postMessageGeneratesStrictlyIncreasingTsAcrossChannels() throws IOException {
        String previous = "0";
        for (int i = 0; i < 5; i++) {
            String channel = i % 2 == 0 ? "C0AAA" : "G0BBB";
            JsonObject r = post("channel", channel, "text", "message " + i);
            assertThat(r.get("ok").getAsBoolean()).isTrue();
            assertThat(r.get("channel").getAsString()).isEqualTo(channel);
            String ts = r.get("ts").getAsString();
            assertThat(ts).matches("\\d{10}\\.\\d{6}");
            assertThat(new java.math.BigDecimal(ts)).isGreaterThan(new java.math.BigDecimal(previous));
            assertThat(r.getAsJsonObject("message").get("text").getAsString()).isEqualTo("message " + i);
            previous = ts;
        }
        assertThat(fake.messages("C0AAA"))
                .extracting(Message::text)
                .containsExactly("message 0", "message 2", "message 4");
        assertThat(fake.messages("G0BBB")).hasSize(2);
        assertThat(fake.messages("C0AAA").get(0).user()).isEqualTo(FakeSlack.BOT_USER_ID);
    }

    @Test
    void threadRepliesKeepTheirParent() throws IOException {
        String parent = post("channel", "C0AAA", "text", "down").get("ts").getAsString();
        String reply = post("channel", "C0AAA", "text", "details", "thread_ts", parent)
                .get("ts")
                .getAsString();
        // A reply to a reply lands in the same thread, as on Slack.
        post("channel", "C0AAA", "text", "more", "thread_ts", reply, "reply_broadcast", "true");

        assertThat(fake.replies("C0AAA", parent)).extracting(Message::text).containsExactly("details", "more");
        assertThat(fake.messages("C0AAA")).extracting(Message::threadTs).containsExactly(null, parent, parent);
        assertThat(fake.calls("chat.postMessage").get(2).param("reply_broadcast"))
                .isEqualTo("true");

        JsonObject missing = post("channel", "C0AAA", "text", "x", "thread_ts", "1.000001");
        assertThat(missing.get("error").getAsString()).isEqualTo("thread_not_found");
        JsonObject otherChannel = post("channel", "C0OTHER", "text", "x", "thread_ts", parent);
        assertThat(otherChannel.get("error").getAsString()).isEqualTo("thread_not_found");
    }

    @Test
    void updateReplacesTextAndBlocksAndCountsEdits() throws IOException {
        String blocks = "[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"*down*\"}}]";
        String ts = post("channel", "C0AAA", "text", "down", "blocks", blocks)
                .get("ts")
                .getAsString();
        String newBlocks = "[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"*up*\"}}]";
        JsonObject r = call(
                        "chat.update",
                        FakeSlack.BOT_TOKEN,
                        form("channel", "C0AAA", "ts", ts, "text", "up", "blocks", newBlocks))
                .json;
        assertThat(r.get("ok").getAsBoolean()).isTrue();
        call("chat.update", FakeSlack.BOT_TOKEN, form("channel", "C0AAA", "ts", ts, "text", "up again"));

        Message m = fake.message("C0AAA", ts).orElseThrow();
        assertThat(m.text()).isEqualTo("up again");
        assertThat(m.updates()).isEqualTo(2);
        assertThat(m.blocks()).isEqualTo(JsonParser.parseString(newBlocks));
        assertThat(fake.calls("chat.update").get(0).json("blocks")).isEqualTo(JsonParser.parseString(newBlocks));

        JsonObject unknown =
                call("chat.update", FakeSlack.BOT_TOKEN, form("channel", "C0AAA", "ts", "1.000002", "text", "x")).json;
        assertThat(unknown.get("error").getAsString()).isEqualTo("message_not_found");
        fake.assertNoViolations();
    }

    @Test
    void jsonBodiesAreAcceptedLikeForms() throws IOException {
        JsonObject body = new JsonObject();
        body.addProperty("channel", "C0AAA");
        body.addProperty("text", "json");
        body.add("blocks", JsonParser.parseString("[{\"type\":\"divider\"}]"));
        Request request = new Request.Builder()
                .url(fake.apiUrl() + "chat.postMessage")
                .header("Authorization", "Bearer " + FakeSlack.BOT_TOKEN)
                .post(RequestBody.create(body.toString(), JSON))
                .build();
        try (Response response = http.newCall(request).execute()) {
            assertThat(response.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
            assertThat(response.body().string()).contains("\"ok\":true");
        }
        assertThat(fake.messages("C0AAA").get(0).blocks()).hasSize(1);
    }

    @Test
    void failNextAnswers500Then429ThenErrorThenHeals() throws IOException {
        fake.failNext("chat.postMessage", 1, Failure.http500());
        fake.failNext("chat.postMessage", 1, Failure.rateLimited(7));
        fake.failNext("chat.postMessage", 1, Failure.error("channel_not_found"));

        Reply first = call("chat.postMessage", FakeSlack.BOT_TOKEN, form("channel", "C0AAA", "text", "a"));
        assertThat(first.status).isEqualTo(500);
        assertThat(first.json.get("error").getAsString()).isEqualTo("internal_error");

        Reply second = call("chat.postMessage", FakeSlack.BOT_TOKEN, form("channel", "C0AAA", "text", "a"));
        assertThat(second.status).isEqualTo(429);
        assertThat(second.retryAfter).isEqualTo("7");
        assertThat(second.json.get("error").getAsString()).isEqualTo("ratelimited");

        Reply third = call("chat.postMessage", FakeSlack.BOT_TOKEN, form("channel", "C0AAA", "text", "a"));
        assertThat(third.status).isEqualTo(200);
        assertThat(third.json.get("error").getAsString()).isEqualTo("channel_not_found");

        Reply fourth = call("chat.postMessage", FakeSlack.BOT_TOKEN, form("channel", "C0AAA", "text", "a"));
        assertThat(fourth.json.get("ok").getAsBoolean()).isTrue();

        assertThat(fake.calls("chat.postMessage"))
                .extracting(ApiCall::httpStatus, ApiCall::error)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(500, "internal_error"),
                        org.assertj.core.groups.Tuple.tuple(429, "ratelimited"),
                        org.assertj.core.groups.Tuple.tuple(200, "channel_not_found"),
                        org.assertj.core.groups.Tuple.tuple(200, null));
        assertThat(fake.messages("C0AAA")).hasSize(1);
    }

    @Test
    void rejectAuthAndRejectConnectionsOpen() throws IOException {
        fake.rejectAuth("token_revoked");
        fake.rejectConnectionsOpen("invalid_auth");
        assertThat(error(call("auth.test", FakeSlack.BOT_TOKEN, form()))).isEqualTo("token_revoked");
        assertThat(error(call("apps.connections.open", FakeSlack.APP_TOKEN, form())))
                .isEqualTo("invalid_auth");
        fake.rejectAuth(null);
        assertThat(call("auth.test", FakeSlack.BOT_TOKEN, form()).json.get("ok").getAsBoolean())
                .isTrue();
    }

    @Test
    void unknownMethodIsRecorded() throws IOException {
        assertThat(error(call("chat.nope", FakeSlack.BOT_TOKEN, form()))).isEqualTo("unknown_method");
        assertThat(fake.calls("chat.nope")).hasSize(1);
    }

    @Test
    void infoMethodsAnswerPlausibleObjects() throws IOException {
        JsonObject channel = call("conversations.info", FakeSlack.BOT_TOKEN, form("channel", "G0PRIV"))
                .json
                .getAsJsonObject("channel");
        assertThat(channel.get("name").getAsString()).isEqualTo("chan-g0priv");
        assertThat(channel.get("is_private").getAsBoolean()).isTrue();
        JsonObject user = call("users.info", FakeSlack.BOT_TOKEN, form("user", "U0USER0001"))
                .json
                .getAsJsonObject("user");
        assertThat(user.get("tz").getAsString()).isEqualTo("Europe/Berlin");
        assertThat(user.get("is_admin").getAsBoolean())
                .as("a user never described is a workspace admin")
                .isTrue();
        assertThat(user.get("team_id").getAsString()).isEqualTo(FakeSlack.TEAM_ID);
        assertThat(channel.get("is_ext_shared").getAsBoolean()).isFalse();
    }

    @Test
    void describedUsersAndSharedChannelsAreWhatInfoMethodsSay() throws IOException {
        fake.directory()
                .set("U0GUEST01", FakeDirectory.Person.SINGLE_CHANNEL_GUEST)
                .set("U0EXTERN1", FakeDirectory.Person.EXTERNAL)
                .shared("C0SHARED1", true);
        JsonObject guest = call("users.info", FakeSlack.BOT_TOKEN, form("user", "U0GUEST01"))
                .json
                .getAsJsonObject("user");
        assertThat(guest.get("is_restricted").getAsBoolean()).isTrue();
        assertThat(guest.get("is_ultra_restricted").getAsBoolean()).isTrue();
        assertThat(guest.get("is_admin").getAsBoolean()).isFalse();
        JsonObject external = call("users.info", FakeSlack.BOT_TOKEN, form("user", "U0EXTERN1"))
                .json
                .getAsJsonObject("user");
        assertThat(external.get("team_id").getAsString()).isEqualTo(FakeDirectory.OTHER_TEAM_ID);
        JsonObject shared = call("conversations.info", FakeSlack.BOT_TOKEN, form("channel", "C0SHARED1"))
                .json
                .getAsJsonObject("channel");
        assertThat(shared.get("is_ext_shared").getAsBoolean()).isTrue();
    }

    @Test
    void headerOf151CharactersIsAViolation() throws IOException {
        JsonArray blocks = new JsonArray();
        blocks.add(header("x".repeat(151)));
        post("channel", "C0AAA", "text", "fallback", "blocks", blocks.toString());
        assertThat(fake.violations()).containsExactly("chat.postMessage: header text 151 > 150");
        assertThatThrownBy(fake::assertNoViolations)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("header text 151 > 150");
    }

    @Test
    void headerOf150CharactersIsFine() throws IOException {
        JsonArray blocks = new JsonArray();
        blocks.add(header("x".repeat(150)));
        post("channel", "C0AAA", "text", "fallback", "blocks", blocks.toString());
        fake.assertNoViolations();
    }

    @Test
    void fiftyOneBlocksIsAViolation() throws IOException {
        JsonArray blocks = new JsonArray();
        for (int i = 0; i < 51; i++) {
            blocks.add(JsonParser.parseString("{\"type\":\"divider\"}"));
        }
        post("channel", "C0AAA", "text", "fallback", "blocks", blocks.toString());
        assertThat(fake.violations()).containsExactly("chat.postMessage: 51 blocks > 50");
    }

    @Test
    void blocksWithoutTextAndBroadcastMentionsAreViolations() throws IOException {
        String blocks = "[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"hi <@U0USER0001>\"}}]";
        post("channel", "C0AAA", "blocks", blocks);
        post("channel", "C0AAA", "text", "<!here> site down");
        post("channel", "C0AAA", "text", "ping <@U0USER0001>");
        assertThat(fake.violations())
                .containsExactly(
                        "chat.postMessage: blocks sent without a non-empty text fallback",
                        "chat.postMessage: message text pings everyone with <!here>");
    }

    @Test
    void miscellaneousBlockRules() throws IOException {
        String blocks = "[{\"type\":\"bogus\"},"
                + "{\"type\":\"section\",\"fields\":[" + "{\"type\":\"mrkdwn\",\"text\":\"a\"},".repeat(10)
                + "{\"type\":\"mrkdwn\",\"text\":\"a\"}]},"
                + "{\"type\":\"actions\",\"elements\":[{\"type\":\"button\",\"action_id\":\"b\","
                + "\"text\":{\"type\":\"plain_text\",\"text\":\"" + "y".repeat(76) + "\"}}]}]";
        post("channel", "C0AAA", "text", "t", "blocks", blocks);
        assertThat(fake.violations())
                .containsExactlyInAnyOrder(
                        "chat.postMessage: block 0 has unknown type bogus",
                        "chat.postMessage: section fields 11 > 10",
                        "chat.postMessage: button text 76 > 75");
    }

    @Test
    void strictModeRefusesViolatingBlocks() throws IOException {
        fake.strictBlocks(true);
        JsonArray blocks = new JsonArray();
        blocks.add(header("x".repeat(151)));
        JsonObject r = post("channel", "C0AAA", "text", "fallback", "blocks", blocks.toString());
        assertThat(r.get("error").getAsString()).isEqualTo("invalid_blocks");
        assertThat(fake.messages("C0AAA")).isEmpty();
    }

    @Test
    void viewsAreRecordedAndChecked() throws IOException {
        String view = "{\"type\":\"home\",\"blocks\":[{\"type\":\"divider\"}]}";
        JsonObject r = call("views.publish", FakeSlack.BOT_TOKEN, form("user_id", "U0USER0001", "view", view)).json;
        assertThat(r.getAsJsonObject("view").get("id").getAsString()).startsWith("V");
        assertThat(fake.homeView("U0USER0001")).isPresent();

        String modal = "{\"type\":\"modal\",\"callback_id\":\"add\",\"title\":{\"type\":\"plain_text\",\"text\":\""
                + "t".repeat(25) + "\"},\"blocks\":[]}";
        assertThat(error(call("views.open", FakeSlack.BOT_TOKEN, form("trigger_id", "1.2.3", "view", modal))))
                .isEqualTo("invalid_trigger_id");
        fake.assertNoViolations();
        call("views.update", FakeSlack.BOT_TOKEN, form("view_id", "V1", "view", modal));
        assertThat(fake.violations()).containsExactly("views.update: view title 25 > 24");
    }

    @Test
    void awaitCallTimesOutWithAssertionError() {
        assertThatThrownBy(() -> fake.awaitCall("chat.postMessage", c -> true, Duration.ofMillis(50)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("chat.postMessage");
    }

    @Test
    void awaitCallWakesUpForACallMadeLater() throws Exception {
        CompletableFuture<ApiCall> waiting = CompletableFuture.supplyAsync(
                () -> fake.awaitCall("chat.postMessage", c -> "late".equals(c.param("text")), WAIT));
        post("channel", "C0AAA", "text", "early");
        post("channel", "C0AAA", "text", "late");
        assertThat(waiting.get(5, TimeUnit.SECONDS).param("text")).isEqualTo("late");
    }

    @Test
    void concurrentPostsGetDistinctTimestamps() throws Exception {
        List<CompletableFuture<String>> futures = new java.util.ArrayList<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            for (int i = 0; i < 40; i++) {
                String text = "m" + i;
                futures.add(CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return post("channel", "C0AAA", "text", text)
                                        .get("ts")
                                        .getAsString();
                            } catch (IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        },
                        pool));
            }
            List<String> ts = new java.util.ArrayList<>();
            for (CompletableFuture<String> f : futures) {
                ts.add(f.get(10, TimeUnit.SECONDS));
            }
            assertThat(ts).doesNotHaveDuplicates();
            assertThat(fake.messages("C0AAA")).hasSize(40);
        } finally {
            pool.shutdownNow();
        }
    }

    // ------------------------------------------------------------------ Socket Mode

    @Test
    void socketModeHelloSlashCommandAckAndDisconnect() throws Exception {
        JsonObject open = call("apps.connections.open", FakeSlack.APP_TOKEN, form()).json;
        String url = open.get("url").getAsString();
        assertThat(url).startsWith("ws://127.0.0.1:").contains("/link?ticket=");

        try (TestSocket socket = TestSocket.connect(url)) {
            JsonObject hello = socket.next();
            assertThat(hello.get("type").getAsString()).isEqualTo("hello");
            assertThat(hello.get("num_connections").getAsInt()).isEqualTo(1);
            fake.awaitConnected(WAIT);
            assertThat(fake.openConnections()).isEqualTo(1);

            CompletableFuture<Ack> ack = fake.slashCommand("status api");
            JsonObject envelope = socket.next();
            assertThat(envelope.get("type").getAsString()).isEqualTo("slash_commands");
            JsonObject payload = envelope.getAsJsonObject("payload");
            assertThat(payload.get("command").getAsString()).isEqualTo("/health");
            assertThat(payload.get("text").getAsString()).isEqualTo("status api");
            assertThat(payload.get("user_id").getAsString()).isEqualTo("U0USER0001");
            assertThat(payload.get("channel_id").getAsString()).isEqualTo("C0CHAN0001");
            assertThat(payload.get("trigger_id").getAsString()).matches("\\d+\\.\\d+\\.[0-9a-f]+");
            String responseUrl = payload.get("response_url").getAsString();
            assertThat(ack).isNotDone();

            String envelopeId = envelope.get("envelope_id").getAsString();
            socket.send("{\"envelope_id\":\"" + envelopeId + "\",\"payload\":{\"text\":\"all good\"}}");
            Ack done = ack.get(5, TimeUnit.SECONDS);
            assertThat(done.envelopeId()).isEqualTo(envelopeId);
            assertThat(done.text()).isEqualTo("all good");
            assertThat(done.elapsed()).isPositive();

            // The response_url works and is recorded.
            Request request = new Request.Builder()
                    .url(responseUrl)
                    .post(RequestBody.create("{\"text\":\"later\",\"response_type\":\"ephemeral\"}", JSON))
                    .build();
            try (Response response = http.newCall(request).execute()) {
                assertThat(response.code()).isEqualTo(200);
            }
            assertThat(fake.responseUrlPosts()).singleElement().satisfies(p -> assertThat(p.text())
                    .isEqualTo("later"));

            // The trigger of the command opens a modal.
            String modal = "{\"type\":\"modal\",\"callback_id\":\"add\",\"title\":{\"type\":\"plain_text\","
                    + "\"text\":\"Add\"},\"blocks\":[]}";
            JsonObject opened = call(
                            "views.open",
                            FakeSlack.BOT_TOKEN,
                            form("trigger_id", payload.get("trigger_id").getAsString(), "view", modal))
                    .json;
            assertThat(opened.get("ok").getAsBoolean()).isTrue();

            fake.sendDisconnect();
            JsonObject disconnect = socket.next();
            assertThat(disconnect.get("type").getAsString()).isEqualTo("disconnect");
            assertThat(disconnect.get("reason").getAsString()).isEqualTo("refresh_requested");
        }
        fake.assertNoViolations();
    }

    @Test
    void ticketsAreSingleUse() throws Exception {
        String url = call("apps.connections.open", FakeSlack.APP_TOKEN, form())
                .json
                .get("url")
                .getAsString();
        try (TestSocket first = TestSocket.connect(url)) {
            assertThat(first.next().get("type").getAsString()).isEqualTo("hello");
            try (TestSocket second = TestSocket.attempt(url)) {
                assertThat(second.closed.get(5, TimeUnit.SECONDS)).isNotNull();
            }
            assertThat(fake.connectionsOpenedTotal()).isEqualTo(1);
        }
    }

    @Test
    void interactiveAndEventEnvelopesFollowSlackShapes() throws Exception {
        String ts = post("channel", "C0CHAN0001", "text", "down").get("ts").getAsString();
        try (TestSocket socket = TestSocket.connect(call("apps.connections.open", FakeSlack.APP_TOKEN, form())
                .json
                .get("url")
                .getAsString())) {
            socket.next();
            fake.awaitConnected(WAIT);

            JsonObject values = JsonParser.parseString(
                            "{\"url_block\":{\"url_input\":{\"type\":\"plain_text_input\",\"value\":\"https://x\"}}}")
                    .getAsJsonObject();
            CompletableFuture<Ack> submission = fake.viewSubmission("add_check", "meta", values, "U0USER0002");
            JsonObject env = socket.next();
            assertThat(env.get("type").getAsString()).isEqualTo("interactive");
            JsonObject p = env.getAsJsonObject("payload");
            assertThat(p.get("type").getAsString()).isEqualTo("view_submission");
            assertThat(p.getAsJsonObject("user").get("id").getAsString()).isEqualTo("U0USER0002");
            JsonObject view = p.getAsJsonObject("view");
            assertThat(view.get("callback_id").getAsString()).isEqualTo("add_check");
            assertThat(view.get("private_metadata").getAsString()).isEqualTo("meta");
            assertThat(view.getAsJsonObject("state").getAsJsonObject("values")).isEqualTo(values);
            socket.send("{\"envelope_id\":\"" + env.get("envelope_id").getAsString()
                    + "\",\"payload\":{\"response_action\":\"errors\",\"errors\":{\"url_block\":42}}}");
            assertThat(submission
                            .get(5, TimeUnit.SECONDS)
                            .payload()
                            .get("response_action")
                            .getAsString())
                    .isEqualTo("errors");
            assertThat(fake.violations())
                    .containsExactly("ack interactive view_submission: errors.url_block is not a" + " string");
            fake.clearViolations();

            CompletableFuture<Ack> click =
                    fake.blockAction("ack_incident", "incident_1", "42", "U0USER0001", "C0CHAN0001", null);
            env = socket.next();
            p = env.getAsJsonObject("payload");
            assertThat(p.get("type").getAsString()).isEqualTo("block_actions");
            assertThat(p.getAsJsonObject("container").get("message_ts").getAsString())
                    .isEqualTo(ts);
            assertThat(p.getAsJsonObject("message").get("text").getAsString()).isEqualTo("down");
            assertThat(p.getAsJsonObject("channel").get("id").getAsString()).isEqualTo("C0CHAN0001");
            JsonObject action = p.getAsJsonArray("actions").get(0).getAsJsonObject();
            assertThat(action.get("action_id").getAsString()).isEqualTo("ack_incident");
            assertThat(action.get("value").getAsString()).isEqualTo("42");
            socket.send("{\"envelope_id\":\"" + env.get("envelope_id").getAsString() + "\"}");
            assertThat(click.get(5, TimeUnit.SECONDS).payload()).isNull();

            CompletableFuture<Ack> home = fake.appHomeOpened("U0USER0001");
            env = socket.next();
            assertThat(env.get("type").getAsString()).isEqualTo("events_api");
            p = env.getAsJsonObject("payload");
            assertThat(p.get("type").getAsString()).isEqualTo("event_callback");
            assertThat(p.get("event_id").getAsString()).startsWith("Ev");
            assertThat(p.getAsJsonObject("event").get("type").getAsString()).isEqualTo("app_home_opened");
            socket.send("{\"envelope_id\":\"" + env.get("envelope_id").getAsString() + "\"}");
            home.get(5, TimeUnit.SECONDS);
        }
        fake.assertNoViolations();
    }

    @Test
    void envelopeWithoutSocketFailsAtOnce() {
        CompletableFuture<Ack> ack = fake.slashCommand("x");
        assertThatThrownBy(() -> ack.get(1, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> fake.awaitConnected(Duration.ofMillis(50))).isInstanceOf(AssertionError.class);
    }

    @Test
    void dropSocketClosesTheConnectionAbruptly() throws Exception {
        try (TestSocket socket = TestSocket.connect(call("apps.connections.open", FakeSlack.APP_TOKEN, form())
                .json
                .get("url")
                .getAsString())) {
            socket.next();
            fake.awaitConnected(WAIT);
            fake.dropSocket();
            int code = socket.closed.get(5, TimeUnit.SECONDS);
            // 1006: the peer saw no close frame.
            assertThat(code).isEqualTo(1006);
            assertThat(fake.openConnections()).isZero();
        }
    }

    @Test
    void closeIsFast() {
        FakeSlack other = FakeSlack.start();
        long start = System.nanoTime();
        other.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void unackedEnvelopeTimesOut() throws Exception {
        try (TestSocket socket = TestSocket.connect(call("apps.connections.open", FakeSlack.APP_TOKEN, form())
                .json
                .get("url")
                .getAsString())) {
            socket.next();
            fake.awaitConnected(WAIT);
            fake.ackTimeout(Duration.ofMillis(300));
            CompletableFuture<Ack> ack = fake.slashCommand("nobody answers");
            assertThatThrownBy(() -> ack.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(TimeoutException.class);
            // An ack that arrives after the fake gave up is a violation, not a completion.
            String envelopeId = socket.next().get("envelope_id").getAsString();
            socket.send("{\"envelope_id\":\"" + envelopeId + "\"}");
            fake.awaitViolation(v -> v.contains("arrived after"), WAIT);
        }
    }

    // ------------------------------------------------------------------ helpers

    private JsonObject post(String... kv) throws IOException {
        return call("chat.postMessage", FakeSlack.BOT_TOKEN, form(kv)).json;
    }

    private static String error(Reply reply) {
        assertThat(reply.json.get("ok").getAsBoolean()).isFalse();
        return reply.json.get("error").getAsString();
    }

    private static FormBody form(String... kv) {
        FormBody.Builder b = new FormBody.Builder();
        for (int i = 0; i < kv.length; i += 2) {
            b.add(kv[i], kv[i + 1]);
        }
        return b.build();
    }

    private static JsonObject header(String text) {
        return JsonParser.parseString(
                        "{\"type\":\"header\",\"text\":{\"type\":\"plain_text\",\"text\":\"" + text + "\"}}")
                .getAsJsonObject();
    }

    private record Reply(int status, JsonObject json, String retryAfter) {}

    private Reply call(String method, String token, RequestBody body) throws IOException {
        Request.Builder request =
                new Request.Builder().url(fake.apiUrl() + method).post(body);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try (Response response = http.newCall(request.build()).execute()) {
            return new Reply(
                    response.code(),
                    JsonParser.parseString(response.body().string()).getAsJsonObject(),
                    response.header("Retry-After"));
        }
    }

    /** A minimal Socket Mode client whose frames and close land in thread-safe queues. */
    private static final class TestSocket extends WebSocketClient implements AutoCloseable {
        final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();

        private TestSocket(URI uri) {
            super(uri);
        }

        static TestSocket connect(String url) throws InterruptedException {
            TestSocket s = attempt(url);
            assertThat(s.isOpen()).as("socket open").isTrue();
            return s;
        }

        // The handshake may succeed and the server close right after, so the result is not asserted here.
        static TestSocket attempt(String url) throws InterruptedException {
            TestSocket s = new TestSocket(URI.create(url));
            s.connectBlocking(5, TimeUnit.SECONDS);
            return s;
        }

        JsonObject next() throws InterruptedException {
            String frame = frames.poll(5, TimeUnit.SECONDS);
            assertThat(frame).as("a frame within 5 s").isNotNull();
            return JsonParser.parseString(frame).getAsJsonObject();
        }

        @Override
        public void onOpen(ServerHandshake handshake) {}

        @Override
        public void onMessage(String message) {
            frames.add(message);
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
            closed.complete(code);
        }

        @Override
        public void onError(Exception ex) {}
    }
}
