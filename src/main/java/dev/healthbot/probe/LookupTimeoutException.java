package dev.healthbot.probe;

import java.net.UnknownHostException;

/**
 * A host name lookup that did not finish within the probe's deadline; classified as a timeout. An
 * {@link UnknownHostException} only because DNS hooks (OkHttp, Java-WebSocket) may throw no other.
 */
final class LookupTimeoutException extends UnknownHostException {
    private static final long serialVersionUID = 1L;

    LookupTimeoutException(String message) {
        super(message);
    }
}
