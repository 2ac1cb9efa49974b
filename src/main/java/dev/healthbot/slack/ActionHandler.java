package dev.healthbot.slack;

/** Handles clicks on one kind of button, named by its action id; thread-safe. */
public interface ActionHandler {

    String actionId();

    /** What a click attempts, checked by {@link AccessPolicy} before {@link #clicked}; a read unless overridden. */
    default AccessPolicy.Attempt attempt() {
        return AccessPolicy.Attempt.read(actionId());
    }

    /**
     * Handles a click after it has been acked; may take its time.
     *
     * @param value the button's value
     * @return the reply that replaces the message the button was on, or null to leave it
     */
    Reply clicked(String userId, String channelId, String value);
}
