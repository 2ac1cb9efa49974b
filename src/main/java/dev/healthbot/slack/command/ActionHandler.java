package dev.healthbot.slack.command;

import dev.healthbot.slack.Access;
import dev.healthbot.slack.view.Reply;

/** Handles clicks on one kind of button, named by its action id; thread-safe. */
public interface ActionHandler {

    String actionId();

    /** What a click does, for the permission gate. */
    default Access access() {
        return Access.READ;
    }

    /** What the user tried, for the log line of a refusal. */
    default String action() {
        return actionId();
    }

    /**
     * True when the reply replaces the message the button was on (an ephemeral page); false when it is a new
     * ephemeral message to the clicker and the message stays (a button on a channel post).
     */
    default boolean replacesOriginal() {
        return true;
    }

    /**
     * Handles a click after it has been acked; may take its time.
     *
     * @param value the button's value
     * @return the reply that replaces the message the button was on, or null to leave it
     */
    Reply clicked(String userId, String channelId, String value);
}
