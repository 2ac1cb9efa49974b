package dev.healthbot.http;

/** The endpoint could not start (an address in use, a host that is not local); its message is one line naming the variable. */
public final class HttpStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public HttpStartException(String message) {
        super(message);
    }
}
