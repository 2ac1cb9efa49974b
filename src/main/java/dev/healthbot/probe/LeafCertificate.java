package dev.healthbot.probe;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/** Reads the leaf certificate's expiry from a finished TLS handshake; pure and thread-safe. */
final class LeafCertificate {

    private LeafCertificate() {}

    /** The {@code notAfter} of the first (leaf) certificate of the chain; null when there is none. */
    static Instant notAfter(List<Certificate> chain) {
        if (chain == null || chain.isEmpty() || !(chain.get(0) instanceof X509Certificate leaf)) {
            return null;
        }
        return leaf.getNotAfter().toInstant();
    }

    /** The leaf's {@code notAfter} of a session whose handshake completed; null when the peer is unverified. */
    static Instant notAfter(SSLSession session) {
        try {
            return notAfter(List.of(session.getPeerCertificates()));
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }
}
