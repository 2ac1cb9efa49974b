/** SlackNotifier: posts, threads and edits alerts through the Web API and classifies what Slack refuses. */
package dev.healthbot.slack.notify;
