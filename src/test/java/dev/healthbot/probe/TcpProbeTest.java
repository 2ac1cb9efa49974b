package dev.healthbot.probe;

import static dev.healthbot.probe.TestSupport.CLOCK;
import static dev.healthbot.probe.TestSupport.LOOPBACK;
import static dev.healthbot.probe.TestSupport.await;
import static dev.healthbot.probe.TestSupport.closedPort;
import static dev.healthbot.probe.TestSupport.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.healthbot.monitor.FailureKind;
import dev.healthbot.monitor.ProbeResult;
import dev.healthbot.monitor.ProbeSpec;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TcpProbeTest {

    private static final Duration SHORT = Duration.ofSeconds(1);
    private static TestProbes probes;
    private static TcpProbe probe;

    @BeforeAll
    static void start() {
        probes = new TestProbes(CLOCK);
        probe = probes.tcp();
    }

    @AfterAll
    static void stop() throws Exception {
        probes.close();
    }

    private static ProbeResult run(TcpProbe p, ProbeSpec spec) throws Exception {
        long start = System.nanoTime();
        return await(p.probe(spec), spec.timeout(), start);
    }

    @Test
    void openPortIsUp() throws Exception {
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(LOOPBACK, 0), 10);
            ProbeResult r = run(probe, spec("tcp://127.0.0.1:" + server.getLocalPort(), SHORT));
            assertThat(r.up()).isTrue();
            assertThat(r.detail()).isEqualTo("TCP connect ok");
        }
    }

    @Test
    void closedPortIsRefused() throws Exception {
        ProbeResult r = run(probe, spec("tcp://127.0.0.1:" + closedPort(), SHORT));
        assertThat(r.failure()).isEqualTo(FailureKind.REFUSED);
        assertThat(r.detail()).isEqualTo("connection refused");
    }

    @Test
    void unknownHostIsDns() throws Exception {
        // The loopback resolver answers "unknown" without sending a DNS query off the machine.
        try (AddressPolicy policy = AddressPolicy.allowAll(LoopbackResolver.INSTANCE);
                TestProbes kit = new TestProbes(CLOCK, policy)) {
            ProbeResult r = run(kit.tcp(), spec("tcp://healthbot-test.invalid:5432", Duration.ofSeconds(2)));
            assertThat(r.failure()).isEqualTo(FailureKind.DNS);
            assertThat(r.detail()).isEqualTo("unknown host healthbot-test.invalid");
        }
    }

    @Test
    void hangingLookupTimesOutInTime() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AddressPolicy policy = AddressPolicy.allowAll(host -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new UnknownHostException(host);
        });
        TestProbes kit = new TestProbes(CLOCK, policy);
        try {
            ProbeResult r = run(kit.tcp(), spec("tcp://slow-dns.example:80", SHORT));
            assertThat(r.failure()).isEqualTo(FailureKind.TIMEOUT);
            assertThat(r.detail()).isIn("DNS lookup of slow-dns.example timed out after 1 s", "timed out after 1 s");
        } finally {
            release.countDown();
            kit.close();
            policy.close();
        }
    }
}
