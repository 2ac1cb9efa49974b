package dev.healthbot.probe;

import static dev.healthbot.probe.TestSupport.CLOCK;
import static dev.healthbot.probe.TestSupport.LOOPBACK;
import static dev.healthbot.probe.TestSupport.await;
import static dev.healthbot.probe.TestSupport.closedPort;
import static dev.healthbot.probe.TestSupport.spec;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.healthbot.monitor.FailureKind;
import dev.healthbot.monitor.Probe;
import dev.healthbot.monitor.ProbeResult;
import dev.healthbot.monitor.ProbeSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The address policy at probe time: every probe kind refuses a denied address before connecting,
 * redirects included. Only loopback is used: refused addresses (127.0.0.3) have nothing bound and are
 * never connected to; names resolve through a test resolver, never DNS.
 */
class ProbePolicyTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private static final AtomicInteger httpHits = new AtomicInteger();
    private static final AtomicInteger tcpAccepts = new AtomicInteger();
    private static final AtomicInteger wsOpens = new AtomicInteger();
    private static HttpServer http;
    private static ServerSocket tcp;
    private static Thread tcpAcceptor;
    private static WebSocketServer ws;
    private static OkHttpClient client;
    private static int nothing;

    /** Names for the tests: ok.test is 127.0.0.1, denied.test is 127.0.0.3; the rest do not resolve. */
    private static final AddressPolicy.Resolver NAMES = host -> switch (host) {
        case "ok.test" -> new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})};
        case "denied.test" -> new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 3})};
        default -> throw new UnknownHostException(host);
    };

    @BeforeAll
    static void start() throws Exception {
        nothing = closedPort();
        http = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 50);
        http.createContext("/", ex -> {
            httpHits.incrementAndGet();
            try (ex) {
                ex.sendResponseHeaders(200, -1);
            }
        });
        http.createContext("/to-denied-ip", ex -> {
            try (ex) {
                ex.getResponseHeaders().add("Location", "http://127.0.0.3:" + nothing + "/");
                ex.sendResponseHeaders(302, -1);
            }
        });
        http.createContext("/to-denied-name", ex -> {
            try (ex) {
                ex.getResponseHeaders().add("Location", "http://denied.test:" + nothing + "/");
                ex.sendResponseHeaders(302, -1);
            }
        });
        http.start();
        tcp = new ServerSocket();
        tcp.bind(new InetSocketAddress(LOOPBACK, 0), 50);
        tcpAcceptor = new Thread(
                () -> {
                    while (!tcp.isClosed()) {
                        try (Socket s = tcp.accept()) {
                            tcpAccepts.incrementAndGet();
                        } catch (IOException e) {
                            // closed
                        }
                    }
                },
                "test-tcp-accept");
        tcpAcceptor.setDaemon(true);
        tcpAcceptor.start();
        CountDownLatch started = new CountDownLatch(1);
        ws = new WebSocketServer(new InetSocketAddress(LOOPBACK, 0)) {
            @Override
            public void onOpen(WebSocket conn, ClientHandshake handshake) {
                wsOpens.incrementAndGet();
            }

            @Override
            public void onClose(WebSocket conn, int code, String reason, boolean remote) {}

            @Override
            public void onMessage(WebSocket conn, String message) {}

            @Override
            public void onError(WebSocket conn, Exception ex) {}

            @Override
            public void onStart() {
                started.countDown();
            }
        };
        ws.setDaemon(true);
        ws.start();
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        client = HttpProbe.defaultClient();
    }

    @AfterAll
    static void stop() throws Exception {
        http.stop(0);
        tcp.close();
        tcpAcceptor.join(5000);
        ws.stop(1000);
        client.connectionPool().evictAll();
    }

    private static ProbeResult run(Probe probe, ProbeSpec spec) throws Exception {
        long start = System.nanoTime();
        return await(probe.probe(spec), spec.timeout(), start);
    }

    /** Runs {@code spec} through the standard probes under the given lists. */
    private static ProbeResult probe(List<String> deny, List<String> allow, String url) throws Exception {
        try (AddressPolicy policy = AddressPolicy.of(deny, allow, NAMES);
                ProbeRegistry probes = ProbeRegistry.standard(client, CLOCK, policy)) {
            // Only 200 is up, so that redirects are followed.
            return run(probes, spec(url, TIMEOUT, "200"));
        }
    }

    private static String httpUrl(String host, String path) {
        return "http://" + host + ":" + http.getAddress().getPort() + path;
    }

    @Test
    void anAddressOutsideTheAllowListIsDeniedBeforeAnyConnect() throws Exception {
        List<String> allow = List.of("127.0.0.2/32");
        int hits = httpHits.get();
        int accepts = tcpAccepts.get();
        int opens = wsOpens.get();
        String reason = "127.0.0.1 is not in an allowed range (127.0.0.2/32); see HEALTHBOT_ALLOW_TARGETS";

        ProbeResult h = probe(List.of(), allow, httpUrl("127.0.0.1", "/"));
        assertThat(h.failure()).isEqualTo(FailureKind.DENIED);
        assertThat(h.detail()).isEqualTo(reason);
        ProbeResult t = probe(List.of(), allow, "tcp://127.0.0.1:" + tcp.getLocalPort());
        assertThat(t.failure()).isEqualTo(FailureKind.DENIED);
        assertThat(t.detail()).isEqualTo(reason);
        ProbeResult w = probe(List.of(), allow, "ws://127.0.0.1:" + ws.getPort() + "/");
        assertThat(w.failure()).isEqualTo(FailureKind.DENIED);
        assertThat(w.detail()).isEqualTo(reason);
        ProbeResult named = probe(List.of(), allow, httpUrl("ok.test", "/"));
        assertThat(named.failure()).isEqualTo(FailureKind.DENIED);
        assertThat(named.detail()).startsWith("ok.test resolves to 127.0.0.1, which is not in an allowed range");

        assertThat(httpHits.get()).isEqualTo(hits);
        assertThat(tcpAccepts.get()).isEqualTo(accepts);
        assertThat(wsOpens.get()).isEqualTo(opens);
    }

    @Test
    void allowedTargetsAreProbedAsBeforeByAddressAndByName() throws Exception {
        List<String> allow = List.of("127.0.0.1/32");
        for (String host : List.of("127.0.0.1", "ok.test")) {
            ProbeResult h = probe(List.of("169.254.0.0/16"), allow, httpUrl(host, "/"));
            assertThat(h.up()).as(host + " " + h.detail()).isTrue();
            ProbeResult t = probe(List.of("169.254.0.0/16"), allow, "tcp://" + host + ":" + tcp.getLocalPort());
            assertThat(t.up()).as(host + " " + t.detail()).isTrue();
            ProbeResult w = probe(List.of("169.254.0.0/16"), allow, "ws://" + host + ":" + ws.getPort() + "/");
            assertThat(w.up()).as(host + " " + w.detail()).isTrue();
        }
    }

    @Test
    void aRedirectToADeniedAddressIsDenied() throws Exception {
        ProbeResult r = probe(List.of("127.0.0.3/32"), List.of(), httpUrl("127.0.0.1", "/to-denied-ip"));
        assertThat(r.failure()).isEqualTo(FailureKind.DENIED);
        assertThat(r.detail()).isEqualTo("127.0.0.3 is in a denied range (127.0.0.3/32); see HEALTHBOT_DENY_TARGETS");
    }

    @Test
    void aRedirectToANameThatResolvesToADeniedAddressIsDenied() throws Exception {
        ProbeResult r = probe(List.of("127.0.0.3/32"), List.of(), httpUrl("ok.test", "/to-denied-name"));
        assertThat(r.failure()).isEqualTo(FailureKind.DENIED);
        assertThat(r.detail())
                .isEqualTo("denied.test resolves to 127.0.0.3, which is in a denied range (127.0.0.3/32);"
                        + " see HEALTHBOT_DENY_TARGETS");
    }

    @Test
    void everyProbeKindRefusesANameThatResolvesToADeniedAddress() throws Exception {
        List<String> deny = List.of("127.0.0.3/32");
        for (String url : List.of(
                "http://denied.test:" + nothing + "/",
                "https://denied.test:" + nothing + "/",
                "ws://denied.test:" + nothing + "/",
                "wss://denied.test:" + nothing + "/",
                "tcp://denied.test:" + nothing)) {
            ProbeResult r = probe(deny, List.of(), url);
            assertThat(r.failure()).as(url).isEqualTo(FailureKind.DENIED);
            assertThat(r.detail()).as(url).startsWith("denied.test resolves to 127.0.0.3, which is in a denied range");
        }
    }

    @Test
    void aNameThatDoesNotResolveIsStillDns() throws Exception {
        ProbeResult r = probe(List.of("127.0.0.3/32"), List.of(), "http://nowhere.test/");
        assertThat(r.failure()).isEqualTo(FailureKind.DNS);
        assertThat(r.detail()).isEqualTo("unknown host nowhere.test");
    }
}
