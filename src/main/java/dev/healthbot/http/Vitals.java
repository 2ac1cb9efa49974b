package dev.healthbot.http;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What {@code /healthz} and {@code /metrics} ask of the other adapters, as plain suppliers wired in
 * {@code Bot} (the endpoint never imports {@code slack}, {@code schedule} or {@code store}); immutable.
 *
 * @param slackConnected true while the Socket Mode connection is open
 * @param slackReconnects Socket Mode sessions opened after the first one, since start
 * @param schedulerRunning true while the scheduler fires checks
 * @param schedulerLag the latest a check started behind its schedule since the previous call
 * @param databaseWrite makes one small write and returns how long it took; throws when the database
 *     does not answer
 */
public record Vitals(
        BooleanSupplier slackConnected,
        LongSupplier slackReconnects,
        BooleanSupplier schedulerRunning,
        Supplier<Duration> schedulerLag,
        Supplier<Duration> databaseWrite) {}
