/** Who hears about what: channel subscriptions, incidents, and the outbox dispatcher that posts alerts. */
package dev.healthbot.alert;
