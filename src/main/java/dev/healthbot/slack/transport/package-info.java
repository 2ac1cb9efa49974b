/** Bolt over Socket Mode: starts and watches the socket, acks every envelope and hands it to the handler table. */
package dev.healthbot.slack.transport;
