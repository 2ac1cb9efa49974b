package dev.healthbot.fakeslack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake's {@code conversations.history} and {@code conversations.replies}, message metadata, scopes and held answers, on the wire. */
class FakeSlackHistoryTest {

    static final String CH = "C0HIST0001";
    static final Instant T = Instant.parse("2026-12-02T16:00:00Z");

    FakeSlack fake;
    final OkHttpClient http =
            new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(10)).build();

    @BeforeEach
    void setUp() {
        fake = FakeSlack.start();
        fake.tsClock(InstantSource.fixed(T));
    }

    @AfterEach
    void tearDown() {
        fake.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    private JsonObject call(String method, String... params) throws IOException {
        FormBody.Builder form = new FormBody.Builder();
        for (int i = 0; i < params.length; i += 2) {
            form.add(params[i], params[i + 1]);
        }
        Request r = new Request.Builder()
                .url(fake.apiUrl() + method)
                .header("Authorization", "Bearer " + FakeSlack.BOT_TOKEN)
                .post(form.build())
                .build();
        try (Response response = http.newCall(r).execute()) {
            return JsonParser.parseString(response.body().string()).getAsJsonObject();
        }
    }

    private String post(String text, String threadTs, String deliveryId) throws IOException {
        List<String> p = new ArrayList<>(List.of("channel", CH, "text", text));
        if (threadTs != null) {
            p.addAll(List.of("thread_ts", threadTs));
        }
        if (deliveryId != null) {
            p.addAll(List.of(
                    "metadata",
                    "{\"event_type\":\"healthbot_alert\",\"event_payload\":{\"delivery_id\":\"" + deliveryId + "\"}}"));
        }
        JsonObject r = call("chat.postMessage", p.toArray(String[]::new));
        assertThat(r.get("ok").getAsBoolean()).as(r.toString()).isTrue();
        return r.get("ts").getAsString();
    }

    private static List<String> ts(JsonObject r) {
        List<String> out = new ArrayList<>();
        r.getAsJsonArray("messages")
                .forEach(m -> out.add(m.getAsJsonObject().get("ts").getAsString()));
        return out;
    }

    @Test
    void historyIsTopLevelNewestFirstPagedWithACursorAndBoundedByOldest() throws Exception {
        String a = post("a", null, "1");
        String b = post("b", null, null);
        post("reply", a, null);
        String c = post("c", null, null);
        assertThat(a).startsWith(String.valueOf(T.getEpochSecond()));

        JsonObject first = call("conversations.history", "channel", CH, "limit", "2");
        assertThat(ts(first)).containsExactly(c, b);
        assertThat(first.get("has_more").getAsBoolean()).isTrue();
        String cursor =
                first.getAsJsonObject("response_metadata").get("next_cursor").getAsString();
        JsonObject second = call("conversations.history", "channel", CH, "limit", "2", "cursor", cursor);
        assertThat(ts(second)).containsExactly(a);
        assertThat(second.get("has_more").getAsBoolean()).isFalse();
        JsonObject parent = second.getAsJsonArray("messages").get(0).getAsJsonObject();
        assertThat(parent.get("reply_count").getAsInt()).isEqualTo(1);
        assertThat(parent.has("metadata")).isFalse(); // only with include_all_metadata

        assertThat(ts(call("conversations.history", "channel", CH, "oldest", a)))
                .containsExactly(c, b);
        assertThat(ts(call("conversations.history", "channel", CH, "oldest", a, "inclusive", "true")))
                .containsExactly(c, b, a);
        assertThat(ts(call("conversations.history", "channel", CH, "latest", c)))
                .containsExactly(b, a);
        JsonObject withMetadata = call(
                "conversations.history", "channel", CH, "oldest", a, "inclusive", "1", "include_all_metadata", "true");
        JsonArray messages = withMetadata.getAsJsonArray("messages");
        JsonObject metadata = messages.get(2).getAsJsonObject().getAsJsonObject("metadata");
        assertThat(metadata.get("event_type").getAsString()).isEqualTo("healthbot_alert");
        assertThat(metadata.getAsJsonObject("event_payload").get("delivery_id").getAsString())
                .isEqualTo("1");
        assertThat(call("conversations.history", "channel", CH, "cursor", "bm90LWEtY3Vyc29y")
                        .get("error")
                        .getAsString())
                .isEqualTo("invalid_cursor");
        fake.assertNoViolations();
    }

    @Test
    void repliesArePrecededByTheirParentAndFoundFromAnyMessageOfTheThread() throws Exception {
        String parent = post("parent", null, null);
        String r1 = post("one", parent, "7");
        String r2 = post("two", parent, null);

        JsonObject all = call("conversations.replies", "channel", CH, "ts", r2, "include_all_metadata", "true");
        assertThat(ts(all)).containsExactly(parent, r1, r2);
        assertThat(all.getAsJsonArray("messages").get(1).getAsJsonObject().has("metadata"))
                .isTrue();
        assertThat(ts(call("conversations.replies", "channel", CH, "ts", parent, "oldest", r1)))
                .containsExactly(parent, r2);
        assertThat(call("conversations.replies", "channel", CH, "ts", "1.000001")
                        .get("error")
                        .getAsString())
                .isEqualTo("thread_not_found");
        fake.assertNoViolations();
    }

    @Test
    void withoutTheScopeHistoryAndRepliesAnswerMissingScopeNamingIt() throws Exception {
        String parent = post("parent", null, null);
        fake.revokeScope("channels:history");

        JsonObject h = call("conversations.history", "channel", CH);
        assertThat(h.get("error").getAsString()).isEqualTo("missing_scope");
        assertThat(h.get("needed").getAsString()).isEqualTo("channels:history");
        assertThat(h.get("provided").getAsString()).doesNotContain("channels:history");
        assertThat(call("conversations.replies", "channel", CH, "ts", parent)
                        .get("error")
                        .getAsString())
                .isEqualTo("missing_scope");
        assertThat(call("conversations.history", "channel", "G0HIST0001")
                        .get("ok")
                        .getAsBoolean())
                .isTrue();
    }

    @Test
    void badMetadataIsRefusedAndAViolation() throws Exception {
        JsonObject r = call("chat.postMessage", "channel", CH, "text", "x", "metadata", "{\"event_payload\":{}}");
        assertThat(r.get("error").getAsString()).isEqualTo("invalid_metadata_format");
        assertThat(fake.messages(CH)).isEmpty();
        fake.awaitViolation(v -> v.contains("metadata"), Duration.ofSeconds(1));
        fake.clearViolations();
    }

    @Test
    void aHeldPostIsStoredButItsAnswerNeverArrives() throws Exception {
        FakeLimits.Hold hold = fake.holdPost(m -> m.text().equals("held"));
        CompletableFuture<JsonObject> answer = CompletableFuture.supplyAsync(() -> {
            try {
                return call("chat.postMessage", "channel", CH, "text", "held");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        Message held = hold.awaitHeld(Duration.ofSeconds(10));
        assertThat(fake.messages(CH)).extracting(Message::ts).containsExactly(held.ts());
        assertThat(answer).isNotDone();
        hold.release();

        assertThatThrownBy(() -> answer.get(10, TimeUnit.SECONDS)).hasRootCauseInstanceOf(IOException.class);
        // Only the first match is held.
        assertThat(call("chat.postMessage", "channel", CH, "text", "held")
                        .get("ok")
                        .getAsBoolean())
                .isTrue();
        fake.assertNoViolations();
    }
}
