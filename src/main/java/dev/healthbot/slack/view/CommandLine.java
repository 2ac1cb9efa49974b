package dev.healthbot.slack.view;

/** One command's line in the help and on the Home tab; immutable. */
public record CommandLine(String usage, String summary) {}
