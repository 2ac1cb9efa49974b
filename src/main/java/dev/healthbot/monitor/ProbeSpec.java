package dev.healthbot.monitor;

import java.time.Duration;

/** What one probe needs to know: where, how long it may take, and which HTTP answers count as up. */
public record ProbeSpec(Target target, Duration timeout, StatusCodes expectedStatus) {}
