package dev.healthbot;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.healthbot.fakeslack.Ack;
import dev.healthbot.fakeslack.FakeSlack;
import dev.healthbot.monitor.Environment;
import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.Origin;
import dev.healthbot.monitor.Status;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Registering, listing, checking, editing and removing servers through Slack, end to end. */
class ServersIT {

    @TempDir
    Path dir;

    BotHarness h;
    HttpServer target;
    final AtomicInteger status = new AtomicInteger(200);
    final AtomicInteger hits = new AtomicInteger();
    String url;

    @BeforeEach
    void start() throws Exception {
        target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        target.createContext("/", ex -> {
            hits.incrementAndGet();
            ex.sendResponseHeaders(status.get(), -1);
            ex.close();
        });
        target.start();
        url = "http://127.0.0.1:" + target.getAddress().getPort() + "/health";
    }

    @AfterEach
    void stop() {
        if (h != null) {
            h.close();
        }
        target.stop(0);
    }

    private Status awaitStatus(String name, Status wanted) {
        long deadline = System.nanoTime() + BotHarness.WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Monitor m = h.bot.monitors().find(name).orElseThrow();
            Status s = h.bot.monitors().state(m.id()).orElseThrow().status();
            if (s == wanted) {
                return s;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
        }
        throw new AssertionError(name + " never became " + wanted);
    }

    @Test
    void addByArgumentsListCheckAndRemove() throws Exception {
        h = new BotHarness(dir).start();
        Ack added = h.command("add api-live " + url + " env=LIVE every=1s timeout=500ms");
        assertThat(added.text()).contains("api-live").contains("registered");
        awaitStatus("api-live", Status.UP);

        Ack list = h.command("list");
        assertThat(list.text()).contains("1 servers").contains("api-live UP");
        assertThat(list.payload().toString()).contains("LIVE").contains("alerts on");

        Ack status2 = h.command("status");
        assertThat(status2.text()).contains("api-live UP");

        status.set(503);
        String checked = h.commandLater("check api-live", t -> t.contains("api-live is"));
        assertThat(checked).contains("HTTP 503");

        Ack confirm = h.command("remove api-live");
        assertThat(confirm.payload().toString()).contains("server_remove").contains("Remove");
        h.slack
                .blockAction(
                        "server_remove",
                        "remove_confirm",
                        "api-live",
                        FakeSlack.DEFAULT_USER_ID,
                        FakeSlack.DEFAULT_CHANNEL_ID,
                        null)
                .get(5, TimeUnit.SECONDS);
        h.slack.awaitResponseUrlPost(p -> p.text() != null && p.text().contains("removed"), BotHarness.WAIT);
        assertThat(h.bot.monitors().find("api-live")).isEmpty();
        assertThat(h.command("list").text()).contains("No servers yet");
    }

    @Test
    void badArgumentsAreRefusedWithTheReasonAndNothingIsSaved() {
        h = new BotHarness(dir).start();
        assertThat(h.command("add x ftp://nope").text())
                .contains("Nothing was saved")
                .contains("scheme");
        assertThat(h.command("add x " + url + " every=0s").text()).contains("1s to 24h");
        assertThat(h.command("add x " + url + " colour=red").text()).contains("Unknown option");
        assertThat(h.command("add onlyname").text()).contains("Usage");
        assertThat(h.command("check nothing-here").text()).contains("No server is named");
        assertThat(h.bot.monitors().list()).isEmpty();
        h.command("add dup " + url);
        assertThat(h.command("add DUP " + url).text()).contains("already exists");
    }

