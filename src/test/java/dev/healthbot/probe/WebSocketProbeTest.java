package dev.healthbot.probe;

import static dev.healthbot.probe.TestSupport.CLOCK;
import static dev.healthbot.probe.TestSupport.LOOPBACK;
import static dev.healthbot.probe.TestSupport.await;
import static dev.healthbot.probe.TestSupport.closedPort;
import static dev.healthbot.probe.TestSupport.spec;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.healthbot.monitor.FailureKind;
import dev.healthbot.monitor.ProbeResult;
import dev.healthbot.monitor.ProbeSpec;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WebSocketProbeTest {

    private static final Duration SHORT = Duration.ofSeconds(1);

    private static final Set<String> userAgents = ConcurrentHashMap.newKeySet();
    private static WebSocketServer wsServer;
    private static HttpServer httpServer;
    private static TestProbes probes;
    private static WebSocketProbe probe;

    @BeforeAll
    static void start() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        wsServer = new WebSocketServer(new InetSocketAddress(LOOPBACK, 0)) {
            // Recorded before the 101 goes out: onOpen runs after it, racing the probe's result.
            @Override
            public org.java_websocket.handshake.ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(
                    WebSocket conn, org.java_websocket.drafts.Draft draft, ClientHandshake request)
                    throws org.java_websocket.exceptions.InvalidDataException {
                userAgents.add(request.getFieldValue("User-Agent"));
                return super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
            }

            @Override
            public void onOpen(WebSocket conn, ClientHandshake handshake) {}

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
        wsServer.setReuseAddr(true);
        wsServer.setDaemon(true);
        wsServer.start();
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        httpServer = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 50);
        httpServer.createContext("/", ex -> {
            try (ex) {
                byte[] body = "not a websocket".getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            }
        });
        httpServer.start();
        probes = new TestProbes(CLOCK);
        probe = probes.webSocket();
    }

    @AfterAll
    static void stop() throws Exception {
        probes.close();
        wsServer.stop(1000);
        httpServer.stop(0);
    }

    private static ProbeResult run(ProbeSpec spec) throws Exception {
        long start = System.nanoTime();
        return await(probe.probe(spec), spec.timeout(), start);
    }

    private static String wsUrl() {
        return "ws://127.0.0.1:" + wsServer.getPort() + "/socket";
    }

    @Test
    void acceptingServerIsUp() throws Exception {
        ProbeResult r = run(spec(wsUrl(), SHORT));
        assertThat(r.up()).as(r.detail()).isTrue();
        assertThat(r.detail()).isEqualTo("WebSocket handshake ok (HTTP 101)");
        assertThat(userAgents).contains("healthbot/0.1");
    }

    @Test
    void plainHttpServerIsHandshakeFailure() throws Exception {
        ProbeResult r = run(spec("ws://127.0.0.1:" + httpServer.getAddress().getPort() + "/", SHORT));
        assertThat(r.failure()).isEqualTo(FailureKind.HANDSHAKE);
        assertThat(r.detail()).isEqualTo("WebSocket handshake failed: HTTP 200 OK instead of 101");
    }

    @Test
    void silentServerTimesOut() throws Exception {
        try (TestSupport.RawServer silent = TestSupport.RawServer.silent()) {
            ProbeResult r = run(spec("ws://127.0.0.1:" + silent.port() + "/", SHORT));
            assertThat(r.failure()).isEqualTo(FailureKind.TIMEOUT);
            assertThat(r.detail()).isEqualTo("WebSocket handshake timed out after 1 s");
        }
    }

    @Test
    void serverClosingAtOnceIsReset() throws Exception {
        try (TestSupport.RawServer closing = TestSupport.RawServer.closing()) {
            ProbeResult r = run(spec("ws://127.0.0.1:" + closing.port() + "/", SHORT));
            assertThat(r.failure()).isIn(FailureKind.RESET, FailureKind.HANDSHAKE);
            assertThat(r.detail()).contains("closed by the server");
        }
    }

    @Test
    void closedPortIsRefused() throws Exception {
        ProbeResult r = run(spec("ws://127.0.0.1:" + closedPort() + "/", SHORT));
        assertThat(r.failure()).isEqualTo(FailureKind.REFUSED);
        assertThat(r.detail()).isEqualTo("connection refused");
    }

    @Test
    void unknownHostIsDns() throws Exception {
        // The loopback resolver answers "unknown" without sending a DNS query off the machine.
        try (AddressPolicy policy = AddressPolicy.allowAll(LoopbackResolver.INSTANCE);
                TestProbes kit = new TestProbes(CLOCK, policy)) {
            ProbeResult r = await(
                    kit.webSocket().probe(spec("ws://healthbot-test.invalid/", Duration.ofSeconds(2))),
                    Duration.ofSeconds(2),
                    System.nanoTime());
            assertThat(r.failure()).isEqualTo(FailureKind.DNS);
        }
    }

    @Test
    void wssAgainstPlainServerIsTls() throws Exception {
        String badRequest = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        try (TestSupport.RawServer plain = TestSupport.RawServer.replying(badRequest)) {
            // The server answers at once; the long timeout only keeps a loaded machine from turning TLS into TIMEOUT.
            ProbeResult r = run(spec("wss://127.0.0.1:" + plain.port() + "/", Duration.ofSeconds(10)));
            assertThat(r.failure()).isEqualTo(FailureKind.TLS);
            assertThat(r.detail()).isEqualTo("TLS: server did not speak TLS");
        }
    }

    @Test
    void workerThreadsAreReusedNotStartedPerProbe() throws Exception {
        try (TestSupport.RawServer silent = TestSupport.RawServer.silent()) {
            int refused = closedPort();
            Duration timeout = Duration.ofMillis(500);
            long start = System.nanoTime();
            List<CompletableFuture<ProbeResult>> futures = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String url =
                        switch (i % 3) {
                            case 0 -> "ws://127.0.0.1:" + refused + "/";
                            case 1 -> "ws://127.0.0.1:" + silent.port() + "/";
                            default -> wsUrl();
                        };
                futures.add(probe.probe(spec(url, timeout)));
            }
            for (CompletableFuture<ProbeResult> f : futures) {
                await(f, timeout, start);
            }
        }
        // One probe after another: each reuses an idle worker (a thread per probe would add 30). A
        // probe answers before its worker has finished the close handshake, so the next one may
        // take a second worker, and on a busy machine a third.
        Set<Thread> before = Set.copyOf(workers());
        for (int i = 0; i < 30; i++) {
            ProbeResult r = run(spec(wsUrl(), SHORT));
            assertThat(r.up()).as(r.detail()).isTrue();
        }
        List<Thread> started =
                workers().stream().filter(t -> !before.contains(t)).toList();
        assertThat(started).hasSizeLessThanOrEqualTo(3);
    }

    private static List<Thread> workers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(t ->
                        t.getName().startsWith("healthbot-ws-") && !t.getName().startsWith("healthbot-ws-timer"))
                .toList();
    }
}
