package dev.healthbot.probe;

import static dev.healthbot.probe.TestSupport.CLOCK;
import static dev.healthbot.probe.TestSupport.await;
import static dev.healthbot.probe.TestSupport.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.healthbot.monitor.Assertions;
import dev.healthbot.monitor.FailureKind;
import dev.healthbot.monitor.ProbeOptions;
import dev.healthbot.monitor.ProbeResult;
import dev.healthbot.monitor.ProbeSpec;
import dev.healthbot.monitor.RequestOptions;
import dev.healthbot.monitor.StatusCodes;
import dev.healthbot.monitor.Target;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The leaf certificate's expiry comes with the result, from the check's own TLS handshake, against a
 * real HTTPS server on loopback whose certificate (generated in the test) expires in 5 days.
 */
class CertificateExpiryProbeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    static Path dir;

    private static SelfSignedCertificate fiveDays;
    private static HttpsTarget https;
    private static LoopbackHttp plain;
    private static TestProbes probes;
    private static OkHttpClient trusting;
    private static HttpProbe http;
    private static WebSocketProbe wss;
    private static java.util.concurrent.ScheduledExecutorService wsTimer;
    private static AddressPolicy wsPolicy;

    @BeforeAll
    static void start() throws Exception {
        fiveDays = SelfSignedCertificate.generate(dir, "five-days", 5);
        https = new HttpsTarget(fiveDays);
        plain = new LoopbackHttp("cert-plain");
        plain.server.createContext("/", ex -> {
            try (ex) {
                ex.sendResponseHeaders(200, -1);
            }
        });
        trusting = HttpProbe.defaultClient()
                .newBuilder()
                .sslSocketFactory(fiveDays.clientContext().getSocketFactory(), fiveDays.trustManager())
                .build();
        probes = new TestProbes(CLOCK);
        http = probes.http(trusting);
        wsTimer = ProbeSupport.newTimer("cert-test-ws-timer");
        wsPolicy = AddressPolicy.allowAll(AddressPolicy.SYSTEM);
        wss = new WebSocketProbe(
                CLOCK, wsTimer, wsPolicy, fiveDays.clientContext().getSocketFactory());
    }

    @AfterAll
    static void stop() throws Exception {
        wss.close();
        wsTimer.shutdownNow();
        wsPolicy.close();
        probes.close();
        https.close();
        plain.close();
    }

    private static ProbeResult run(dev.healthbot.monitor.Probe probe, ProbeSpec spec) throws Exception {
        return await(probe.probe(spec), spec.timeout(), System.nanoTime());
    }

    @Test
    void anHttpsCheckCarriesTheLeafCertificatesExpiry() throws Exception {
        Instant before = Instant.now();
        ProbeResult r = run(http, spec(https.url("https", "/health"), TIMEOUT));
        assertThat(r.up()).as(r.detail()).isTrue();
        assertThat(r.certNotAfter()).isEqualTo(fiveDays.notAfter());
        // generated in this run: about 5 days from now
        assertThat(Duration.between(before, r.certNotAfter()))
                .isBetween(
                        Duration.ofDays(5).minusMinutes(10), Duration.ofDays(5).plusMinutes(1));
    }

    @Test
    void withTlsVerifyOffTheCertificateIsStillRead() throws Exception {
        ProbeOptions off =
                new ProbeOptions(Assertions.NONE, new RequestOptions("GET", null, null, List.of(), false, true));
        ProbeSpec spec = new ProbeSpec(Target.parse(https.url("https", "/")), TIMEOUT, StatusCodes.DEFAULT, off);
        // The default client does not trust the test certificate: only tls_verify=false lets it through.
        HttpProbe untrusting = probes.http(HttpProbe.defaultClient());
        ProbeResult r = run(untrusting, spec);
        assertThat(r.up()).as(r.detail()).isTrue();
        assertThat(r.certNotAfter()).isEqualTo(fiveDays.notAfter());
    }

    @Test
    void aFailedCheckAfterTheHandshakeStillCarriesTheCertificate() throws Exception {
        ProbeResult r = run(http, spec(https.url("https", "/"), TIMEOUT, "204"));
        assertThat(r.up()).isFalse();
        assertThat(r.failure()).isEqualTo(FailureKind.HTTP_STATUS);
        assertThat(r.certNotAfter()).isEqualTo(fiveDays.notAfter());
    }

    @Test
    void aWssCheckCarriesTheCertificateOfItsHandshake() throws Exception {
        // An HTTPS server answers the upgrade with 200: the WebSocket handshake fails, the TLS one did not.
        ProbeResult r = run(wss, spec(https.url("wss", "/socket"), TIMEOUT));
        assertThat(r.up()).isFalse();
        assertThat(r.failure()).isEqualTo(FailureKind.HANDSHAKE);
        assertThat(r.certNotAfter()).isEqualTo(fiveDays.notAfter());
    }

    @Test
    void aPlainHttpCheckHasNoCertificate() throws Exception {
        ProbeResult r = run(http, spec(plain.base + "/", TIMEOUT));
        assertThat(r.up()).as(r.detail()).isTrue();
        assertThat(r.certNotAfter()).isNull();
    }

    @Test
    void anUntrustedCertificateFailsAsTlsWithoutAnExpiry() throws Exception {
        ProbeResult r = run(probes.http(HttpProbe.defaultClient()), spec(https.url("https", "/"), TIMEOUT));
        assertThat(r.failure()).isEqualTo(FailureKind.TLS);
        assertThat(r.certNotAfter()).isNull();
    }
}
