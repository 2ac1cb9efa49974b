/**
 * Probe adapters: check once whether an HTTP, WebSocket or TCP target is up, always within a
 * deadline; each probe has one constructor taking the shared timer and address policy. The HTTP
 * probe's redirect rules are in {@code HttpRedirects}, its body and JSON assertions in
 * {@code BodyAssertions}.
 */
package dev.healthbot.probe;
