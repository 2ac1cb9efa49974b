package dev.healthbot.alert;

/**
 * Port: posts certificate warnings and renewal notes to a chat channel (Slack in production). Each call
 * is one API call that either succeeds or throws a classified {@link DeliveryException}; it never
 * retries on its own. Called from the alert loop's single thread.
 */
public interface CertificateNotifier {

    /** Posts a warning that a certificate expires soon, at the top level of the channel. */
    PostRef postCertificateWarning(String channel, CertificateAlert alert) throws DeliveryException;

    /**
     * Posts that a renewed certificate was seen: in the thread of {@code threadTs} (the warning post), or
     * at the top level when it is null (no warning post went out).
     */
    PostRef postCertificateRenewed(String channel, String threadTs, CertificateAlert alert) throws DeliveryException;
}
