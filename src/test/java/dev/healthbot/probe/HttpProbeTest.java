package dev.healthbot.probe;

import static dev.healthbot.probe.TestSupport.CLOCK;
import static dev.healthbot.probe.TestSupport.LOOPBACK;
import static dev.healthbot.probe.TestSupport.await;
import static dev.healthbot.probe.TestSupport.closedPort;
import static dev.healthbot.probe.TestSupport.spec;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.healthbot.monitor.FailureKind;
import dev.healthbot.monitor.ProbeResult;
import dev.healthbot.monitor.ProbeSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HttpProbeTest {

    private static final Duration SHORT = Duration.ofSeconds(1);

    private static final CountDownLatch release = new CountDownLatch(1);
    private static final CountDownLatch endlessClosed = new CountDownLatch(1);
    private static HttpServer server;
    private static ExecutorService serverThreads;
    private static OkHttpClient client;
    private static TestProbes probes;
    private static HttpProbe probe;
    private static String base;
    private static final List<String> connections = java.util.Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 256);
        serverThreads = Executors.newCachedThreadPool(ProbeSupport.daemonThreads("test-http"));
        server.setExecutor(serverThreads);
        server.createContext("/ok", ex -> respond(ex, 200, "hello"));
        server.createContext("/private", ex -> {
            String expected = "Basic "
                    + java.util.Base64.getEncoder()
                            .encodeToString("user:s3cret".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            respond(ex, expected.equals(ex.getRequestHeaders().getFirst("Authorization")) ? 200 : 401, "");
        });
        server.createContext("/fail", ex -> respond(ex, 503, "down"));
        server.createContext("/conn", ex -> {
            connections.add(ex.getRemoteAddress().getPort() + " "
                    + ex.getRequestHeaders().getFirst("Connection"));
            respond(ex, 200, "");
        });
        server.createContext("/moved", ex -> redirect(ex, 301, "/ok"));
        server.createContext("/r1", ex -> redirect(ex, 302, "/r2"));
        server.createContext("/r2", ex -> redirect(ex, 307, "r3"));
        server.createContext("/r3", ex -> redirect(ex, 308, base + "/ok"));
        server.createContext("/loop", ex -> redirect(ex, 302, "/loop"));
        server.createContext("/file", ex -> redirect(ex, 302, "file:///etc/passwd"));
        server.createContext("/hang", ex -> {
            awaitQuietly(release, 20_000);
            respond(ex, 200, "late");
        });
        server.createContext("/slow", ex -> {
            awaitQuietly(release, 1_500);
            respond(ex, 200, "late");
        });
        server.createContext("/trickle", ex -> {
            try (ex) {
                ex.sendResponseHeaders(200, 0);
                OutputStream out = ex.getResponseBody();
                for (int i = 0; i < 30; i++) {
                    out.write('x');
                    out.flush();
                    if (awaitQuietly(release, 1_000)) {
                        return;
                    }
                }
            } catch (IOException e) {
                // the client went away
            }
        });
        server.createContext("/endless", ex -> {
            byte[] block = new byte[8192];
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            try (ex) {
                ex.sendResponseHeaders(200, 0);
                OutputStream out = ex.getResponseBody();
                while (System.nanoTime() < until) {
                    out.write(block);
                    out.flush();
                }
            } catch (IOException e) {
                endlessClosed.countDown();
            }
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        client = HttpProbe.defaultClient();
        probes = new TestProbes(CLOCK);
        probe = probes.http(client);
    }

    @AfterAll
    static void stop() throws Exception {
        release.countDown();
        probes.close();
        server.stop(0);
        serverThreads.shutdownNow();
        client.dispatcher().cancelAll();
        client.connectionPool().evictAll();
    }

    private static boolean awaitQuietly(CountDownLatch latch, long millis) {
        try {
            return latch.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static void respond(HttpExchange ex, int code, String body) throws IOException {
        try (ex) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(code, bytes.length);
            ex.getResponseBody().write(bytes);
        }
    }

    private static void redirect(HttpExchange ex, int code, String location) throws IOException {
        try (ex) {
            ex.getResponseHeaders().add("Location", location);
            ex.sendResponseHeaders(code, -1);
        }
    }

    private static ProbeResult run(ProbeSpec spec) throws Exception {
        return run(probe, spec);
    }

    private static ProbeResult run(HttpProbe p, ProbeSpec spec) throws Exception {
        long start = System.nanoTime();
        return await(p.probe(spec), spec.timeout(), start);
    }

    @Test
    void okIsUp() throws Exception {
        ProbeResult r = run(spec(base + "/ok", SHORT));
        assertThat(r.up()).isTrue();
        assertThat(r.failure()).isEqualTo(FailureKind.NONE);
        assertThat(r.detail()).isEqualTo("HTTP 200 OK");
    }

    @Test
    void everyProbeOpensItsOwnConnectionAndAsksTheServerToCloseIt() throws Exception {
        // The JDK server keeps connections alive and the client has a pool: without the probe's
        // "Connection: close" the second probe would reuse the first one's connection.
        assertThat(run(spec(base + "/conn", SHORT)).up()).isTrue();
        assertThat(run(spec(base + "/conn", SHORT)).up()).isTrue();

        assertThat(connections).hasSize(2);
        assertThat(connections).allSatisfy(c -> assertThat(c).endsWith(" close"));
        assertThat(connections.get(0).split(" ")[0])
                .isNotEqualTo(connections.get(1).split(" ")[0]);
    }

    @Test
    void unexpectedStatusIsDown() throws Exception {
        ProbeResult r = run(spec(base + "/fail", SHORT));
        assertThat(r.up()).isFalse();
        assertThat(r.failure()).isEqualTo(FailureKind.HTTP_STATUS);
        assertThat(r.detail()).isEqualTo("HTTP 503 Service Unavailable");
    }

    @Test
    void expectedRedirectStatusIsUpWithoutFollowing() throws Exception {
        ProbeResult r = run(spec(base + "/moved", SHORT, "200-299,301"));
        assertThat(r.up()).isTrue();
        assertThat(r.detail()).isEqualTo("HTTP 301 Moved Permanently");
    }

    @Test
    void redirectChainIsFollowed() throws Exception {
        ProbeResult r = run(spec(base + "/r1", SHORT, "200-299"));
        assertThat(r.up()).isTrue();
        assertThat(r.detail()).isEqualTo("HTTP 200 OK (after 3 redirects)");
    }

    @Test
    void redirectLoopFails() throws Exception {
        ProbeResult r = run(spec(base + "/loop", SHORT, "200-299"));
        assertThat(r.failure()).isEqualTo(FailureKind.REDIRECT);
        assertThat(r.detail()).isEqualTo("redirect loop: " + base + "/loop → " + base + "/loop");
    }

    @Test
    void redirectToFileIsRefused() throws Exception {
        ProbeResult r = run(spec(base + "/file", SHORT, "200-299"));
        assertThat(r.failure()).isEqualTo(FailureKind.REDIRECT);
        assertThat(r.detail()).isEqualTo("redirect to file: refused after " + base + "/file");
    }

    @Test
    void slowAnswerTimesOut() throws Exception {
        ProbeResult r = run(spec(base + "/slow", SHORT));
        assertThat(r.failure()).isEqualTo(FailureKind.TIMEOUT);
        assertThat(r.detail()).isEqualTo("timed out after 1 s");
        assertThat(r.latency()).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void silentServerTimesOut() throws Exception {
        try (TestSupport.RawServer silent = TestSupport.RawServer.silent()) {
            ProbeResult r = run(spec("http://127.0.0.1:" + silent.port() + "/", SHORT));
            assertThat(r.failure()).isEqualTo(FailureKind.TIMEOUT);
        }
    }

    @Test
    void serverClosingAtOnceIsReset() throws Exception {
        try (TestSupport.RawServer closing = TestSupport.RawServer.closing()) {
            ProbeResult r = run(spec("http://127.0.0.1:" + closing.port() + "/", SHORT));
            assertThat(r.failure()).isEqualTo(FailureKind.RESET);
        }
    }

    @Test
    void closedPortIsRefused() throws Exception {
        ProbeResult r = run(spec("http://127.0.0.1:" + closedPort() + "/", SHORT));
        assertThat(r.failure()).isEqualTo(FailureKind.REFUSED);
        assertThat(r.detail()).isEqualTo("connection refused");
    }

    @Test
    void tricklingBodyTimesOut() throws Exception {
        ProbeResult r = run(spec(base + "/trickle", Duration.ofMillis(1500)));
        assertThat(r.failure()).isEqualTo(FailureKind.TIMEOUT);
    }

    @Test
    void endlessBodyIsUpAfterReadingAtMost64KiB() throws Exception {
        ProbeResult r = run(spec(base + "/endless", Duration.ofSeconds(2)));
        assertThat(r.up()).isTrue();
        assertThat(r.detail()).isEqualTo("HTTP 200 OK");
        assertThat(endlessClosed.await(5, TimeUnit.SECONDS))
                .as("server saw the connection closed")
                .isTrue();
    }

    @Test
    void credentialsInTheUrlAreSentAsBasicAuth() throws Exception {
        String withCredentials = base.replace("http://", "http://user:s3cret@") + "/private";
        assertThat(run(spec(withCredentials, Duration.ofSeconds(2))).up()).isTrue();
        ProbeResult without = run(spec(base + "/private", Duration.ofSeconds(2)));
        assertThat(without.failure()).isEqualTo(FailureKind.HTTP_STATUS);
        assertThat(without.detail()).contains("401");
    }

    @Test
    void unknownHostIsDns() throws Exception {
        // The loopback resolver answers "unknown" without sending a DNS query off the machine.
        try (AddressPolicy policy = AddressPolicy.allowAll(LoopbackResolver.INSTANCE);
                TestProbes kit = new TestProbes(CLOCK, policy)) {
            ProbeResult r = run(kit.http(client), spec("http://healthbot-test.invalid/", Duration.ofSeconds(2)));
            assertThat(r.failure()).isEqualTo(FailureKind.DNS);
            assertThat(r.detail()).isEqualTo("unknown host healthbot-test.invalid");
        }
    }

    @Test
    void hangingDnsStillGivesTimeoutInTime() throws Exception {
        CountDownLatch dnsRelease = new CountDownLatch(1);
        try (AddressPolicy hanging = AddressPolicy.allowAll(host -> {
                    awaitQuietly(dnsRelease, 10_000);
                    throw new UnknownHostException(host);
                });
                TestProbes kit = new TestProbes(CLOCK, hanging)) {
            ProbeResult r = run(kit.http(client), spec("http://slow-dns.example/", SHORT));
            assertThat(r.failure()).isEqualTo(FailureKind.TIMEOUT);
        } finally {
            dnsRelease.countDown();
        }
    }

    @Test
    void httpsAgainstPlainHttpIsTls() throws Exception {
        String badRequest = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        try (TestSupport.RawServer plain = TestSupport.RawServer.replying(badRequest)) {
            ProbeResult r = run(spec("https://127.0.0.1:" + plain.port() + "/", SHORT));
            assertThat(r.failure()).isEqualTo(FailureKind.TLS);
            assertThat(r.detail()).isEqualTo("TLS: server did not speak TLS");
        }
    }

    @Test
    void detailsNeverShowCredentials() throws Exception {
        ProbeResult r = run(spec("http://user:s3cret@127.0.0.1:" + closedPort() + "/x?token=abc", SHORT));
        assertThat(r.failure()).isEqualTo(FailureKind.REFUSED);
        assertThat(r.detail()).doesNotContain("s3cret").doesNotContain("abc");
    }

    @Test
    void manyProbesAtOnceAllFinishInTimeAndGoodOnesAreUp() throws Exception {
        Duration timeout = Duration.ofSeconds(2);
        long start = System.nanoTime();
        List<CompletableFuture<ProbeResult>> good = new ArrayList<>();
        List<CompletableFuture<ProbeResult>> bad = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            bad.add(probe.probe(spec(base + "/hang?i=" + i, timeout)));
            good.add(probe.probe(spec(base + "/ok?i=" + i, timeout)));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("probe() returns at once")
                .isLessThan(Duration.ofSeconds(1));
        for (CompletableFuture<ProbeResult> f : good) {
            ProbeResult r = await(f, timeout, start);
            assertThat(r.up()).as(r.detail()).isTrue();
        }
        for (CompletableFuture<ProbeResult> f : bad) {
            assertThat(await(f, timeout, start).failure()).isEqualTo(FailureKind.TIMEOUT);
        }
    }
}
