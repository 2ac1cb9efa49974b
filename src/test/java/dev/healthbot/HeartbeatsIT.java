package dev.healthbot;

import static dev.healthbot.BotHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.healthbot.alert.MutableClock;
import dev.healthbot.fakeslack.FakeSlack;
import dev.healthbot.fakeslack.Message;
import dev.healthbot.monitor.Status;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Heartbeats end to end: the real bot, the fake Slack and real HTTP pings to the bot's endpoint;
 * time moves through the injected clock, so a minute of silence takes no minute of test.
 */
class HeartbeatsIT {

    static final String OPS = "C0HBEAT001";
    static final Pattern PING_URL = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/ping/([A-Za-z0-9_-]{22,64}))");

    @TempDir
    Path dir;

    final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    BotHarness h;
    LogCapture logs;

    @BeforeEach
    void start() {
        logs = LogCapture.attach();
        h = new BotHarness(dir).start(clock);
        int before = h.slack.responseUrlPosts().size();
        h.command("subscribe DEV STAGE LIVE", FakeSlack.DEFAULT_USER_ID, OPS);
        h.slack.awaitResponseUrlPost(
                p -> h.slack.responseUrlPosts().indexOf(p) >= before
                        && p.text() != null
                        && p.text().contains("now gets alerts"),
                WAIT);
    }

    @AfterEach
    void stop() {
        h.close();
        logs.close();
    }

    /** Adds a heartbeat and returns its ping URL as the bot's reply shows it. */
    private String add(String name, String options) {
        String reply = h.command("add " + name + " heartbeat " + options).text();
        Matcher m = PING_URL.matcher(reply);
        assertThat(m.find()).as("a ping URL in: " + reply).isTrue();
        return m.group(1);
    }

    private HttpResponse<String> send(String url, String method, String body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
            b = body == null
                    ? b.method(method, HttpRequest.BodyPublishers.noBody())
                    : b.method(method, HttpRequest.BodyPublishers.ofString(body));
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(method + " failed", e);
        }
    }

    private int get(String url) {
        return send(url, "GET", null).statusCode();
    }

    private Status status(String name) {
        var m = h.bot.monitors().find(name).orElseThrow();
        return h.bot.monitors().state(m.id()).orElseThrow().status();
    }

    /**
     * Waits for a message in OPS, moving the clock on a second at a time: the dispatcher holds a
     * channel for a second of the bot's clock after each post, and that clock only moves when told.
     */
    private Message awaitNudging(java.util.function.Predicate<Message> wanted) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                return h.slack.awaitMessage(OPS, wanted, Duration.ofMillis(300));
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                clock.advance(Duration.ofSeconds(1));
            }
        }
    }

    private List<Message> topLevel() {
        return h.slack.messages(OPS).stream().filter(m -> !m.isReply()).toList();
    }

    @Test
    void aHeartbeatGoesUpOnAPingDownOnSilenceWithOnePostAndUpWithAThreadedRecovery() {
        String url = add("nightly-backup", "every=1m grace=1m env=LIVE");
        assertThat(status("nightly-backup")).isEqualTo(Status.PENDING);
        // PENDING has no deadline: hours of silence before the first ping are not an outage.
        clock.advance(Duration.ofHours(3));
        assertThat(h.bot.heartbeats().watched()).isZero();
        assertThat(status("nightly-backup")).isEqualTo(Status.PENDING);

        assertThat(get(url)).isEqualTo(200);
        assertThat(status("nightly-backup")).isEqualTo(Status.UP);
        assertThat(h.slack.messages(OPS))
                .as("a new heartbeat's first UP is not news")
                .isEmpty();

        // Within period + grace: still UP.
        clock.advance(Duration.ofSeconds(119));
        h.awaitStatus("nightly-backup", Status.UP, Duration.ofMillis(300));
        assertThat(status("nightly-backup")).isEqualTo(Status.UP);
        clock.advance(Duration.ofSeconds(2));
        h.awaitStatus("nightly-backup", Status.DOWN, WAIT);
        Message outage = h.slack.awaitMessage(OPS, m -> !m.isReply(), WAIT);
        assertThat(outage.text()).contains("nightly-backup is DOWN").contains("MISSED");
        assertThat(outage.blocks().toString()).contains("no ping for 2m");

        // More silence is no more news.
        clock.advance(Duration.ofMinutes(10));
        assertThat(get(url)).isEqualTo(200);
        assertThat(status("nightly-backup")).isEqualTo(Status.UP);
        Message reply = awaitNudging(Message::isReply);
        assertThat(reply.threadTs()).isEqualTo(outage.ts());
        assertThat(reply.text()).contains("nightly-backup is back UP");
        assertThat(topLevel()).hasSize(1);
        assertThat(h.slack.replies(OPS, outage.ts())).hasSize(1);
        assertThat(logs.lines().toString()).doesNotContain(url.substring(url.lastIndexOf('/') + 1));
    }

    @Test
    void aFailPingAndANonZeroExitCodeGoDownAtOnceAndExitZeroIsASuccess() {
        String url = add("etl", "every=1h grace=5m");
        assertThat(get(url + "/0")).isEqualTo(200);
        assertThat(status("etl")).isEqualTo(Status.UP);

        assertThat(send(url + "/fail", "POST", "step 3 of 5: <!channel> disk full")
                        .statusCode())
                .isEqualTo(200);
        assertThat(status("etl")).isEqualTo(Status.DOWN);
        Message outage = h.slack.awaitMessage(OPS, m -> !m.isReply(), WAIT);
        assertThat(outage.text()).contains("etl is DOWN").contains("JOB_FAILED");
        assertThat(outage.blocks().toString())
                .contains("disk full")
                .contains("&lt;!channel&gt;")
                .doesNotContain("<!channel>");
        // The body itself, escaped, is a reply in the outage post's thread (a follow-up row, paced after the post).
        Message log = awaitNudging(m -> m.isReply() && m.text().contains("Last ping body"));
        assertThat(log.threadTs()).isEqualTo(outage.ts());
        assertThat(log.blocks().toString())
                .contains("step 3 of 5: &lt;!channel&gt; disk full")
                .doesNotContain("<!channel>");

        clock.advance(Duration.ofSeconds(30));
        assertThat(get(url)).isEqualTo(200);
        assertThat(status("etl")).isEqualTo(Status.UP);
        awaitNudging(m -> m.isReply() && m.text().contains("back UP"));
        assertThat(h.slack.replies(OPS, outage.ts()))
                .as("one body reply and one recovery, sent once each")
                .hasSize(2);

        clock.advance(Duration.ofSeconds(30));
        assertThat(send(url + "/3", "POST", "exit 3").statusCode()).isEqualTo(200);
        assertThat(status("etl")).isEqualTo(Status.DOWN);
        Message second = awaitNudging(m -> !m.isReply() && !m.ts().equals(outage.ts()));
        assertThat(second.blocks().toString()).contains("exited with code 3");

        String check = h.command("check etl").text();
        assertThat(check).contains("etl is DOWN");
    }

    @Test
    void aRunStartedButNotFinishedWithinTheGraceIsCaughtAndAFinishedOneKnowsItsDuration() {
        String url = add("report", "every=1d grace=10m");
        assertThat(get(url + "/start")).isEqualTo(200);
        clock.advance(Duration.ofMinutes(4));
        assertThat(get(url)).isEqualTo(200);
        assertThat(status("report")).isEqualTo(Status.UP);
        var view = h.bot.heartbeats().view("report").orElseThrow();
        assertThat(view.record().lastDuration()).isEqualTo(Duration.ofMinutes(4));

        clock.advance(Duration.ofHours(1));
        assertThat(get(url + "/start")).isEqualTo(200);
        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        h.awaitStatus("report", Status.DOWN, WAIT);
        Message outage = h.slack.awaitMessage(OPS, m -> !m.isReply(), WAIT);
        assertThat(outage.blocks().toString()).contains("did not finish within the grace of 10m");
    }

    @Test
    void editShowsThePingUrlAgainAndNewKeyReplacesIt() {
        String url = add("rotated", "every=1h grace=5m");
        String shown = h.command("edit rotated").text();
        assertThat(shown).contains(url);
        String fresh = h.command("edit rotated new-key").text();
        Matcher m = PING_URL.matcher(fresh);
        assertThat(m.find()).isTrue();
        assertThat(m.group(1)).isNotEqualTo(url);
        assertThat(get(url)).isEqualTo(404);
        assertThat(get(m.group(1))).isEqualTo(200);
        assertThat(status("rotated")).isEqualTo(Status.UP);
        assertThat(h.command("add other heartbeat every=30s").text()).contains("1m to 31d");
        assertThat(h.command("add other heartbeat timeout=5s").text()).contains("does not apply");
        assertThat(h.command("list").text() + h.command("check rotated").text()).doesNotContain(m.group(2));
    }

    @Test
    void theAddFormsKindChoiceRedrawsItForAHeartbeatAndSavingItSendsThePingUrl() throws Exception {
        h.command("add");
        dev.healthbot.fakeslack.ViewCall opened = awaitView(v -> v.method().equals("views.open"));
        com.google.gson.JsonObject container = new com.google.gson.JsonObject();
        container.addProperty("type", "view");
        container.addProperty("view_id", opened.viewId());
        h.slack
                .blockAction(
                        dev.healthbot.slack.view.ServerModal.KIND_ACTION,
                        dev.healthbot.slack.view.ServerModal.KIND_BLOCK,
                        "heartbeat",
                        FakeSlack.DEFAULT_USER_ID,
                        null,
                        container)
                .get(10, java.util.concurrent.TimeUnit.SECONDS);
        dev.healthbot.fakeslack.ViewCall updated =
                awaitView(v -> v.method().equals("views.update") && v.viewId().equals(opened.viewId()));
        assertThat(updated.view().toString())
                .contains("Period")
                .contains("Grace")
                .doesNotContain("\"block_id\":\"url\"");

        com.google.gson.JsonObject values =
                BotHarness.values(java.util.Map.of("name", "formbeat", "interval", "1m", "timeout", "1m"));
        com.google.gson.JsonObject kind = new com.google.gson.JsonObject();
        com.google.gson.JsonObject radio = new com.google.gson.JsonObject();
        radio.addProperty("type", "radio_buttons");
        com.google.gson.JsonObject option = new com.google.gson.JsonObject();
        option.addProperty("value", "heartbeat");
        radio.add("selected_option", option);
        kind.add(dev.healthbot.slack.view.ServerModal.KIND_ACTION, radio);
        values.add(dev.healthbot.slack.view.ServerModal.KIND_BLOCK, kind);
        h.submit(dev.healthbot.slack.view.ServerModal.ADD_CALLBACK, "", values);
        Message notice = h.slack.awaitMessage(
                FakeSlack.DEFAULT_USER_ID, m -> m.text() != null && m.text().contains("formbeat registered"), WAIT);
        Matcher m = PING_URL.matcher(notice.text());
        assertThat(m.find()).as(notice.text()).isTrue();
        assertThat(h.bot.monitors().find("formbeat").orElseThrow().settings().heartbeat())
                .isTrue();
        assertThat(get(m.group(1))).isEqualTo(200);
        assertThat(status("formbeat")).isEqualTo(Status.UP);
    }

    /** A form's radio or checkbox state as Slack sends it in a submission. */
    private static com.google.gson.JsonObject chosen(String type, String actionId, String value) {
        com.google.gson.JsonObject element = new com.google.gson.JsonObject();
        element.addProperty("type", type);
        com.google.gson.JsonObject option = new com.google.gson.JsonObject();
        option.addProperty("value", value);
        if (type.equals("checkboxes")) {
            com.google.gson.JsonArray options = new com.google.gson.JsonArray();
            options.add(option);
            element.add("selected_options", options);
        } else {
            element.add("selected_option", option);
        }
        com.google.gson.JsonObject block = new com.google.gson.JsonObject();
        block.add(actionId, element);
        return block;
    }

    @Test
    void theEditFormOfAHeartbeatHasARotateKeyBoxThatGivesItANewUrlOnSave() {
        String url = add("formrotated", "every=1h grace=5m");
        assertThat(h.command("edit formrotated").text()).contains(url);
        dev.healthbot.fakeslack.ViewCall form = awaitView(v -> v.method().equals("views.open"));
        assertThat(form.view().toString())
                .contains(dev.healthbot.slack.view.ServerModal.ROTATE_BLOCK)
                .contains("Rotate the ping key");

        com.google.gson.JsonObject values = BotHarness.values(java.util.Map.of(
                "name",
                "formrotated",
                "url",
                "heartbeat:ping",
                "environment",
                "DEV",
                "interval",
                "2h",
                "timeout",
                "5m"));
        values.add(
                dev.healthbot.slack.view.ServerModal.ROTATE_BLOCK,
                chosen("checkboxes", dev.healthbot.slack.view.ServerModal.ROTATE_ACTION, "rotate"));
        h.submit(dev.healthbot.slack.view.ServerModal.EDIT_CALLBACK, "formrotated", values);
        Message notice = h.slack.awaitMessage(
                FakeSlack.DEFAULT_USER_ID, m -> m.text() != null && m.text().contains("with a new key"), WAIT);
        Matcher m = PING_URL.matcher(notice.text());
        assertThat(m.find()).as(notice.text()).isTrue();
        assertThat(m.group(1)).isNotEqualTo(url);
        assertThat(get(url)).isEqualTo(404);
        assertThat(get(m.group(1))).isEqualTo(200);
        assertThat(h.bot.monitors().find("formrotated").orElseThrow().settings().period())
                .isEqualTo(Duration.ofHours(2));

        // Saved without the box: the key stays.
        values.remove(dev.healthbot.slack.view.ServerModal.ROTATE_BLOCK);
        h.submit(dev.healthbot.slack.view.ServerModal.EDIT_CALLBACK, "formrotated", values);
        Message kept = h.slack.awaitMessage(
                FakeSlack.DEFAULT_USER_ID,
                x -> x.text() != null
                        && x.text().contains("formrotated")
                        && x.text().contains("saved")
                        && !x.text().contains("new key"),
                WAIT);
        assertThat(kept.text()).contains(m.group(1));
        assertThat(logs.lines().toString()).doesNotContain(m.group(2));
    }

    @Test
    void theAddFormsThirdKindCreatesAnErrorSourceAnsweringWithItsKeyEndpointAndDsn() throws Exception {
        h.command("add");
        dev.healthbot.fakeslack.ViewCall opened = awaitView(v -> v.method().equals("views.open"));
        assertThat(opened.view().toString()).contains("Error source: an app reports its errors");
        com.google.gson.JsonObject container = new com.google.gson.JsonObject();
        container.addProperty("type", "view");
        container.addProperty("view_id", opened.viewId());
        h.slack
                .blockAction(
                        dev.healthbot.slack.view.ServerModal.KIND_ACTION,
                        dev.healthbot.slack.view.ServerModal.KIND_BLOCK,
                        dev.healthbot.slack.view.ServerModal.KIND_ERRORS,
                        FakeSlack.DEFAULT_USER_ID,
                        null,
                        container)
                .get(10, java.util.concurrent.TimeUnit.SECONDS);
        dev.healthbot.fakeslack.ViewCall updated =
                awaitView(v -> v.method().equals("views.update") && v.viewId().equals(opened.viewId()));
        assertThat(updated.view().toString())
                .contains("Add an error source")
                .doesNotContain("\"block_id\":\"url\"")
                .doesNotContain("Period");

        com.google.gson.JsonObject bad =
                BotHarness.values(java.util.Map.of("name", "no spaces", "environment", "LIVE"));
        bad.add(
                dev.healthbot.slack.view.ServerModal.KIND_BLOCK,
                chosen("radio_buttons", dev.healthbot.slack.view.ServerModal.KIND_ACTION, "errors"));
        var refused = h.submit(dev.healthbot.slack.view.ServerModal.ADD_CALLBACK, "", bad);
        assertThat(refused.payload().get("response_action").getAsString()).isEqualTo("errors");
        assertThat(refused.payload().getAsJsonObject("errors").get("name").getAsString())
                .contains("A source name is 1 to 60");
        assertThat(h.command("errors list").text()).contains("No error sources yet");

        com.google.gson.JsonObject values =
                BotHarness.values(java.util.Map.of("name", "shop-web", "environment", "STAGE"));
        values.add(
                dev.healthbot.slack.view.ServerModal.KIND_BLOCK,
                chosen("radio_buttons", dev.healthbot.slack.view.ServerModal.KIND_ACTION, "errors"));
        h.submit(dev.healthbot.slack.view.ServerModal.ADD_CALLBACK, "", values);
        Message notice = h.slack.awaitMessage(
                FakeSlack.DEFAULT_USER_ID, m -> m.text() != null && m.text().contains("Sentry DSN"), WAIT);
        Matcher key = Pattern.compile("/errors/([0-9a-f]{32})").matcher(notice.text());
        assertThat(key.find()).as(notice.text()).isTrue();
        assertThat(notice.text()).contains("shop-web").contains("(STAGE)").contains("@127.0.0.1:");
        assertThat(h.bot.monitors().find("shop-web"))
                .as("no server is made of it")
                .isEmpty();
        String base =
                PING_URL.matcher(add("beat-for-base", "every=1h grace=5m")).replaceAll("$1");
        String endpoint = base.substring(0, base.indexOf("/ping/")) + "/errors/" + key.group(1);
        HttpResponse<String> accepted = client.send(
                HttpRequest.newBuilder(URI.create(endpoint))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"boom\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(logs.lines().toString()).doesNotContain(key.group(1));
    }

    private dev.healthbot.fakeslack.ViewCall awaitView(
            java.util.function.Predicate<dev.healthbot.fakeslack.ViewCall> p) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (var v : h.slack.views()) {
                if (p.test(v)) {
                    return v;
                }
            }
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
        }
        throw new AssertionError("no such view call; calls: " + h.slack.views());
    }

    @Test
    void anUnknownKeyIs404AMegabyteBodyIs413AndAFloodOnOneKeyIs429WhileAnotherKeyIs200() {
        String flooded = add("flooded", "every=1m grace=1m");
        String calm = add("calm", "every=1m grace=1m");
        InetSocketAddress at = h.bot.httpAddress().orElseThrow();
        String base = "http://127.0.0.1:" + at.getPort() + "/ping/";

        HttpResponse<String> unknown = send(base + "AAAAAAAAAAAAAAAAAAAAAAAA", "GET", null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(logs.lines().toString())
                .contains("ping unknown key=AAAA…")
                .doesNotContain("AAAAAAAAAAAAAAAAAAAAAAAA");
        assertThat(get(base + "short")).isEqualTo(404);
        assertThat(get(calm + "/nonsense")).isEqualTo(404);

        assertThat(send(calm, "POST", "x".repeat(1024 * 1024)).statusCode()).isEqualTo(413);

        int refused = 0;
        for (int i = 0; i < 40 && refused == 0; i++) {
            HttpResponse<String> r = send(flooded, "GET", null);
            if (r.statusCode() == 429) {
                refused++;
                assertThat(r.headers().firstValue("Retry-After")).isPresent();
            } else {
                assertThat(r.statusCode()).isEqualTo(200);
            }
        }
        assertThat(refused).as("the flood is refused").isEqualTo(1);
        assertThat(get(calm)).isEqualTo(200);
        assertThat(status("calm")).isEqualTo(Status.UP);
    }
}
