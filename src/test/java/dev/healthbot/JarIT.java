package dev.healthbot;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.sun.net.httpserver.HttpServer;
import dev.healthbot.config.HealthBotConfig;
import dev.healthbot.fakeslack.FakeSlack;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runnable jar, as a user starts it: {@code java -jar target/healthbot.jar}. */
class JarIT {

    static final Path JAR = Path.of("target/healthbot.jar");

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {}

    private Process launch(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("SLACK_") || k.startsWith("HEALTHBOT_"));
        pb.environment().put("HEALTHBOT_DB", dir.resolve("bot.db").toString());
        pb.environment().put("HEALTHBOT_HTTP_ADDR", "127.0.0.1:0"); // a free port: runs never collide on 8080
        pb.environment().putAll(env);
        return pb.start();
    }

    private Run finish(Process p, int seconds) throws Exception {
        boolean done = p.waitFor(seconds, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
            throw new AssertionError("process did not exit within " + seconds + " s; stderr: " + read("err.txt"));
        }
        return new Run(p.exitValue(), read("out.txt"), read("err.txt"));
    }

    private String read(String name) throws Exception {
        File f = dir.resolve(name).toFile();
        return f.exists() ? Files.readString(f.toPath(), StandardCharsets.UTF_8) : "";
    }

    @Test
    void withoutTokensItExitsAtOnceWithOneLineNamingTheVariable() throws Exception {
        Run r = finish(launch(Map.of()), 20);
        assertThat(r.exit()).isNotZero();
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err())
                .contains("SLACK_BOT_TOKEN")
                .contains("SLACK_APP_TOKEN")
                .contains("README");
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aMalformedTokenIsNamedButNeverPrinted() throws Exception {
        Run r = finish(
                launch(Map.of("SLACK_BOT_TOKEN", "xoxp-my-user-token-value", "SLACK_APP_TOKEN", FakeSlack.APP_TOKEN)),
                20);
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("SLACK_BOT_TOKEN is malformed").doesNotContain("my-user-token-value");
        assertThat(r.err().strip().lines()).hasSize(1);
    }

    @Test
    void theJarConnectsAnswersHelpAndStopsCleanlyOnSigterm() throws Exception {
        Run r = connectAskHelpAndStop(Map.of());
        assertThat(r.err()).contains("connected").contains("http stopped").contains("stopped");
    }

    @Test
    void withJsonLogsEveryLineOfItsOutputIsOneJsonObjectCarryingTheKeyValueLine() throws Exception {
        Run r = connectAskHelpAndStop(Map.of(HealthBotConfig.LOG_FORMAT, "json"));
        List<String> lines = r.err().lines().toList();
        assertThat(lines).isNotEmpty();
        List<String> messages = new ArrayList<>();
        for (String line : lines) {
            JsonObject event = strictJsonObject(line);
            assertThat(event.keySet()).as(line).contains("timestamp", "level", "loggerName", "formattedMessage");
            assertThat(event.get("timestamp").getAsLong()).as(line).isPositive();
            messages.add(event.get("formattedMessage").getAsString());
        }
        assertThat(messages)
                .anyMatch(m -> m.matches("connected startMs=\\d+"))
                .anyMatch(m -> m.startsWith("database open file="))
                .contains("stopped");
        assertThat(r.out()).isEmpty();
    }

    /** Starts the jar against a fake Slack, asks {@code /health help}, stops it with SIGTERM, checks a clean exit. */
    private Run connectAskHelpAndStop(Map<String, String> extraEnv) throws Exception {
        try (FakeSlack slack = FakeSlack.start()) {
            Map<String, String> env = new HashMap<>(extraEnv);
            env.put("SLACK_BOT_TOKEN", FakeSlack.BOT_TOKEN);
            env.put("SLACK_APP_TOKEN", FakeSlack.APP_TOKEN);
            env.put("SLACK_API_URL", slack.apiUrl());
            Process p = launch(env);
            try {
                slack.awaitConnected(java.time.Duration.ofSeconds(30));
                var ack = slack.slashCommand("help").get(10, TimeUnit.SECONDS);
                assertThat(ack.text()).contains("/health add");
                assertThat(ack.elapsed()).isLessThan(java.time.Duration.ofSeconds(3));
                // Slack answers before the start is over: /healthz is 200 only once the scheduler runs,
                // and the bot says so last.
                LoadKillIT.awaitLog(dir.resolve("err.txt"), "scheduled servers=");
                // The shaded jar serves its own endpoint: /healthz and /metrics on the port it logged.
                var port = java.util.regex.Pattern.compile("http listening addr=127\\.0\\.0\\.1:(\\d+)")
                        .matcher(read("err.txt"));
                assertThat(port.find()).as(read("err.txt")).isTrue();
                var http = java.net.http.HttpClient.newHttpClient();
                var healthz = http.send(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create("http://127.0.0.1:" + port.group(1) + "/healthz"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(healthz.statusCode()).as(healthz.body()).isEqualTo(200);
                var metrics = http.send(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create("http://127.0.0.1:" + port.group(1) + "/metrics"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(metrics.body())
                        .contains("healthbot_slack_connected 1.0")
                        .contains("jvm_memory_used_bytes");
            } finally {
                p.destroy(); // SIGTERM
            }
            Run r = finish(p, 10);
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.err()).doesNotContain(FakeSlack.BOT_TOKEN).doesNotContain(FakeSlack.APP_TOKEN);
            slack.assertNoViolations();
            return r;
        }
    }

    /** Parses one line as exactly one JSON object, refusing anything Gson's lenient mode would let through. */
    private static JsonObject strictJsonObject(String line) throws IOException {
        JsonReader reader = new JsonReader(new StringReader(line));
        reader.setStrictness(Strictness.STRICT);
        JsonElement parsed = JsonParser.parseReader(reader);
        assertThat(reader.peek()).as(line).isEqualTo(JsonToken.END_DOCUMENT);
        assertThat(parsed.isJsonObject()).as(line).isTrue();
        return parsed.getAsJsonObject();
    }

    @Test
    void backupCopiesTheDatabaseWithoutTokensAndNeverOverwrites() throws Exception {
        Run none = finish(launch(Map.of(), "backup", dir.resolve("copy.db").toString()), 20);
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.err().strip().lines()).hasSize(1);
        assertThat(none.err()).startsWith("healthbot: backup failed: no database at");
        assertThat(dir.resolve("bot.db")).doesNotExist();

        assertThat(finish(launch(Map.of(), "export"), 20).exit()).isZero(); // creates the database
        Run ok = finish(launch(Map.of(), "backup", dir.resolve("copy.db").toString()), 20);
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(ok.out()).startsWith("backup written: ").contains("integrity ok");
        assertThat(Files.size(dir.resolve("copy.db"))).isPositive();

        Run again = finish(launch(Map.of(), "backup", dir.resolve("copy.db").toString()), 20);
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err().strip().lines()).hasSize(1);
        assertThat(again.err()).contains("already exists; backup never overwrites a file");

        Run usage = finish(launch(Map.of(), "backup"), 20);
        assertThat(usage.exit()).isEqualTo(2);
        assertThat(usage.err().strip()).isEqualTo(BackupCommand.USAGE);
    }

    @Test
    void anHttpAddressInUseStopsTheStartWithOneLineNamingTheVariable() throws Exception {
        try (FakeSlack slack = FakeSlack.start();
                ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            String addr = "127.0.0.1:" + taken.getLocalPort();
            Run r = finish(
                    launch(Map.of(
                            "SLACK_BOT_TOKEN",
                            FakeSlack.BOT_TOKEN,
                            "SLACK_APP_TOKEN",
                            FakeSlack.APP_TOKEN,
                            "SLACK_API_URL",
                            slack.apiUrl(),
                            "HEALTHBOT_HTTP_ADDR",
                            addr)),
                    30);
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err().lines().filter(l -> l.startsWith("healthbot: ")))
                    .containsExactly("healthbot: HEALTHBOT_HTTP_ADDR=" + addr
                            + " cannot be listened on: the address is already in use");
            assertThat(r.err()).doesNotContain("\tat ").doesNotContain(FakeSlack.BOT_TOKEN);
            assertThat(slack.connectionsOpenedTotal())
                    .as("it stops before connecting to Slack")
                    .isZero();
        }
    }

    @Test
    void checkExitsZeroWhenUpAndOneWhenDown() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.start();
        try {
            Run up = finish(
                    launch(
                            Map.of(),
                            "check",
                            "http://127.0.0.1:" + server.getAddress().getPort() + "/"),
                    20);
            assertThat(up.exit()).isZero();
            assertThat(up.out()).startsWith("UP").contains("HTTP 200");
        } finally {
            server.stop(0);
        }
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Run down = finish(launch(Map.of(), "check", "tcp://127.0.0.1:" + closed, "--timeout", "2s"), 20);
        assertThat(down.exit()).isEqualTo(1);
        assertThat(down.out()).startsWith("DOWN REFUSED");
        Run bad = finish(launch(Map.of(), "check", "gopher://x/"), 20);
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("scheme");
    }

    @Test
    void exportPrintsTheServersAsYaml() throws Exception {
        Run r = finish(launch(Map.of(), "export"), 20);
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("servers:");
    }
}
