package dev.healthbot.slack;

/**
 * What a command, form or button may do, declared by each entry of the handler table so that
 * {@link Permissions} decides every interaction in one place.
 */
public enum Access {
    /** Help only: says what the bot is and how to use it. */
    HELP,
    /** Reads servers and subscriptions (list, check, channels, paging). */
    READ,
    /** Changes servers or subscriptions. */
    CHANGE
}
