package dev.healthbot.probe;

import dev.healthbot.monitor.FailureKind;
import dev.healthbot.monitor.ProbeResult;
import java.io.EOFException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/** A classified probe failure: its kind and a short, secret-free detail. */
record Failure(FailureKind kind, String detail) {

    ProbeResult at(Instant at, long startNanos) {
        return ProbeResult.down(at, ProbeSupport.since(startNanos), kind, detail);
    }

    /**
     * Classifies an exception from connecting to or talking with {@code host}; {@code timeout} is
     * the probe's timeout, named in timeout details.
     */
    static Failure of(Throwable e, String host, Duration timeout) {
        if (e == null) {
            return new Failure(FailureKind.ERROR, "unknown error");
        }
        DeniedAddressException denied = ProbeSupport.find(e, DeniedAddressException.class);
        if (denied != null) {
            return new Failure(FailureKind.DENIED, ProbeSupport.clean(denied.getMessage()));
        }
        if (ProbeSupport.find(e, LookupTimeoutException.class) != null) {
            return lookupTimeout(host, timeout);
        }
        if (ProbeSupport.find(e, UnknownHostException.class) != null) {
            return new Failure(FailureKind.DNS, "unknown host " + ProbeSupport.clean(host));
        }
        if (ProbeSupport.find(e, SSLException.class) != null
                || ProbeSupport.find(e, CertificateException.class) != null) {
            return new Failure(FailureKind.TLS, tlsReason(e));
        }
        if (ProbeSupport.find(e, ConnectException.class) != null
                || ProbeSupport.find(e, NoRouteToHostException.class) != null) {
            if (ProbeSupport.chainMentions(e, "refused")) {
                return new Failure(FailureKind.REFUSED, "connection refused");
            }
            if (ProbeSupport.chainMentions(e, "timed out")) {
                return timeout(true, timeout);
            }
            return new Failure(FailureKind.ERROR, "connect failed: " + ProbeSupport.clean(rootMessage(e)));
        }
        InterruptedIOException interrupted = ProbeSupport.find(e, InterruptedIOException.class);
        if (interrupted != null) {
            return timeout(ProbeSupport.chainMentions(e, "connect timed out"), timeout);
        }
        if (ProbeSupport.find(e, EOFException.class) != null
                || ProbeSupport.chainMentions(e, "unexpected end of stream")) {
            return new Failure(FailureKind.RESET, "connection closed by the server before a complete answer");
        }
        SocketException socket = ProbeSupport.find(e, SocketException.class);
        if (socket != null
                && (ProbeSupport.chainMentions(e, "reset")
                        || ProbeSupport.chainMentions(e, "broken pipe")
                        || ProbeSupport.chainMentions(e, "abort"))) {
            return new Failure(FailureKind.RESET, "connection reset by the server");
        }
        ProtocolException protocol = ProbeSupport.find(e, ProtocolException.class);
        if (protocol != null) {
            return new Failure(FailureKind.PROTOCOL, "protocol error: " + ProbeSupport.clean(protocol.getMessage()));
        }
        String message = ProbeSupport.clean(e.getMessage());
        return new Failure(FailureKind.ERROR, e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message));
    }

    static Failure lookupTimeout(String host, Duration timeout) {
        return new Failure(
                FailureKind.TIMEOUT,
                "DNS lookup of " + ProbeSupport.clean(host) + " timed out after " + ProbeSupport.human(timeout));
    }

    static Failure timeout(boolean connecting, Duration timeout) {
        return new Failure(
                FailureKind.TIMEOUT,
                (connecting ? "connect timed out after " : "timed out after ") + ProbeSupport.human(timeout));
    }

    private static String tlsReason(Throwable e) {
        if (ProbeSupport.find(e, CertificateExpiredException.class) != null) {
            return "TLS: certificate expired";
        }
        if (ProbeSupport.find(e, CertificateNotYetValidException.class) != null) {
            return "TLS: certificate not yet valid";
        }
        CertPathValidatorException validator = ProbeSupport.find(e, CertPathValidatorException.class);
        if (validator != null) {
            if (validator.getReason() == CertPathValidatorException.BasicReason.EXPIRED) {
                return "TLS: certificate expired";
            }
            if (validator.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
                return "TLS: certificate not yet valid";
            }
            if (validator.getReason() == CertPathValidatorException.BasicReason.REVOKED) {
                return "TLS: certificate revoked";
            }
            return "TLS: certificate not trusted";
        }
        if (ProbeSupport.find(e, SSLPeerUnverifiedException.class) != null
                || ProbeSupport.chainMentions(e, "no subject alternative")
                || ProbeSupport.chainMentions(e, "doesn't match any of the subject alternative")) {
            return "TLS: host name mismatch";
        }
        if (ProbeSupport.find(e, CertPathBuilderException.class) != null
                || ProbeSupport.chainMentions(e, "unable to find valid certification path")) {
            return "TLS: certificate not trusted (self-signed or unknown issuer)";
        }
        if (ProbeSupport.chainMentions(e, "unrecognized ssl message")
                || ProbeSupport.chainMentions(e, "plaintext connection")) {
            return "TLS: server did not speak TLS";
        }
        if (ProbeSupport.chainMentions(e, "protocol_version")
                || ProbeSupport.chainMentions(e, "no appropriate protocol")) {
            return "TLS: no common protocol version";
        }
        if (ProbeSupport.chainMentions(e, "handshake_failure")) {
            return "TLS: handshake failed (no common cipher suite?)";
        }
        String message = ProbeSupport.clean(rootMessage(e));
        return "TLS: " + (message.isEmpty() ? e.getClass().getSimpleName() : message);
    }

    private static String rootMessage(Throwable e) {
        String message = null;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return message;
    }
}
