/** Probe adapters: check once whether an HTTP, WebSocket or TCP target is up, always within a deadline. */
package dev.healthbot.probe;
