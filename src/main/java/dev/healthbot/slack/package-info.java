/**
 * The Slack adapter's shared parts: who may do what ({@link dev.healthbot.slack.Access}, {@link
 * dev.healthbot.slack.Permissions}) and whether the bot can post in a channel; the rest lives in {@code transport},
 * {@code command}, {@code view} and {@code notify}.
 */
package dev.healthbot.slack;
