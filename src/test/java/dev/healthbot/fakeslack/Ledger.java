package dev.healthbot.fakeslack;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What every part of the fake Slack shares: one lock and its change signal, the violations, the ts clock and ids. */
final class Ledger {

    private static final Logger log = LoggerFactory.getLogger(Ledger.class);
    private static final long FIRST_TS_MICROS = 1_716_000_000_000_000L;

    final ReentrantLock lock = new ReentrantLock();
    // Signalled on every recorded change so that await* methods wake without polling.
    final Condition changed = lock.newCondition();
    final AtomicInteger idCounter = new AtomicInteger();
    /** Who the users are and which channels are shared, for the Web API's answers and the payloads sent. */
    final FakeDirectory directory = new FakeDirectory();

    private final AtomicLong clockMicros = new AtomicLong(FIRST_TS_MICROS);
    private volatile InstantSource tsClock;
    // Guarded by lock.
    private final List<String> violations = new ArrayList<>();

    /** Block Kit and wire violations seen so far. */
    List<String> violations() {
        lock.lock();
        try {
            return List.copyOf(violations);
        } finally {
            lock.unlock();
        }
    }

    /** Forgets the violations seen so far, for tests that provoke some on purpose. */
    void clearViolations() {
        lock.lock();
        try {
            violations.clear();
        } finally {
            lock.unlock();
        }
    }

    /** Waits for a violation that matches; AssertionError on timeout. */
    String awaitViolation(Predicate<String> match, Duration timeout) {
        return await(
                () -> violations().stream().filter(match).findFirst(),
                timeout,
                () -> "no matching violation within " + timeout + "; violations: " + violations());
    }

    <T> T await(Supplier<Optional<T>> probe, Duration timeout, Supplier<String> failure) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                Optional<T> found = probe.get();
                if (found.isPresent()) {
                    return found.get();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(failure.get());
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        } finally {
            lock.unlock();
        }
    }

    void violation(String v) {
        violations(List.of(v));
    }

    void violations(List<String> found) {
        if (found.isEmpty()) {
            return;
        }
        lock.lock();
        try {
            for (String v : found) {
                log.warn("Slack violation: {}", v);
                violations.add(v);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** A strictly increasing Slack-style ts across all channels, e.g. {@code 1716000000.000100}. */
    String nextTs() {
        InstantSource c = tsClock;
        long now = -1;
        if (c != null) {
            Instant t = c.instant();
            now = t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
        }
        long floor = now;
        long micros = clockMicros.accumulateAndGet(100, (prev, step) -> Math.max(prev + step, floor));
        return String.format(Locale.ROOT, "%d.%06d", micros / 1_000_000, micros % 1_000_000);
    }

    /** From now on a new ts is at least {@code clock}'s time (still strictly increasing), as on Slack. */
    void tsClock(InstantSource clock) {
        tsClock = clock;
    }

    String newViewId() {
        return String.format(Locale.ROOT, "V0FAKE%05d", idCounter.incrementAndGet());
    }
}
