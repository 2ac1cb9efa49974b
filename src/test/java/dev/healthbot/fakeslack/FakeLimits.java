package dev.healthbot.fakeslack;

import static dev.healthbot.fakeslack.FakeSlack.*;
import static dev.healthbot.fakeslack.Wire.*;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
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
    // Guarded by lock.
    private final Set<String> revokedScopes = new HashSet<>();
    private final List<Hold> holds = new ArrayList<>();

    /**
     * An armed hold on a {@code chat.postMessage}: the fake stores the message, then keeps the answer until
     * {@link #release()}, and then never sends it (the connection is closed unanswered), as when the app dies
     * between Slack accepting a post and reading the answer.
     */
    public static final class Hold {
        private final Predicate<Message> match;
        private final CountDownLatch held = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        private volatile Message message;
        private boolean taken; // guarded by the ledger's lock

        Hold(Predicate<Message> match) {
            this.match = match;
        }

        /** Waits until a matching post was stored and its answer is being held; returns that message. */
        public Message awaitHeld(Duration timeout) {
            try {
                if (!held.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new AssertionError("no chat.postMessage was held within " + timeout);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for a held post", e);
            }
            return message;
        }

        /** Lets the held HTTP exchange end, unanswered. */
        public void release() {
            released.countDown();
        }

        void holding(Message m) {
            message = m;
            held.countDown();
        }

        /** Blocks the fake's HTTP thread until released or interrupted (the fake closing). */
        void awaitRelease() {
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

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

    /**
     * Holds the answer to the first future {@code chat.postMessage} whose stored message matches (see {@link Hold});
     * release it once the test is done with it.
     */
    public Hold holdPost(Predicate<Message> match) {
        Hold h = new Hold(match);
        lock.lock();
        try {
            holds.add(h);
        } finally {
            lock.unlock();
        }
        return h;
    }

    /** From now on methods that need {@code scope} answer {@code missing_scope}, as when the app was installed without it. */
    public void revokeScope(String scope) {
        lock.lock();
        try {
            revokedScopes.add(scope);
        } finally {
            lock.unlock();
        }
    }

    /** Gives back a scope taken with {@link #revokeScope}. */
    public void grantScope(String scope) {
        lock.lock();
        try {
            revokedScopes.remove(scope);
        } finally {
            lock.unlock();
        }
    }

    /** Whether the app's token holds {@code scope}; called with the lock held or not. */
    boolean hasScope(String scope) {
        lock.lock();
        try {
            return !revokedScopes.contains(scope);
        } finally {
            lock.unlock();
        }
    }

    /** The scopes the token holds, as Slack lists them in {@code provided}. */
    String providedScopes() {
        lock.lock();
        try {
            List<String> all = new ArrayList<>(List.of(
                    "commands",
                    "chat:write",
                    "chat:write.public",
                    "channels:history",
                    "groups:history",
                    "users:read",
                    "usergroups:read"));
            all.removeAll(revokedScopes);
            return String.join(",", all);
        } finally {
            lock.unlock();
        }
    }

    /** Takes the first armed hold that matches the stored {@code m}, or null; called with the lock held. */
    Hold takeHold(Message m) {
        lock.lock();
        try {
            for (Hold h : holds) {
                if (!h.taken && h.match.test(m)) {
                    h.taken = true;
                    return h;
                }
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** Releases every hold, armed or in use, when the fake closes. */
    void releaseHolds() {
        lock.lock();
        try {
            holds.forEach(Hold::release);
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
