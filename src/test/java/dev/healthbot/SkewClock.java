package dev.healthbot;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/** The system clock plus an offset a test moves forward, so an end-to-end bot lives through an hour at once; thread-safe. */
final class SkewClock implements InstantSource {

    private final AtomicLong offsetMs = new AtomicLong();

    @Override
    public Instant instant() {
        return Instant.now().plusMillis(offsetMs.get());
    }

    void advance(Duration d) {
        offsetMs.addAndGet(d.toMillis());
    }
}
