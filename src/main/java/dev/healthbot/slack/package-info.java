/** The Slack adapter: the Bolt app over Socket Mode, one class per command, modal and action, and Block Kit builders. */
package dev.healthbot.slack;
