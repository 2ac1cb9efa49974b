/**
 * Who hears about what: channel subscriptions (the one rule of who hears a server is {@code
 * ChannelSubscription.hears}), incidents, and the outbox dispatcher that posts alerts.
 */
package dev.healthbot.alert;
