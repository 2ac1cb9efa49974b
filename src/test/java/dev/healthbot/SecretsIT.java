package dev.healthbot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpServer;
import dev.healthbot.config.HealthBotConfig;
import dev.healthbot.fakeslack.Ack;
import dev.healthbot.fakeslack.FakeSlack;
import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.Status;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs a representative flow (start, commands, forms, an outage and its recovery, export through the jar, refused
 * tokens) and scans everything the bot logged, posted, opened and printed, and every exception message, for the
 * tokens and the credentials inside target URLs.
 */
class SecretsIT {

    static final String PASSWORD = "s3cr3t-pass";
    static final String QUERY_TOKEN = "t0ken-value";
    static final String API_KEY = "k3y-value";

    /** Every secret of the flow, and the distinctive tails of the tokens (a cut token is still a leak). */
    static final List<String> SECRETS = List.of(
            FakeSlack.BOT_TOKEN,
            FakeSlack.APP_TOKEN,
            tail(FakeSlack.BOT_TOKEN),
            tail(FakeSlack.APP_TOKEN),
            "2222222222-fakebot",
            "3333333333-fakeapp",
            PASSWORD,
            QUERY_TOKEN,
            API_KEY);

    @TempDir
    Path dir;

    private static String tail(String token) {
        return token.substring(token.lastIndexOf('-') + 1);
    }

