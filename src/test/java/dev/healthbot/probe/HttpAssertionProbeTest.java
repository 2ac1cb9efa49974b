package dev.healthbot.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.healthbot.monitor.Assertions;
import dev.healthbot.monitor.FailureKind;
import dev.healthbot.monitor.JsonRule;
import dev.healthbot.monitor.ProbeOptions;
import dev.healthbot.monitor.ProbeResult;
import dev.healthbot.monitor.ProbeSpec;
import dev.healthbot.monitor.StatusCodes;
import dev.healthbot.monitor.Target;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP probe's assertions against a real local server: JSON health, body text, size cap, latency. */
class HttpAssertionProbeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final AtomicReference<String> health = new AtomicReference<>("{\"status\":\"UP\"}");
    private static final CountDownLatch never = new CountDownLatch(1);
    private static LoopbackHttp http;
    private static String base;

    @BeforeAll
    static void start() throws IOException {
        http = new LoopbackHttp("assert-http");
        HttpServer server = http.server;
        base = http.base;
        server.createContext(
                "/health",
                ex -> respond(ex, 200, "application/json", health.get().getBytes(StandardCharsets.UTF_8)));
        server.createContext(
                "/latin1",
                ex -> respond(
                        ex, 200, "text/plain; charset=ISO-8859-1", "état: prêt".getBytes(StandardCharsets.ISO_8859_1)));
        server.createContext("/huge", ex -> {
            byte[] big = new byte[1024 * 1024];
            java.util.Arrays.fill(big, (byte) ' ');
            big[0] = '{';
            respond(ex, 200, "application/json", big);
        });
        server.createContext("/slow", ex -> {
            try {
                never.await(300, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(ex, 200, "text/plain", "late".getBytes(StandardCharsets.UTF_8));
        });
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    private static void respond(HttpExchange ex, int code, String type, byte[] body) throws IOException {
        try (ex) {
            ex.getResponseHeaders().set("Content-Type", type);
            ex.sendResponseHeaders(code, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            } catch (IOException e) {
                // the probe stops reading after 64 KiB and closes the connection
            }
        }
    }

    private static ProbeResult probe(String path, Assertions assertions) throws Exception {
        ProbeSpec spec =
                new ProbeSpec(Target.parse(base + path), TIMEOUT, StatusCodes.DEFAULT, new ProbeOptions(assertions));
        return http.registry.probe(spec).get(TIMEOUT.toSeconds() + 3, TimeUnit.SECONDS);
    }

    private static Assertions json(String rules) {
        return new Assertions(null, null, JsonRule.parseAll(rules), null);
    }

    @Test
    void aJsonHealthThatTurnsDownFailsNamingTheRule() throws Exception {
        health.set("{\"status\":\"UP\",\"components\":{\"db\":{\"status\":\"UP\"}}}");
        Assertions rules = json("$.status == \"UP\" and $.components.db.status == \"UP\"");
        ProbeResult up = probe("/health", rules);
        assertThat(up.up()).as(up.detail()).isTrue();
        assertThat(up.detail()).isEqualTo("HTTP 200 OK");

        health.set("{\"status\":\"DOWN\",\"components\":{\"db\":{\"status\":\"DOWN\"}}}");
        ProbeResult down = probe("/health", rules);
        assertThat(down.up()).isFalse();
        assertThat(down.failure()).isEqualTo(FailureKind.ASSERTION);
        assertThat(down.detail()).isEqualTo("$.status was \"DOWN\", expected \"UP\"");
        assertThat(down.latency()).isPositive();
    }

    @Test
    void aThresholdOnAMetricFailsAboveIt() throws Exception {
        health.set("{\"name\":\"system.cpu.usage\",\"measurements\":[{\"statistic\":\"VALUE\",\"value\":0.97}]}");
        ProbeResult r = probe("/health", json("$.measurements[0].value < 0.9"));
        assertThat(r.failure()).isEqualTo(FailureKind.ASSERTION);
        assertThat(r.detail()).isEqualTo("$.measurements[0].value was 0.97, expected < 0.9");
    }

    @Test
    void bodyTextIsDecodedWithTheAnswersCharset() throws Exception {
        assertThat(probe("/latin1", new Assertions("prêt", null, List.of(), null))
                        .up())
                .isTrue();
        ProbeResult r = probe("/latin1", new Assertions(null, "état", List.of(), null));
        assertThat(r.failure()).isEqualTo(FailureKind.ASSERTION);
        assertThat(r.detail()).isEqualTo("body contains \"état\"");
    }

    @Test
    void onlyTheFirst64KiBAreReadAndAJsonRuleSaysTheBodyIsTooLarge() throws Exception {
        ProbeResult r = probe("/huge", json("$.status == \"UP\""));
        assertThat(r.failure()).isEqualTo(FailureKind.ASSERTION);
        assertThat(r.detail()).startsWith("body is larger than 64 KiB");
        // without assertions the same answer is simply up
        assertThat(probe("/huge", Assertions.NONE).up()).isTrue();
    }

    @Test
    void anAnswerSlowerThanTheLatencyMaxIsSlow() throws Exception {
        ProbeResult r = probe("/slow", new Assertions(null, null, List.of(), Duration.ofMillis(100)));
        assertThat(r.failure()).isEqualTo(FailureKind.SLOW);
        assertThat(r.detail()).startsWith("answered in ").endsWith(" ms, above the latency max of 100ms");
        assertThat(probe("/slow", new Assertions(null, null, List.of(), Duration.ofMillis(2900)))
                        .up())
                .isTrue();
    }
}
