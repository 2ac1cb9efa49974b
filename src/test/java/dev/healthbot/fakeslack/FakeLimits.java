package dev.healthbot.fakeslack;

import static dev.healthbot.fakeslack.FakeSlack.*;
import static dev.healthbot.fakeslack.Wire.*;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The fake Slack's limits and failures: queued errors, 429s and 500s, slow methods, refused tokens, strict Block Kit, the ack timeout. */
public final class FakeLimits {

    private static final Logger log = LoggerFactory.getLogger(FakeLimits.class);

    private final Ledger ledger;
    private final ReentrantLock lock;
    private final Condition changed;
    // Guarded by lock.
    private final Map<String, Deque<Failure>> failures = new HashMap<>();
    private String authError;
    private String connectionsOpenError;
    private boolean strictBlocks;
    private volatile Duration ackTimeout = ACK_TIMEOUT;
    private final Map<String, Duration> delays = new ConcurrentHashMap<>();

    FakeLimits(Ledger ledger) {
        this.ledger = ledger;
        this.lock = ledger.lock;
        this.changed = ledger.changed;
    }

    /** Makes the next {@code times} calls of {@code method} fail like {@code failure}, after any already queued. */
    public void failNext(String method, int times, Failure failure) {
        lock.lock();
        try {
            Deque<Failure> queue = failures.computeIfAbsent(method, m -> new ArrayDeque<>());
            for (int i = 0; i < times; i++) {
                queue.add(failure);
            }
        } finally {
            lock.unlock();
        }
    }

    /** From now on every call of {@code method} is answered only after {@code delay}; null or zero resets. */
    public void delay(String method, Duration delay) {
        if (delay == null || delay.isZero()) {
            delays.remove(method);
        } else {
            delays.put(method, delay);
        }
    }

    /** From now on {@code auth.test} with the bot token answers {@code ok:false} with {@code error}; null resets. */
    public void rejectAuth(String error) {
        lock.lock();
        try {
            authError = error;
        } finally {
            lock.unlock();
        }
    }

    /** From now on {@code apps.connections.open} answers {@code ok:false} with {@code error}; null resets. */
    public void rejectConnectionsOpen(String error) {
        lock.lock();
        try {
            connectionsOpenError = error;
        } finally {
            lock.unlock();
        }
    }

    /** Sets how long envelopes sent from now on wait for their ack ({@link #ACK_TIMEOUT} by default). */
    public void ackTimeout(Duration timeout) {
        ackTimeout = timeout;
    }

    /** When on, messages and views that break a Block Kit rule are also refused with {@code invalid_blocks}. */
    public void strictBlocks(boolean on) {
        lock.lock();
        try {
            strictBlocks = on;
        } finally {
            lock.unlock();
        }
    }

    /** The next queued failure of {@code method}, or null. */
    Failure nextFailure(String method) {
        lock.lock();
        try {
            Deque<Failure> queue = failures.get(method);
            return queue == null ? null : queue.poll();
        } finally {
            lock.unlock();
        }
    }

    /** How long calls of {@code method} are held, or null. */
    Duration delayOf(String method) {
        return delays.get(method);
    }

    String authError() {
        lock.lock();
        try {
            return authError;
        } finally {
            lock.unlock();
        }
    }

    String connectionsOpenError() {
        lock.lock();
        try {
            return connectionsOpenError;
        } finally {
            lock.unlock();
        }
    }

    boolean strictBlocks() {
        lock.lock();
        try {
            return strictBlocks;
        } finally {
            lock.unlock();
        }
    }

    Duration ackTimeout() {
        return ackTimeout;
    }
}
