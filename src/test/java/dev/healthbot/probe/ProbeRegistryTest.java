package dev.healthbot.probe;

import static dev.healthbot.probe.TestSupport.CLOCK;
import static dev.healthbot.probe.TestSupport.LOOPBACK;
import static dev.healthbot.probe.TestSupport.NOW;
import static dev.healthbot.probe.TestSupport.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.healthbot.monitor.FailureKind;
import dev.healthbot.monitor.Probe;
import dev.healthbot.monitor.ProbeKind;
import dev.healthbot.monitor.ProbeResult;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class ProbeRegistryTest {

    private static Probe answering(String detail) {
        return spec -> CompletableFuture.completedFuture(ProbeResult.up(NOW, Duration.ZERO, detail));
    }

    private static ProbeResult get(CompletableFuture<ProbeResult> f) throws Exception {
        return f.get(5, TimeUnit.SECONDS);
    }

    @Test
    void dispatchesOnTheTargetKind() throws Exception {
        Map<ProbeKind, Probe> probes = new EnumMap<>(ProbeKind.class);
        probes.put(ProbeKind.HTTP, answering("http"));
        probes.put(ProbeKind.WEBSOCKET, answering("ws"));
        probes.put(ProbeKind.TCP, answering("tcp"));
        try (ProbeRegistry registry = new ProbeRegistry(probes, CLOCK)) {
            Duration t = Duration.ofSeconds(1);
            assertThat(get(registry.probe(spec("https://example.com/", t))).detail())
                    .isEqualTo("http");
            assertThat(get(registry.probe(spec("wss://example.com/", t))).detail())
                    .isEqualTo("ws");
            assertThat(get(registry.probe(spec("tcp://example.com:22", t))).detail())
                    .isEqualTo("tcp");
        }
    }

    @Test
    void missingKindIsError() throws Exception {
        try (ProbeRegistry registry = new ProbeRegistry(Map.of(ProbeKind.HTTP, answering("http")), CLOCK)) {
            ProbeResult r = get(registry.probe(spec("tcp://example.com:22", Duration.ofSeconds(1))));
            assertThat(r.failure()).isEqualTo(FailureKind.ERROR);
            assertThat(r.detail()).isEqualTo("no probe for TCP targets");
        }
    }

    @Test
    void throwingProbeIsError() throws Exception {
        Probe throwing = spec -> {
            throw new IllegalStateException("boom at http://user:pw@x/");
        };
        try (ProbeRegistry registry = new ProbeRegistry(Map.of(ProbeKind.HTTP, throwing), CLOCK)) {
            ProbeResult r = get(registry.probe(spec("http://example.com/", Duration.ofSeconds(1))));
            assertThat(r.failure()).isEqualTo(FailureKind.ERROR);
            assertThat(r.detail()).isEqualTo("probe failed: IllegalStateException: boom at [url]");
            assertThat(r.at()).isEqualTo(NOW);
        }
    }

    @Test
    void exceptionallyCompletedProbeIsError() throws Exception {
        Probe failing = spec -> CompletableFuture.failedFuture(new IOException("bad"));
        try (ProbeRegistry registry = new ProbeRegistry(Map.of(ProbeKind.HTTP, failing), CLOCK)) {
            ProbeResult r = get(registry.probe(spec("http://example.com/", Duration.ofSeconds(1))));
            assertThat(r.failure()).isEqualTo(FailureKind.ERROR);
            assertThat(r.detail()).isEqualTo("probe failed: IOException: bad");
        }
    }

    @Test
    void probeThatNeverCompletesTimesOutAfterTheGrace() throws Exception {
        Probe never = spec -> new CompletableFuture<>();
        Duration grace = Duration.ofMillis(300);
        try (ProbeRegistry registry = new ProbeRegistry(
                Map.of(ProbeKind.TCP, never), CLOCK, ProbeSupport.newTimer("test-timer"), grace, List.of())) {
            Duration timeout = Duration.ofMillis(200);
            long start = System.nanoTime();
            ProbeResult r = get(registry.probe(spec("tcp://example.com:22", timeout)));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(r.failure()).isEqualTo(FailureKind.TIMEOUT);
            assertThat(r.detail()).isEqualTo("no result within 500 ms");
            assertThat(took).isBetween(Duration.ofMillis(450), Duration.ofMillis(1500));
        }
    }

    @Test
    void defaultGraceIsTwoSeconds() throws Exception {
        Probe never = spec -> new CompletableFuture<>();
        try (ProbeRegistry registry = new ProbeRegistry(Map.of(ProbeKind.TCP, never), CLOCK)) {
            long start = System.nanoTime();
            ProbeResult r = get(registry.probe(spec("tcp://example.com:22", Duration.ofMillis(100))));
            assertThat(r.detail()).isEqualTo("no result within 2.1 s");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(2000));
        }
    }

    @Test
    void standardRegistryProbesRealTargets() throws Exception {
        OkHttpClient client = HttpProbe.defaultClient();
        try (AddressPolicy policy = AddressPolicy.allowAll(AddressPolicy.SYSTEM);
                ProbeRegistry registry = ProbeRegistry.standard(client, CLOCK, policy);
                ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(LOOPBACK, 0), 10);
            ProbeResult tcp =
                    get(registry.probe(spec("tcp://127.0.0.1:" + server.getLocalPort(), Duration.ofSeconds(1))));
            assertThat(tcp.up()).isTrue();
            ProbeResult ws = get(
                    registry.probe(spec("ws://127.0.0.1:" + TestSupport.closedPort() + "/", Duration.ofSeconds(1))));
            assertThat(ws.failure()).isEqualTo(FailureKind.REFUSED);
            ProbeResult http = get(
                    registry.probe(spec("http://127.0.0.1:" + TestSupport.closedPort() + "/", Duration.ofSeconds(1))));
            assertThat(http.failure()).isEqualTo(FailureKind.REFUSED);
        }
    }
}
