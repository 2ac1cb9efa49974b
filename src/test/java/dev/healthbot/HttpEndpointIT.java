package dev.healthbot;

import static dev.healthbot.BotHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.healthbot.fakeslack.FakeSlack;
import dev.healthbot.http.PrometheusText;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real bot's HTTP endpoint, over real HTTP: /metrics after known events, /healthz through a Slack outage. */
class HttpEndpointIT {

    static final String OPS = "C0OPS0001";

    @TempDir
    Path dir;

    final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** The bot of the running test. */
    BotHarness h;

    private HttpResponse<String> get(String path) {
        InetSocketAddress at = h.bot.httpAddress().orElseThrow();
        try {
            return client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + at.getPort() + path))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("GET " + path + " failed", e);
        }
    }

    /** Polls until {@code done} holds for a response, or fails with the last one. */
    private HttpResponse<String> awaitGet(String path, Predicate<HttpResponse<String>> done, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        HttpResponse<String> last = get(path);
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "GET " + path + " never matched; last: " + last.statusCode() + " " + last.body());
            }
            LockSupport.parkNanos(50_000_000);
            last = get(path);
        }
        return last;
    }

    private PrometheusText awaitMetrics(Predicate<PrometheusText> done) {
        HttpResponse<String> r = awaitGet("/metrics", x -> done.test(PrometheusText.parse(x.body())), WAIT);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain; version=0.0.4"));
        return PrometheusText.parse(r.body());
    }

    private static boolean is(Optional<Double> v, double expected) {
        return v.isPresent() && v.get() == expected;
    }

    @Test
    void metricsFollowAServerThatGoesDownAndTheOutagePostThatFollows() throws Exception {
        try (Targets target = new Targets();
                BotHarness bot = new BotHarness(dir).start()) {
            h = bot;
            serverGoesDown(target);
        }
    }

    private void serverGoesDown(Targets target) throws Exception {
        int before = h.slack.responseUrlPosts().size();
        h.command("subscribe", FakeSlack.DEFAULT_USER_ID, OPS);
        h.slack.awaitResponseUrlPost(
                p -> h.slack.responseUrlPosts().indexOf(p) >= before
                        && p.text() != null
                        && p.text().contains("now gets alerts"),
                WAIT);
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        h.command("add web " + target.url("/health") + " env=LIVE every=1s timeout=500ms");
        h.command("add cache tcp://127.0.0.1:" + closed + " env=STAGE every=1s timeout=500ms failures=1");

        PrometheusText m =
                awaitMetrics(p -> is(p.value("healthbot_server_up", "server", "web", "environment", "LIVE"), 1)
                        && is(p.value("healthbot_server_up", "server", "cache", "environment", "STAGE"), 0));
        assertThat(m.value("healthbot_checks_total", "result", "refused"))
                .hasValueSatisfying(v -> assertThat(v).isPositive());
        assertThat(m.value("healthbot_checks_total", "result", "up"))
                .hasValueSatisfying(v -> assertThat(v).isPositive());
        assertThat(m.value("healthbot_server_latency_seconds", "server", "web", "environment", "LIVE"))
                .isPresent();
        assertThat(m.value("healthbot_slack_connected")).contains(1.0);
        assertThat(m.value("healthbot_scheduler_running")).contains(1.0);
        assertThat(m.count("jvm_threads_current")).isPositive();

        h.slack.awaitMessage(OPS, msg -> msg.text().contains("cache is DOWN"), WAIT);
        m = awaitMetrics(p -> is(p.value("healthbot_deliveries_sent_total", "kind", "outage"), 1)
                && is(p.value("healthbot_outbox_pending", "kind", "deliveries"), 0));
        assertThat(m.value("healthbot_outbox_pending", "kind", "changes")).contains(0.0);
        assertThat(m.value("healthbot_outbox_oldest_pending_age_seconds")).contains(0.0);

        target.status.set(503);
        awaitMetrics(p -> is(p.value("healthbot_server_up", "server", "web", "environment", "LIVE"), 0));
    }

    @Test
    void healthzGoes503WhileTheSlackConnectionIsClosedAndBackTo200AfterTheReconnect() {
        try (BotHarness bot = new BotHarness(dir).start()) {
            h = bot;
            slackGoesAwayAndComesBack();
        }
    }

    private void slackGoesAwayAndComesBack() {
        HttpResponse<String> ok = get("/healthz");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).startsWith("{\"status\":\"ok\",\"slack\":\"connected\",\"scheduler\":\"running\"");

        // Slack drops the socket and refuses new ones for a while.
        h.slack.rejectConnectionsOpen("internal_error");
        h.slack.dropSocket();
        HttpResponse<String> down = awaitGet("/healthz", r -> r.statusCode() == 503, WAIT);
        assertThat(down.body())
                .contains("\"slack\":\"disconnected\"")
                .contains("slack: the Socket Mode connection is not open")
                .contains("\"scheduler\":\"running\",\"database\":\"ok\"");

        h.slack.rejectConnectionsOpen(null);
        awaitGet("/healthz", r -> r.statusCode() == 200, Duration.ofSeconds(60));
        assertThat(PrometheusText.parse(get("/metrics").body()).value("healthbot_slack_reconnects_total"))
                .hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(1));
    }
}
