package dev.healthbot.monitor;

/** How a target is probed; it follows from the target URL's scheme. */
public enum ProbeKind {
    HTTP,
    WEBSOCKET,
    TCP
}
