package dev.healthbot.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import dev.healthbot.monitor.Assertions;
import dev.healthbot.monitor.ProbeOptions;
import dev.healthbot.monitor.ProbeResult;
import dev.healthbot.monitor.ProbeSpec;
import dev.healthbot.monitor.RequestOptions;
import dev.healthbot.monitor.StatusCodes;
import dev.healthbot.monitor.Target;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the HTTP probe sends: methods, bodies, headers, and which of them follow a redirect. */
class HttpRequestProbeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final String SECRET = "Bearer s3cr3t-t0ken";

    /** One line per request a server saw: "port METHOD path content-type authorization x-team body". */
    private static final List<String> seen = new CopyOnWriteArrayList<>();

    private static LoopbackHttp http;
    private static LoopbackHttp other;
    private static String base;
    private static String otherBase;

    @BeforeAll
    static void start() throws IOException {
        http = new LoopbackHttp("request-http");
        other = new LoopbackHttp("request-other");
        for (LoopbackHttp s : List.of(http, other)) {
            s.server.createContext("/echo", HttpRequestProbeTest::echo);
        }
        base = http.base;
        otherBase = other.base;
        http.server.createContext("/see-other", ex -> redirect(ex, 303, "/echo"));
        http.server.createContext("/temporary", ex -> redirect(ex, 307, "/echo"));
        http.server.createContext("/away", ex -> redirect(ex, 302, otherBase + "/echo"));
    }

    @AfterAll
    static void stop() {
        http.close();
        other.close();
    }

    @BeforeEach
    void clear() {
        seen.clear();
    }

    private static void echo(HttpExchange ex) throws IOException {
        try (ex) {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.add(ex.getLocalAddress().getPort() + " " + ex.getRequestMethod() + " "
                    + ex.getRequestURI().getPath() + " "
                    + ex.getRequestHeaders().getFirst("Content-Type") + " "
                    + ex.getRequestHeaders().getFirst("Authorization") + " "
                    + ex.getRequestHeaders().getFirst("X-Team") + " " + body);
            byte[] answer = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, ex.getRequestMethod().equals("HEAD") ? -1 : answer.length);
            if (!ex.getRequestMethod().equals("HEAD")) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(answer);
                }
            }
        }
    }

    private static void redirect(HttpExchange ex, int code, String location) throws IOException {
        try (ex) {
            ex.getRequestBody().readAllBytes();
            ex.getResponseHeaders().set("Location", location);
            ex.sendResponseHeaders(code, -1);
        }
    }

    private static ProbeResult probe(String url, RequestOptions request) throws Exception {
        ProbeSpec spec = new ProbeSpec(
                Target.parse(url), TIMEOUT, StatusCodes.parse("200-299"), new ProbeOptions(Assertions.NONE, request));
        return http.probe.probe(spec).get(TIMEOUT.toSeconds() + 2, TimeUnit.SECONDS);
    }

    private static final List<RequestOptions.Header> HEADERS = List.of(
            new RequestOptions.Header("Authorization", SECRET), new RequestOptions.Header("X-Team", "payments"));

    @Test
    void eachMethodIsSentWithItsBodyAndHeaders() throws Exception {
        int port = http.port();
        assertThat(probe(base + "/echo", new RequestOptions("GET", null, null, HEADERS, true, true))
                        .up())
                .isTrue();
        assertThat(probe(base + "/echo", new RequestOptions("HEAD", null, null, List.of(), true, true))
                        .up())
                .isTrue();
        assertThat(probe(base + "/echo", new RequestOptions("POST", "{\"ping\":1}", null, HEADERS, true, true))
                        .up())
                .isTrue();
        assertThat(probe(
                                base + "/echo",
                                new RequestOptions("PUT", "ping", "text/plain; charset=utf-8", List.of(), true, true))
                        .up())
                .isTrue();
        assertThat(seen)
                .containsExactly(
                        port + " GET /echo null " + SECRET + " payments ",
                        port + " HEAD /echo null null null ",
                        port + " POST /echo application/json; charset=utf-8 " + SECRET + " payments {\"ping\":1}",
                        port + " PUT /echo text/plain; charset=utf-8 null null ping");
    }

    @Test
    void aPostRedirectedWith303BecomesAGetAnd307RepeatsIt() throws Exception {
        int port = http.port();
        RequestOptions post = new RequestOptions("POST", "{\"ping\":1}", null, List.of(), true, true);
        assertThat(probe(base + "/see-other", post).up()).isTrue();
        assertThat(probe(base + "/temporary", post).up()).isTrue();
        assertThat(seen)
                .containsExactly(
                        port + " GET /echo null null null ",
                        port + " POST /echo application/json; charset=utf-8 null null {\"ping\":1}");
    }

    @Test
    void headersNeverFollowARedirectToAnotherOrigin() throws Exception {
        ProbeResult r = probe(base + "/away", new RequestOptions("GET", null, null, HEADERS, true, true));
        assertThat(r.up()).as(r.detail()).isTrue();
        assertThat(seen).containsExactly(other.port() + " GET /echo null null null ");
    }
}
