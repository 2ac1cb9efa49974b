package dev.healthbot;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 2,000 generated malformed error reports ({@link BadBodies}: wrong types, deep nesting, huge strings, invalid UTF-8,
 * broken envelopes, gzip bombs) against the real bot: each is answered 4xx with a reason, and the bot is healthy and
 * still takes a good report afterwards. Each body's time to its answer is recorded in the test's output, not
 * asserted: {@code bench.BadBodiesBench} measures it for docs/BENCHMARKS.md.
 */
class ErrorBadInputIT {

    static final int BODIES = 2000;

    @TempDir
    Path dir;

    @Test
    void everyMalformedBodyIsAnswered4xxWithAReasonAndTheBotStaysHealthy() throws Exception {
        try (BotHarness h = new BotHarness(dir).start()) {
            Matcher dsn = Pattern.compile("http://([0-9a-f]{32})@127\\.0\\.0\\.1:(\\d+)/(\\d+)")
                    .matcher(h.command("errors add fuzz").text());
            assertThat(dsn.find()).isTrue();
            int port = h.bot.httpAddress().orElseThrow().getPort();

            BadBodies.Fired fired = BadBodies.fire(port, dsn.group(3), BODIES, 14);
            assertThat(fired.wrong())
                    .as("answered other than 400/413/415 with a reason")
                    .isEmpty();
            assertThat(fired.all()).hasSize(BODIES);
            System.out.printf(
                    java.util.Locale.ROOT,
                    "bad bodies answered=%d p50Ms=%.1f p99Ms=%.1f maxMs=%.1f (recorded, not asserted)%n",
                    fired.all().size(),
                    BadBodies.Fired.percentile(fired.all(), 50),
                    BadBodies.Fired.percentile(fired.all(), 99),
                    BadBodies.Fired.percentile(fired.all(), 100));

            assertThat(BadBodies.healthz(port)).isEqualTo(200);
            HttpResponse<String> good = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/errors/" + dsn.group(1)))
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"still here\"}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(good.statusCode()).as(good.body()).isEqualTo(202);
        }
    }
}
