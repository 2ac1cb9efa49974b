package dev.healthbot.monitor;

/** A server's verdict: PENDING until its first verdict, then UP or DOWN. */
public enum Status {
    PENDING,
    UP,
    DOWN
}
