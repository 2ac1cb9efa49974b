package dev.healthbot.alert;

import dev.healthbot.monitor.Environment;
import java.time.Duration;
import java.time.Instant;

/**
 * One certificate message owed to one channel: a row of the certificate outbox; immutable.
 *
 * @param notAfter the certificate warned of (for a renewal note: the old one)
 * @param step WARNING: the warning step; RENEWED: {@link Duration#ZERO}
 * @param renewedNotAfter RENEWED: the new certificate's expiry; null otherwise
 * @param post the message once SENT
 */
public record CertificatePost(
        long id,
        long monitorId,
        String monitorName,
        Environment environment,
        String target,
        Instant notAfter,
        Kind kind,
        Duration step,
        Instant renewedNotAfter,
        String channel,
        Delivery.State state,
        int attempts,
        Instant nextAttemptAt,
        Instant createdAt,
        String lastError,
        PostRef post) {

    /** What the message says. */
    public enum Kind {
        WARNING,
        RENEWED
    }

    /** The alert for this post, {@code left} measured now. */
    public CertificateAlert alert(Instant now) {
        return new CertificateAlert(
                monitorName,
                environment,
                target,
                notAfter,
                Duration.between(now, kind == Kind.RENEWED ? renewedNotAfter : notAfter),
                kind == Kind.WARNING ? step : null,
                renewedNotAfter);
    }
}
