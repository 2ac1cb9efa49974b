package dev.healthbot.monitor;

/** How a target is probed; it follows from the target URL's scheme. A {@link #HEARTBEAT} is not probed: it is pinged. */
public enum ProbeKind {
    HTTP,
    WEBSOCKET,
    TCP,
    HEARTBEAT
}
