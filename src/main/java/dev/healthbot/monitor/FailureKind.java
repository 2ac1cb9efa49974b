package dev.healthbot.monitor;

/** Why a probe failed; {@link #NONE} for a successful probe. */
public enum FailureKind {
    NONE,
    /** No answer within the timeout (connect, read or the whole call). */
    TIMEOUT,
    /** The connection was refused. */
    REFUSED,
    /** The host name did not resolve. */
    DNS,
    /** The TLS handshake failed (untrusted, expired, wrong name, not TLS). */
    TLS,
    /** The server answered with a status code that is not expected. */
    HTTP_STATUS,
    /** A WebSocket upgrade did not complete. */
    HANDSHAKE,
    /** The connection was reset or closed early. */
    RESET,
    /** Too many redirects, or a redirect to a scheme that is not probed. */
    REDIRECT,
    /** The target's address is not allowed by the deny/allow lists. */
    DENIED,
    /** The server spoke something that is not the expected protocol. */
    PROTOCOL,
    /** The answer did not show what an assertion expects (body text, a JSON rule); the detail names it. */
    ASSERTION,
    /** The answer came, but slower than the server's latency limit. */
    SLOW,
    /** A heartbeat's ping did not come within its period and grace, or a started run did not finish within the grace. */
    MISSED,
    /** A heartbeat's job reported a failure ({@code /fail}, or a non-zero exit code). */
    JOB_FAILED,
    /** Anything else; the detail says what. */
    ERROR
}
