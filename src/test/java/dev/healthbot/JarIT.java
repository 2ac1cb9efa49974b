package dev.healthbot;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.healthbot.fakeslack.FakeSlack;
import java.io.File;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
        try (FakeSlack slack = FakeSlack.start()) {
            Process p = launch(Map.of(
                    "SLACK_BOT_TOKEN", FakeSlack.BOT_TOKEN,
                    "SLACK_APP_TOKEN", FakeSlack.APP_TOKEN,
                    "SLACK_API_URL", slack.apiUrl()));
            try {
                slack.awaitConnected(java.time.Duration.ofSeconds(30));
                var ack = slack.slashCommand("help").get(10, TimeUnit.SECONDS);
                assertThat(ack.text()).contains("/health add");
                assertThat(ack.elapsed()).isLessThan(java.time.Duration.ofSeconds(3));
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
            assertThat(r.err()).contains("connected").contains("stopped").contains("http stopped");
            assertThat(r.err()).doesNotContain(FakeSlack.BOT_TOKEN).doesNotContain(FakeSlack.APP_TOKEN);
            slack.assertNoViolations();
        }
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
