package dev.healthbot.probe;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * TLS that accepts any certificate and any name, for servers set to {@code tls_verify=false}
 * (self-signed internal servers); the handshake itself still has to succeed. Thread-safe.
 */
final class InsecureTls {

    static final X509TrustManager TRUST_ALL = new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // a probe never authenticates clients
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // accepted on purpose: the user turned verification off for this server
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    };

    static final SSLSocketFactory SOCKETS = sockets();

    private InsecureTls() {}

    private static SSLSocketFactory sockets() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {TRUST_ALL}, null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this JVM", e);
        }
    }
}
