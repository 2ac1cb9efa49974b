package dev.healthbot.probe;

import static dev.healthbot.probe.TestSupport.CLOCK;
import static dev.healthbot.probe.TestSupport.LOOPBACK;
import static dev.healthbot.probe.TestSupport.await;
import static dev.healthbot.probe.TestSupport.spec;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.healthbot.monitor.FailureKind;
import dev.healthbot.monitor.ProbeResult;
import dev.healthbot.monitor.ProbeSpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS failures against real HTTPS servers on loopback, with certificates made by the JDK's keytool. */
class TlsProbeTest {

    private static final String PASS = "changeit";
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    @TempDir
    static Path dir;

    private static final List<HttpsServer> servers = new ArrayList<>();
    private static OkHttpClient trustingCa;
    private static TestProbes probes;
    private static HttpProbe probe;
    private static WebSocketProbe wsProbe;
    private static int selfSigned;
    private static int expired;
    private static int wrongName;
    private static int valid;

    @BeforeAll
    static void start() throws Exception {
        keytool(
                "-genkeypair",
                "-alias",
                "ca",
                "-keyalg",
                "EC",
                "-dname",
                "CN=healthbot test CA",
                "-ext",
                "bc:c",
                "-validity",
                "3",
                "-keystore",
                "ca.p12");
        keytool("-exportcert", "-alias", "ca", "-keystore", "ca.p12", "-file", "ca.cer");
        selfSigned = serve(selfSignedStore("self.p12"));
        expired = serve(caSigned("expired.p12", "ip:127.0.0.1", "-startdate", "-3d", "-validity", "1"));
        wrongName = serve(caSigned("other.p12", "dns:other.example", "-validity", "2"));
        valid = serve(caSigned("valid.p12", "ip:127.0.0.1", "-validity", "2"));

        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(dir.resolve("ca.cer"))) {
            Certificate ca =
                    java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
            trust.setCertificateEntry("ca", ca);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        X509TrustManager tm = (X509TrustManager) tmf.getTrustManagers()[0];
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new javax.net.ssl.TrustManager[] {tm}, null);
        trustingCa = HttpProbe.defaultClient()
                .newBuilder()
                .sslSocketFactory(ctx.getSocketFactory(), tm)
                .build();
        probes = new TestProbes(CLOCK);
        probe = probes.http(trustingCa);
        wsProbe = probes.webSocket();
    }

    @AfterAll
    static void stop() throws Exception {
        probes.close();
        servers.forEach(s -> s.stop(0));
        trustingCa.connectionPool().evictAll();
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        command.addAll(List.of("-storepass", PASS, "-storetype", "PKCS12", "-noprompt"));
        Process p = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("keytool.log").toFile())
                .start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("keytool finished").isTrue();
        assertThat(p.exitValue())
                .as("keytool " + String.join(" ", args) + ": " + Files.readString(dir.resolve("keytool.log")))
                .isZero();
    }

    private static String selfSignedStore(String file) throws Exception {
        keytool(
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "EC",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "san=ip:127.0.0.1",
                "-validity",
                "2",
                "-keystore",
                file);
        return file;
    }

    private static String caSigned(String file, String san, String... validity) throws Exception {
        selfSignedStore(file);
        keytool("-certreq", "-alias", "server", "-keystore", file, "-file", file + ".csr");
        List<String> gencert = new ArrayList<>(List.of(
                "-gencert",
                "-alias",
                "ca",
                "-keystore",
                "ca.p12",
                "-infile",
                file + ".csr",
                "-outfile",
                file + ".cer",
                "-ext",
                "san=" + san));
        gencert.addAll(List.of(validity));
        keytool(gencert.toArray(String[]::new));
        keytool("-importcert", "-alias", "ca", "-keystore", file, "-file", "ca.cer");
        keytool("-importcert", "-alias", "server", "-keystore", file, "-file", file + ".cer");
        return file;
    }

    private static int serve(String keystoreFile) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve(keystoreFile))) {
            ks.load(in, PASS.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASS.toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(LOOPBACK, 0), 20);
        server.setHttpsConfigurator(new HttpsConfigurator(ctx));
        server.createContext("/", ex -> {
            try (ex) {
                ex.sendResponseHeaders(200, -1);
            }
        });
        server.start();
        servers.add(server);
        return server.getAddress().getPort();
    }

    private static ProbeResult run(ProbeSpec spec) throws Exception {
        long start = System.nanoTime();
        return await(probe.probe(spec), spec.timeout(), start);
    }

    @Test
    void validCertificateIsUp() throws Exception {
        ProbeResult r = run(spec("https://127.0.0.1:" + valid + "/", TIMEOUT));
        assertThat(r.up()).as(r.detail()).isTrue();
    }

    @Test
    void selfSignedIsNotTrusted() throws Exception {
        ProbeResult r = run(spec("https://127.0.0.1:" + selfSigned + "/", TIMEOUT));
        assertThat(r.failure()).isEqualTo(FailureKind.TLS);
        assertThat(r.detail()).isEqualTo("TLS: certificate not trusted (self-signed or unknown issuer)");
    }

    @Test
    void expiredCertificate() throws Exception {
        ProbeResult r = run(spec("https://127.0.0.1:" + expired + "/", TIMEOUT));
        assertThat(r.failure()).isEqualTo(FailureKind.TLS);
        assertThat(r.detail()).isEqualTo("TLS: certificate expired");
    }

    @Test
    void hostNameMismatch() throws Exception {
        ProbeResult r = run(spec("https://127.0.0.1:" + wrongName + "/", TIMEOUT));
        assertThat(r.failure()).isEqualTo(FailureKind.TLS);
        assertThat(r.detail()).isEqualTo("TLS: host name mismatch");
    }

    @Test
    void wssSelfSignedIsNotTrusted() throws Exception {
        long start = System.nanoTime();
        ProbeResult r = await(wsProbe.probe(spec("wss://127.0.0.1:" + selfSigned + "/", TIMEOUT)), TIMEOUT, start);
        assertThat(r.failure()).isEqualTo(FailureKind.TLS);
        assertThat(r.detail()).isEqualTo("TLS: certificate not trusted (self-signed or unknown issuer)");
    }

    @Test
    void withTlsVerifyOffSelfSignedMisnamedAndExpiredCertificatesAreAccepted() throws Exception {
        dev.healthbot.monitor.ProbeOptions off = new dev.healthbot.monitor.ProbeOptions(
                dev.healthbot.monitor.Assertions.NONE,
                new dev.healthbot.monitor.RequestOptions("GET", null, null, List.of(), false, true));
        for (int port : new int[] {selfSigned, wrongName, expired}) {
            ProbeSpec spec = new ProbeSpec(
                    dev.healthbot.monitor.Target.parse("https://127.0.0.1:" + port + "/"),
                    TIMEOUT,
                    dev.healthbot.monitor.StatusCodes.DEFAULT,
                    off);
            ProbeResult r = run(spec);
            assertThat(r.up()).as(r.detail()).isTrue();
        }
        // verification stays on for every other server on the same probe
        assertThat(run(spec("https://127.0.0.1:" + selfSigned + "/", TIMEOUT)).failure())
                .isEqualTo(FailureKind.TLS);
    }
}
