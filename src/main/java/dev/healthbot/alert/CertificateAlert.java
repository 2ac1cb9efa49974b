package dev.healthbot.alert;

import dev.healthbot.monitor.Environment;
import java.time.Duration;
import java.time.Instant;

/**
 * Everything a certificate post needs, free of any chat platform; immutable. The target is masked.
 *
 * @param notAfter the expiry of the certificate warned of (in a renewal note: the old one)
 * @param left how long the certificate the post is about (in a renewal note: the new one) had left
 *     when the post was made; negative once expired
 * @param step the warning step (the threshold, 7 days or 1 day); null for a renewal note
 * @param renewedNotAfter the new certificate's expiry in a renewal note; null in a warning
 */
public record CertificateAlert(
        String monitorName,
        Environment environment,
        String target,
        Instant notAfter,
        Duration left,
        Duration step,
        Instant renewedNotAfter) {

    public boolean isRenewal() {
        return renewedNotAfter != null;
    }
}
