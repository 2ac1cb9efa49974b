package dev.healthbot.monitor;

import java.util.Locale;

/**
 * Where a server's settings come from: Slack, or a source that then owns them (the servers file, the
 * inventory at {@code HEALTHBOT_SERVERS_URL}). A server owned by a source is changed there, not in Slack.
 */
public enum Origin {
    SLACK,
    FILE,
    INVENTORY;

    /** True when a source owns the server: Slack may not edit, switch or remove it. */
    public boolean managed() {
        return this != SLACK;
    }

    /** The name people see: {@code Slack}, {@code servers file}, {@code inventory}. */
    public String label() {
        return switch (this) {
            case SLACK -> "Slack";
            case FILE -> "servers file";
            case INVENTORY -> "inventory";
        };
    }

    /** The actor of this source's changes in the audit log: {@code servers-file}, {@code inventory}. */
    public String actor() {
        return this == FILE ? "servers-file" : name().toLowerCase(Locale.ROOT);
    }

    /** Where people change a managed server. */
    public String where() {
        return switch (this) {
            case SLACK -> "Slack";
            case FILE -> "the servers file (HEALTHBOT_SERVERS_FILE)";
            case INVENTORY -> "the inventory (HEALTHBOT_SERVERS_URL)";
        };
    }
}
