package dev.healthbot.http;

/** A report the endpoint refuses, with the status and a one-line reason for the client; never logged with the body. */
final class BadReport extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;

    BadReport(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    BadReport(String reason) {
        this(400, reason);
    }

    int status() {
        return status;
    }
}
