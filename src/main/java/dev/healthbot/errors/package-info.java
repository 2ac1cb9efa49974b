/**
 * Error reports from apps: sources and their keys, redaction, fingerprints, error groups with their
 * counts, and the outbox of error posts; core, importing only the JDK, {@code monitor} and {@code alert}.
 */
package dev.healthbot.errors;