    @Test
    void noTokenOrUrlCredentialReachesALogAMessageAViewAnExportOrAnExceptionMessage() throws Exception {
        AtomicInteger status = new AtomicInteger(200);
        AtomicReference<String> lastQuery = new AtomicReference<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            if (ex.getRequestURI().getPath().equals("/x")) {
                lastQuery.set(ex.getRequestURI().getRawQuery());
            }
            ex.sendResponseHeaders(status.get(), -1);
            ex.close();
        });
        server.start();
        int port = server.getAddress().getPort();
        String secretUrl = "http://user:" + PASSWORD + "@127.0.0.1:" + port + "/x?token=" + QUERY_TOKEN;
        String keyUrl = "http://127.0.0.1:" + port + "/k?api_key=" + API_KEY + "&page=2";

        List<String> exposed = new ArrayList<>(); // exception messages and process output, scanned at the end
        try (LogCapture logs = LogCapture.attach()) {
            BotHarness h = new BotHarness(dir);
            try {
                h.start();
                h.command("subscribe");
                h.slack.awaitResponseUrlPost(p -> p.text() != null && p.text().contains("now gets"), BotHarness.WAIT);

                Ack added = h.command("add secret-api " + secretUrl + " env=LIVE every=1s timeout=500ms failures=1");
                assertThat(added.text()).contains("registered").contains("***");
                Ack formed = h.submit("server_add", "", BotHarness.values(Map.of("name", "keyed", "url", keyUrl)));
                assertThat(formed.payload()).isNull();
                awaitStatus(h, "secret-api", Status.UP);
                // The probe itself uses the credentials: they are stored, just never shown.
                assertThat(lastQuery.get()).contains(QUERY_TOKEN);

                assertThat(h.command("list").payload().toString()).contains("***");
                h.commandLater("check secret-api", t -> t.contains("secret-api is"));

                // The edit form shows the URL masked; saving it unchanged keeps the real credentials.
                assertThat(h.command("edit secret-api").text()).contains("Opening");
                var form = h.slack.awaitCall(
                        "views.open", c -> c.json("view").toString().contains("server_edit"), BotHarness.WAIT);
                assertThat(form.json("view").toString()).contains("***").doesNotContain(PASSWORD);
                Ack saved = h.submit(
                        "server_edit",
                        "secret-api",
                        BotHarness.values(Map.of(
                                "name",
                                "secret-api",
                                "url",
                                h.bot.monitors()
                                        .find("secret-api")
                                        .orElseThrow()
                                        .settings()
                                        .target()
                                        .masked(),
                                "interval",
                                "1s",
                                "timeout",
                                "500ms",
                                "failures",
                                "1",
                                "environment",
                                "LIVE")));
                assertThat(saved.payload()).isNull();
                Monitor kept = h.bot.monitors().find("secret-api").orElseThrow();
                assertThat(kept.settings().target().secretUrl()).isEqualTo(secretUrl);

                // An outage and its recovery: posted, threaded and edited, all with the target masked.
                status.set(503);
                awaitStatus(h, "secret-api", Status.DOWN);
                h.slack.awaitMessage(
                        FakeSlack.DEFAULT_CHANNEL_ID,
                        m -> m.text() != null
                                && m.text().contains("secret-api")
                                && m.text().contains("DOWN"),
                        BotHarness.WAIT);
                status.set(200);
                awaitStatus(h, "secret-api", Status.UP);
                h.slack.awaitCall("chat.update", c -> true, BotHarness.WAIT);
                assertThat(lastQuery.get()).contains(QUERY_TOKEN);

                h.command("remove keyed");
                h.slack
                        .blockAction(
                                "server_remove",
                                "remove_confirm",
                                "keyed",
                                FakeSlack.DEFAULT_USER_ID,
                                FakeSlack.DEFAULT_CHANNEL_ID,
                                null)
                        .get(10, TimeUnit.SECONDS);
                h.slack.awaitResponseUrlPost(p -> p.text() != null && p.text().contains("removed"), BotHarness.WAIT);
            } finally {
                h.stopBot();
            }
            try {

                // export through the jar, on the same database.
                JarRun export = JarRun.run(dir, Map.of("HEALTHBOT_DB", h.db.toString()), "export");
                assertThat(export.exit()).isZero();
                assertThat(export.out()).contains("secret-api").contains("***");
                exposed.add(export.out());
                exposed.add(export.err());

                // Refused tokens: one line naming the variable, never the value.
                h.slack.rejectAuth("invalid_auth");
                exposed.add(startFailure(h.env));
                h.slack.rejectAuth(null);
                h.slack.rejectConnectionsOpen("invalid_auth");
                exposed.add(startFailure(h.env));
                h.slack.rejectConnectionsOpen(null);
                Map<String, String> swapped = Map.of(
                        "SLACK_BOT_TOKEN",
                        FakeSlack.APP_TOKEN,
                        "SLACK_APP_TOKEN",
                        FakeSlack.BOT_TOKEN,
                        "HEALTHBOT_DB",
                        h.db.toString());
                exposed.add(catchThrowable(() -> HealthBotConfig.fromEnvironment(swapped))
                        .getMessage());
                exposed.add(HealthBotConfig.fromEnvironment(h.env).toString());
                h.slack.rejectAuth("invalid_auth");
                JarRun refused = JarRun.run(
                        dir,
                        Map.of(
                                "SLACK_BOT_TOKEN",
                                FakeSlack.BOT_TOKEN,
                                "SLACK_APP_TOKEN",
                                FakeSlack.APP_TOKEN,
                                "SLACK_API_URL",
                                h.slack.apiUrl(),
                                "HEALTHBOT_DB",
                                h.db.toString()),
                        "run");
                h.slack.rejectAuth(null);
                assertThat(refused.exit()).as(refused.err()).isNotZero();
                assertThat(refused.err()).contains("invalid_auth");
                exposed.add(refused.out());
                exposed.add(refused.err());

                List<String> leaks = new ArrayList<>();
                for (LogCapture.Line l : logs.lines()) {
                    scan("log " + l.logger(), l.text(), leaks);
                }
                for (FakeSlack.Sent s : h.slack.sent()) {
                    scan("slack " + s.where(), s.text(), leaks);
                }
                for (String e : exposed) {
                    scan("output", e, leaks);
                }
                assertThat(leaks).as("secrets found").isEmpty();
                assertThat(logs.lines()).as("the scan saw the flow").hasSizeGreaterThan(20);
                System.out.printf(
                        "secrets logLines=%d slackTexts=%d outputs=%d secrets=%d leaks=%d%n",
                        logs.lines().size(), h.slack.sent().size(), exposed.size(), SECRETS.size(), leaks.size());
                h.slack.assertNoViolations();
            } finally {
                h.slack.close();
            }
        } finally {
            server.stop(0);
        }
    }

    private static void scan(String where, String text, List<String> leaks) {
        if (text == null) {
            return;
        }
        for (String s : SECRETS) {
            int at = text.indexOf(s);
            if (at >= 0) {
                leaks.add(where + " holds " + s.substring(0, 4) + "…: …"
                        + text.substring(Math.max(0, at - 60), at).replace(s, "<secret>") + "<secret>…");
            }
        }
    }

    private static String startFailure(Map<String, String> env) {
        Throwable t = catchThrowable(() -> Bot.start(HealthBotConfig.fromEnvironment(env), InstantSource.system())
                .close());
        assertThat(t).isNotNull();
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c).append('\n');
        }
        return all.toString();
    }

    private static void awaitStatus(BotHarness h, String name, Status wanted) {
        long deadline = System.nanoTime() + BotHarness.WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Monitor m = h.bot.monitors().find(name).orElseThrow();
            if (h.bot.monitors().state(m.id()).orElseThrow().status() == wanted) {
                return;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
        }
        throw new AssertionError(name + " never became " + wanted);
    }

    /** One run of {@code target/healthbot.jar} with a clean environment. */
    record JarRun(int exit, String out, String err) {
        static JarRun run(Path dir, Map<String, String> env, String... args) throws Exception {
            List<String> cmd = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar",
                    "target/healthbot.jar"));
            cmd.addAll(List.of(args));
            Path out = Files.createTempFile(dir, "out", ".txt");
            Path err = Files.createTempFile(dir, "err", ".txt");
            ProcessBuilder pb =
                    new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().keySet().removeIf(k -> k.startsWith("SLACK_") || k.startsWith("HEALTHBOT_"));
            pb.environment().put("HEALTHBOT_HTTP_ADDR", "127.0.0.1:0"); // a free port: runs never collide on 8080
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("jar did not exit: " + Files.readString(err));
            }
            return new JarRun(
                    p.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        }
    }
}
