/** Pure Block Kit builders and the words users read: replies, the server form, the Home tab, alert posts. */
package dev.healthbot.slack.view;
