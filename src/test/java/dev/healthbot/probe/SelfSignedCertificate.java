package dev.healthbot.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * A self-signed certificate for 127.0.0.1 valid for a given number of days from now, made by the JDK's
 * keytool in a test directory: the server's key store, the certificate, and a trust manager that trusts
 * exactly it (a self-signed certificate is its own anchor).
 */
public final class SelfSignedCertificate {

    private static final String PASS = "changeit";

    private final KeyStore keys;
    private final X509Certificate certificate;

    private SelfSignedCertificate(KeyStore keys) throws GeneralSecurityException {
        this.keys = keys;
        this.certificate = (X509Certificate) keys.getCertificate("server");
    }

    /** Generates one valid from now for {@code days} days, in {@code dir} (file name {@code name}.p12). */
    public static SelfSignedCertificate generate(Path dir, String name, int days) throws Exception {
        String file = name + ".p12";
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
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
                Integer.toString(days),
                "-keystore",
                file,
                "-storepass",
                PASS,
                "-storetype",
                "PKCS12",
                "-noprompt"));
        Path log = dir.resolve(name + ".log");
        Process p = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
        assertThat(p.exitValue()).as("keytool: " + Files.readString(log)).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve(file))) {
            ks.load(in, PASS.toCharArray());
        }
        return new SelfSignedCertificate(ks);
    }

    public Instant notAfter() {
        return certificate.getNotAfter().toInstant();
    }

    /** A server-side context presenting this certificate (a new one each call: no shared session tickets). */
    public SSLContext serverContext() throws GeneralSecurityException {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASS.toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    /** A trust manager that trusts this certificate only. */
    public X509TrustManager trustManager() throws GeneralSecurityException, IOException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", certificate);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        return (X509TrustManager) tmf.getTrustManagers()[0];
    }

    /** A client-side context that trusts this certificate only. */
    public SSLContext clientContext() throws GeneralSecurityException, IOException {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {trustManager()}, null);
        return ctx;
    }
}
