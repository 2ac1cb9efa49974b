/**
 * Probe adapters: check once whether an HTTP, WebSocket or TCP target is up, always within a
 * deadline; each probe has one constructor taking the shared timer and address policy.
 */
package dev.healthbot.probe;
