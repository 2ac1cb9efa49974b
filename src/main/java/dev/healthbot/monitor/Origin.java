package dev.healthbot.monitor;

/** Where a server's settings come from: Slack, or the servers file (which then owns them). */
public enum Origin {
    SLACK,
    FILE
}