    @Test
    void addByModalWithFieldErrorsThenEditAndRename() {
        h = new BotHarness(dir).start();
        Ack opening = h.command("add");
        assertThat(opening.text()).contains("Opening");
        var open = h.slack.awaitCall("views.open", c -> true, BotHarness.WAIT);
        assertThat(open.json("view").toString())
                .contains("server_add")
                .contains("60s")
                .contains("200-299");

        Ack bad = h.submit("server_add", "", BotHarness.values(Map.of("name", "bad name!", "url", "gopher://x")));
        assertThat(bad.payload().get("response_action").getAsString()).isEqualTo("errors");
        assertThat(bad.payload().getAsJsonObject("errors").keySet()).containsExactlyInAnyOrder("name", "url");
        assertThat(h.bot.monitors().list()).isEmpty();

        Ack ok = h.submit("server_add", "", BotHarness.values(Map.of("name", "web", "url", url)));
        assertThat(ok.payload() == null || !ok.payload().has("errors")).isTrue();
        Monitor web = h.bot.monitors().find("web").orElseThrow();
        assertThat(web.settings().interval()).isEqualTo(Duration.ofSeconds(60));

        assertThat(h.command("edit web").text()).contains("Opening");
        var edit = h.slack.awaitCall(
                "views.open", c -> c.json("view").toString().contains("server_edit"), BotHarness.WAIT);
        assertThat(edit.json("view").toString()).contains(url);
        Ack saved = h.submit(
                "server_edit",
                "web",
                BotHarness.values(Map.of(
                        "name", "web-2", "url", url, "environment", "STAGE", "interval", "5m", "timeout", "2s")));
        assertThat(saved.payload() == null || !saved.payload().has("errors")).isTrue();
        Monitor renamed = h.bot.monitors().find("web-2").orElseThrow();
        assertThat(renamed.id()).isEqualTo(web.id());
        assertThat(renamed.settings().environment()).isEqualTo(Environment.STAGE);
        assertThat(renamed.settings().interval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(h.bot.monitors().find("web")).isEmpty();
    }

    @Test
    void aServerThatFailsGoesDownAfterItsThresholdAndStatusSurvivesARestart() {
        h = new BotHarness(dir).start();
        status.set(503);
        h.command("add flaky " + url + " every=1h timeout=1s failures=2");
        // Checked at once, then re-checked after 1 s while failing, so DOWN comes long before the 1 h interval.
        awaitStatus("flaky", Status.DOWN);
        h.stopBot();
        h.start();
        Monitor m = h.bot.monitors().find("flaky").orElseThrow();
        assertThat(h.bot.monitors().state(m.id()).orElseThrow().status()).isEqualTo(Status.DOWN);
    }

    @Test
    void serversFromTheFileAreAddedMarkedAndNotEditableFromSlack() throws Exception {
        Path file = dir.resolve("servers.yml");
        Files.writeString(
                file,
                """
                servers:
                  - name: from-file
                    url: %s
                    environment: LIVE
                    interval: 1h
                errors:
                  - name: shop-web
                    environment: STAGE
                maintenance:
                  - target: from-file
                    start: %s
                    duration: 2h
                    reason: planned upgrade
                """
                        .formatted(url, java.time.Instant.now().plusSeconds(3600)));
        h = new BotHarness(dir);
        h.env.put("HEALTHBOT_SERVERS_FILE", file.toString());
        LogCapture logs = LogCapture.attach();
        try {
            h.start();
        } finally {
            logs.close();
        }
        // The file's error source is made with a fresh key that no log line holds; `errors show` reveals it.
        String shown = h.command("errors show shop-web").text();
        java.util.regex.Matcher key =
                java.util.regex.Pattern.compile("/errors/([0-9a-f]{32})").matcher(shown);
        assertThat(key.find()).as(shown).isTrue();
        assertThat(shown).contains("(STAGE)").contains("Sentry DSN");
        assertThat(logs.lines().toString()).contains("names=shop-web").doesNotContain(key.group(1));
        assertThat(h.command("errors list").text()).contains("shop-web").doesNotContain(key.group(1));
        Monitor m = h.bot.monitors().find("from-file").orElseThrow();
        assertThat(m.origin()).isEqualTo(Origin.FILE);
        assertThat(h.command("list").payload().toString()).contains("file");
        assertThat(h.command("edit from-file").text()).contains("servers file");
        assertThat(h.command("remove from-file").text()).contains("servers file");
        h.command("add by-hand " + url + " every=1h");
        assertThat(h.command("maintenance list").text()).contains("#1").contains("planned upgrade");

        Files.writeString(file, "servers: []\nerrors:\n  - name: shop-web\n    environment: LIVE\n");
        h.stopBot();
        h.start();
        assertThat(h.bot.monitors().find("from-file")).isEmpty();
        assertThat(h.bot.monitors().find("by-hand")).isPresent();
        assertThat(h.command("errors show shop-web").text())
                .as("moved to LIVE, same key")
                .contains("(LIVE)")
                .contains(key.group(1));
    }
}
