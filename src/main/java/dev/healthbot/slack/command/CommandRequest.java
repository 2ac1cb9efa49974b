package dev.healthbot.slack.command;

/**
 * One {@code /health} invocation as a subcommand sees it; immutable.
 *
 * @param args the text after the subcommand name, stripped
 * @param later answers after the ack, off the Socket Mode thread
 */
public record CommandRequest(String args, String userId, String channelId, String triggerId, Responder later) {}
