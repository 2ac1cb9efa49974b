package dev.healthbot.alert;

/**
 * Port: posts one plain line to a chat channel (Slack in production). Each call is one API call that
 * either succeeds or throws a classified {@link DeliveryException}; it never retries on its own.
 */
public interface TextNotifier {

    /** Posts {@code text} at the top level of the channel; returns where it landed. */
    PostRef postText(String channel, String text) throws DeliveryException;
}
