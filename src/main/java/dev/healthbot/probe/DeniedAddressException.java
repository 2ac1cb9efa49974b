package dev.healthbot.probe;

import java.net.UnknownHostException;

/**
 * A lookup refused by the {@link AddressPolicy}: the message is the reason, safe to show. An
 * {@link UnknownHostException} only because DNS hooks (OkHttp, Java-WebSocket) may throw no other.
 */
final class DeniedAddressException extends UnknownHostException {
    private static final long serialVersionUID = 1L;

    DeniedAddressException(String reason) {
        super(reason);
    }
}
