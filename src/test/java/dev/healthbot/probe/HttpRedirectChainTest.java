package dev.healthbot.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.healthbot.monitor.Assertions;
import dev.healthbot.monitor.FailureKind;
import dev.healthbot.monitor.ProbeOptions;
import dev.healthbot.monitor.ProbeResult;
import dev.healthbot.monitor.ProbeSpec;
import dev.healthbot.monitor.RequestOptions;
import dev.healthbot.monitor.StatusCodes;
import dev.healthbot.monitor.Target;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Redirects are followed by default: chains, hop limits, loops, scheme changes, and follow_redirects=false. */
class HttpRedirectChainTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static LoopbackHttp http;
    private static String base;

    @BeforeAll
    static void start() throws IOException {
        http = new LoopbackHttp("redirect-http");
        HttpServer server = http.server;
        base = http.base;
        // /hop/<n> redirects to /hop/<n-1>; /hop/0 answers 200
        server.createContext("/hop/", ex -> {
            int n = Integer.parseInt(ex.getRequestURI().getPath().substring("/hop/".length()));
            if (n == 0) {
                answer(ex, 200, null);
            } else {
                answer(ex, 302, "/hop/" + (n - 1));
            }
        });
        server.createContext("/a", ex -> answer(ex, 301, "/b"));
        server.createContext("/b", ex -> answer(ex, 302, "/a"));
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    private static void answer(HttpExchange ex, int code, String location) throws IOException {
        try (ex) {
            if (location != null) {
                ex.getResponseHeaders().set("Location", location);
            }
            ex.sendResponseHeaders(code, -1);
        }
    }

    private static ProbeResult probe(String path, StatusCodes expected, boolean follow) throws Exception {
        RequestOptions request = new RequestOptions("GET", null, null, List.of(), true, follow);
        ProbeSpec spec =
                new ProbeSpec(Target.parse(base + path), TIMEOUT, expected, new ProbeOptions(Assertions.NONE, request));
        return http.probe.probe(spec).get(TIMEOUT.toSeconds() + 2, TimeUnit.SECONDS);
    }

    @Test
    void theDefaultExpectationFollowsRedirectsToTheirEnd() throws Exception {
        ProbeResult r = probe("/hop/1", StatusCodes.DEFAULT, true);
        assertThat(r.up()).as(r.detail()).isTrue();
        assertThat(r.detail()).isEqualTo("HTTP 200 OK (after 1 redirect)");
    }

    @Test
    void tenHopsAreFollowedAndElevenAreTooMany() throws Exception {
        ProbeResult ten = probe("/hop/10", StatusCodes.DEFAULT, true);
        assertThat(ten.up()).as(ten.detail()).isTrue();
        assertThat(ten.detail()).isEqualTo("HTTP 200 OK (after 10 redirects)");

        ProbeResult eleven = probe("/hop/11", StatusCodes.DEFAULT, true);
        assertThat(eleven.failure()).isEqualTo(FailureKind.REDIRECT);
        assertThat(eleven.detail()).startsWith("too many redirects (>10): " + base + "/hop/11 → " + base + "/hop/10");
    }

    @Test
    void aLoopIsARedirectFailureWithTheChain() throws Exception {
        ProbeResult r = probe("/a", StatusCodes.DEFAULT, true);
        assertThat(r.failure()).isEqualTo(FailureKind.REDIRECT);
        assertThat(r.detail()).isEqualTo("redirect loop: " + base + "/a → " + base + "/b → " + base + "/a");
    }

    @Test
    void withFollowRedirectsOffARedirectIsJudgedByItsOwnStatus() throws Exception {
        ProbeResult r = probe("/hop/1", StatusCodes.DEFAULT, false);
        assertThat(r.failure()).isEqualTo(FailureKind.HTTP_STATUS);
        assertThat(r.detail()).isEqualTo("HTTP 302 Temporary Redirect (not followed: follow_redirects is off)");
        // a 3xx that is expected counts as up, as before
        ProbeResult expected = probe("/hop/1", StatusCodes.parse("200-399"), false);
        assertThat(expected.up()).isTrue();
        assertThat(expected.detail()).isEqualTo("HTTP 302 Temporary Redirect");
    }

    @Test
    void aStepDownFromHttpsToHttpOrToAnotherSchemeIsRefusedWithTheChain() throws Exception {
        List<HttpUrl> chain = new ArrayList<>(List.of(HttpUrl.get("https://user:pw@api.example.com/health")));
        assertThatThrownBy(() -> HttpRedirects.next(chain, "http://api.example.com/health"))
                .hasMessage("redirect from https to http refused: https://***@api.example.com/health"
                        + " → http://api.example.com/health");
        assertThatThrownBy(() -> HttpRedirects.next(chain, "ftp://files.example.com/"))
                .hasMessage("redirect to ftp: refused after https://***@api.example.com/health");
        // http to https is an upgrade, and is followed
        List<HttpUrl> plain = new ArrayList<>(List.of(HttpUrl.get("http://api.example.com/")));
        assertThat(HttpRedirects.next(plain, "https://api.example.com/").toString())
                .isEqualTo("https://api.example.com/");
        assertThat(plain).hasSize(2);
    }

    @Test
    void aLongChainIsCutInTheDetail() {
        List<HttpUrl> urls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            urls.add(HttpUrl.get("http://host-" + i + ".example.com/a/rather/long/path/to/show"));
        }
        assertThat(HttpRedirects.chain(urls)).hasSize(HttpRedirects.MAX_CHAIN).endsWith("…");
    }
}
