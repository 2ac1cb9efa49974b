/** One class per command, form submission and button, listed in one table (Handlers) behind one permission gate. */
package dev.healthbot.slack.command;
