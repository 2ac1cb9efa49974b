package dev.healthbot.slack.transport;

/** Thrown when Slack refuses to let the bot start (a token refused, the socket not opened); the message is one line. */
public class SlackStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SlackStartException(String message) {
        super(message);
    }
}
