package dev.healthbot;

import static dev.healthbot.BotHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.healthbot.fakeslack.FakeSlack;
import dev.healthbot.fakeslack.Message;
import io.sentry.Sentry;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Error reports end to end: the real Sentry SDK and plain POSTs to the real bot's HTTP endpoint, posts
 * grouped into a subscribed channel of the fake Slack, counters edited, Resolve then a regression.
 */
class ErrorReportsIT {

    static final String OPS = "C0OPS0001";
    static final Pattern DSN = Pattern.compile("http://([0-9a-f]{32})@127\\.0\\.0\\.1:(\\d+)/(\\d+)");
    /** Slack's counter edits wait 10 s between two edits of one post. */
    static final Duration EDIT_WAIT = Duration.ofSeconds(40);

    @TempDir
    Path dir;

    BotHarness h;
    final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() {
        h = new BotHarness(dir).start();
        int before = h.slack.responseUrlPosts().size();
        h.command("subscribe LIVE", FakeSlack.DEFAULT_USER_ID, OPS);
        h.slack.awaitResponseUrlPost(
                p -> h.slack.responseUrlPosts().indexOf(p) >= before
                        && p.text() != null
                        && p.text().contains("now gets alerts"),
                WAIT);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    /** The source's DSN, from the ephemeral answer to {@code /health errors add}. */
    private Matcher addSource(String name) {
        String text = h.command("errors add " + name + " env=LIVE").text();
        Matcher m = DSN.matcher(text);
        assertThat(m.find()).as("a DSN in: " + text).isTrue();
        return m;
    }

    private List<Message> topLevel() {
        return h.slack.messages(OPS).stream().filter(m -> !m.isReply()).toList();
    }

    private static String blocks(Message m) {
        return m.blocks() == null ? "" : m.blocks().toString();
    }

    private HttpResponse<String> post(String path, byte[] body, String... headers) throws Exception {
        int port = h.bot.httpAddress().orElseThrow().getPort();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The same line throws every time, so every occurrence has the same top frame. */
    private static IllegalStateException paymentFailure(int order) {
        return new IllegalStateException("payment for order " + order + " failed");
    }

    @Test
    void theSentrySdkReportsGroupedPostsCountersADifferentErrorAndARegressionAfterResolve() throws Exception {
        Matcher dsn = addSource("checkout");
        Sentry.init(o -> {
            o.setDsn(dsn.group(0));
            o.setMaxQueueSize(200);
            o.setSendClientReports(false);
            o.setEnableUncaughtExceptionHandler(false);
            o.addInAppInclude("dev.healthbot");
            o.setEnvironment("production");
            o.setRelease("shop@1.2.3");
        });
        try {
            Sentry.captureException(paymentFailure(1));
            Sentry.flush(10_000);
            Message first =
                    h.slack.awaitMessage(OPS, m -> !m.isReply() && blocks(m).contains("payment for order"), WAIT);
            assertThat(blocks(first)).contains("IllegalStateException", "checkout", "shop@1.2.3", "production");
            Message details = h.slack.awaitMessage(OPS, m -> first.ts().equals(m.threadTs()), WAIT);
            assertThat(blocks(details)).contains("Stack trace", "paymentFailure");

            for (int i = 0; i < 50; i++) {
                Sentry.captureException(paymentFailure(100 + i));
                if (i % 10 == 9) {
                    Sentry.flush(10_000);
                }
            }
            Sentry.flush(10_000);
            Message counted = h.slack.awaitMessage(
                    OPS, m -> m.ts().equals(first.ts()) && blocks(m).contains("*Count:* 51"), EDIT_WAIT);
            assertThat(counted.updates()).isGreaterThan(0);
            h.slack.awaitMessage(
                    OPS, m -> first.ts().equals(m.threadTs()) && blocks(m).contains("10 occurrences"), WAIT);
            assertThat(topLevel()).hasSize(1);

            Sentry.captureException(new IllegalArgumentException("coupon code is malformed"));
            Sentry.flush(10_000);
            h.slack.awaitMessage(OPS, m -> !m.isReply() && blocks(m).contains("coupon code"), WAIT);
            assertThat(topLevel()).hasSize(2);

            String groupId = group(first);
            h.slack
                    .blockAction(
                            "error_resolve", "error_group_" + groupId, groupId, FakeSlack.DEFAULT_USER_ID, OPS, null)
                    .get(10, TimeUnit.SECONDS);
            h.slack.awaitMessage(
                    OPS,
                    m -> m.ts().equals(first.ts())
                            && blocks(m).contains("resolved by <@" + FakeSlack.DEFAULT_USER_ID + ">"),
                    WAIT);

            Sentry.captureException(paymentFailure(7));
            Sentry.flush(10_000);
            Message regression =
                    h.slack.awaitMessage(OPS, m -> !m.isReply() && blocks(m).contains("Regression"), WAIT);
            assertThat(blocks(regression)).contains("payment for order", "earlier post");
            assertThat(topLevel()).hasSize(3);
        } finally {
            Sentry.close();
        }
    }

    private static String group(Message m) {
        Matcher g = Pattern.compile("error_group_(\\d+)").matcher(blocks(m));
        assertThat(g.find()).isTrue();
        return g.group(1);
    }

    @Test
    void aPlainPostOfAnAxiosErrorArrivesWithItsSecretsRedacted() throws Exception {
        String key = addSource("web").group(1);
        String secret = "eyJhbGciOiJIUzI1NiJ9.c2VjcmV0dG9rZW4.abcdef123456";
        String body =
                """
                {"message": "Request failed with status code 500", "type": "AxiosError",
                 "service": "web-frontend", "environment": "production", "release": "web@4.5.6",
                 "stack": "AxiosError: Request failed with status code 500\\n    at settle (node_modules/axios/lib/core/settle.js:19:12)\\n    at onCheckout (src/checkout.js:42:7)",
                 "request": {"method": "POST", "url": "https://api.example.com/orders?access_token=%s", "status": 500,
                             "id": "req-77", "headers": {"Authorization": "Bearer %s", "Content-Type": "application/json"}},
                 "user_agent": "Mozilla/5.0",
                 "extra": {"config": {"headers": {"Authorization": "Bearer %s", "X-Api-Key": "k-%s"},
                                       "data": "{\\"email\\":\\"a@example.com\\",\\"password\\":\\"hunter2hunter2\\"}"}},
                 "tags": {"page": "/checkout", "session_token": "%s"}}
                """
                        .formatted(secret, secret, secret, secret, secret);
        HttpResponse<String> r =
                post("/errors/" + key, body.getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        Message top = h.slack.awaitMessage(OPS, m -> !m.isReply() && blocks(m).contains("AxiosError"), WAIT);
        Message details = h.slack.awaitMessage(OPS, m -> top.ts().equals(m.threadTs()), WAIT);
        assertThat(blocks(details))
                .contains("[redacted]", "Header Authorization: [redacted]", "config.headers.Authorization: [redacted]")
                .contains("POST https://api.example.com/orders?access_token=[redacted]", "→ 500", "req-77")
                .doesNotContain(secret)
                .doesNotContain("hunter2hunter2");
        for (FakeSlack.Sent sent : h.slack.sent()) {
            assertThat(sent.text()).doesNotContain(secret).doesNotContain("hunter2hunter2");
        }
    }

    @Test
    void aGzipEnvelopeIsTakenATruncatedOneIsRefusedAndOtherItemsAreDropped() throws Exception {
        Matcher dsn = addSource("api");
        String key = dsn.group(1);
        String id = dsn.group(3);
        String event = "{\"event_id\":\"0123456789abcdef0123456789abcdef\",\"level\":\"fatal\",\"platform\":\"python\","
                + "\"exception\":{\"values\":[{\"type\":\"KeyError\",\"value\":\"'user_id'\",\"stacktrace\":{\"frames\":["
                + "{\"filename\":\"app/views.py\",\"function\":\"checkout\",\"lineno\":12,\"in_app\":true}]}}]}}";
        byte[] eventBytes = event.getBytes(StandardCharsets.UTF_8);
        String envelope = "{\"event_id\":\"0123456789abcdef0123456789abcdef\"}\n"
                + "{\"type\":\"session\"}\n{\"sid\":\"x\"}\n"
                + "{\"type\":\"event\",\"length\":" + eventBytes.length + "}\n" + event + "\n";
        String auth = "Sentry sentry_version=7, sentry_client=test/1.0, sentry_key=" + key;

        HttpResponse<String> ok = post(
                "/api/" + id + "/envelope/",
                gzip(envelope.getBytes(StandardCharsets.UTF_8)),
                "X-Sentry-Auth",
                auth,
                "Content-Encoding",
                "gzip",
                "Content-Type",
                "application/x-sentry-envelope");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(ok.body()).contains("0123456789abcdef0123456789abcdef");
        h.slack.awaitMessage(OPS, m -> !m.isReply() && blocks(m).contains("KeyError"), WAIT);

        byte[] zipped = gzip(envelope.getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> cut = post(
                "/api/" + id + "/envelope/",
                Arrays.copyOf(zipped, zipped.length / 2),
                "X-Sentry-Auth",
                auth,
                "Content-Encoding",
                "gzip");
        assertThat(cut.statusCode()).isEqualTo(400);
        assertThat(cut.body()).contains("truncated");

        String shortEnvelope = "{}\n{\"type\":\"event\",\"length\":" + (eventBytes.length + 50) + "}\n" + event;
        HttpResponse<String> shortOne =
                post("/api/" + id + "/envelope/?sentry_key=" + key, shortEnvelope.getBytes(StandardCharsets.UTF_8));
        assertThat(shortOne.statusCode()).isEqualTo(400);
        assertThat(shortOne.body()).contains("truncated");

        HttpResponse<String> sessionOnly = post(
                "/api/" + id + "/envelope/?sentry_key=" + key,
                "{}\n{\"type\":\"session\"}\n{\"sid\":\"y\"}\n".getBytes(StandardCharsets.UTF_8));
        assertThat(sessionOnly.statusCode()).isEqualTo(200);

        HttpResponse<String> wrongKey = post(
                "/api/" + id + "/envelope/?sentry_key=" + "0".repeat(32), envelope.getBytes(StandardCharsets.UTF_8));
        assertThat(wrongKey.statusCode()).isEqualTo(403);
        assertThat(topLevel()).hasSize(1);
    }

    static byte[] gzip(byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(data);
        }
        return out.toByteArray();
    }
}
