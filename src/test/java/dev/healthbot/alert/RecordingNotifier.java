package dev.healthbot.alert;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Notifier} that records every successful call with the clock's time, and can be told to
 * fail the next calls of one operation or every call to one channel; thread-safe.
 */
public final class RecordingNotifier implements Notifier {

    /** The notifier operations. */
    public enum Op {
        OUTAGE,
        RECOVERY,
        RESOLVE,
        /** An edit of an open incident's outage post. */
        REFRESH,
        /** A follow-up post (reminder, re-check, maintenance); its message is in {@link #followUps()}. */
        FOLLOW_UP
    }

    /** One successful follow-up post. */
    public record FollowUpCall(String channel, String threadTs, FollowUpMessage message, boolean broadcast) {}

    private final List<FollowUpCall> followUps = new ArrayList<>();

    /** One {@link #findPost} call. */
    public record Lookup(String channel, String threadTs, PostKey key, Instant since) {}

    private final List<Lookup> lookups = new ArrayList<>();
    /** Posts that carried a key, as Slack would keep their metadata; survives a {@link Crash}. */
    private final Map<PostKey, Call> keyed = new HashMap<>();

    private DeliveryException lookupFailure;

    /** One successful call. */
    public record Call(Op op, String channel, String threadTs, PostRef post, Alert alert, Instant at) {}

    /** Thrown by {@link #crashNext}: stands for the process dying mid-delivery. */
    public static final class Crash extends Error {
        private static final long serialVersionUID = 1L;

        Crash() {
            super("simulated crash");
        }
    }

    private final InstantSource clock;
    private final List<Call> calls = new ArrayList<>();
    private final Map<Op, Deque<Throwable>> failures = new HashMap<>();
    private final Map<String, DeliveryException> channelFailures = new HashMap<>();
    private final Map<String, Integer> attempts = new HashMap<>();
    private volatile CountDownLatch latch = new CountDownLatch(0);
    private long ts = 1_700_000_000_000_000L;

    public RecordingNotifier(InstantSource clock) {
        this.clock = clock;
    }

    /** The next call of {@code op} throws {@code e}; queued calls fail in order. */
    public synchronized RecordingNotifier failNext(Op op, DeliveryException e) {
        failures.computeIfAbsent(op, k -> new ArrayDeque<>()).add(e);
        return this;
    }

    /** The next call of {@code op} dies after Slack accepted it (the post happened, the caller never learns). */
    public synchronized RecordingNotifier crashNext(Op op) {
        failures.computeIfAbsent(op, k -> new ArrayDeque<>()).add(new Crash());
        return this;
    }

    /** Every call to the channel throws {@code e} until {@link #heal}. */
    public synchronized void failChannel(String channel, DeliveryException e) {
        channelFailures.put(channel, e);
    }

    public synchronized void heal(String channel) {
        channelFailures.remove(channel);
    }

    /** A latch released after {@code n} more successful calls. */
    public CountDownLatch expect(int n) {
        latch = new CountDownLatch(n);
        return latch;
    }

    public boolean await(CountDownLatch l) throws InterruptedException {
        return l.await(10, TimeUnit.SECONDS);
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    public synchronized List<Call> calls(String channel) {
        return calls.stream().filter(c -> c.channel().equals(channel)).toList();
    }

    public synchronized int attempts(String channel) {
        return attempts.getOrDefault(channel, 0);
    }

    @Override
    public PostRef postOutage(String channel, Alert alert) throws DeliveryException {
        return call(Op.OUTAGE, channel, null, null, alert);
    }

    @Override
    public PostRef postRecovery(String channel, String threadTs, Alert alert) throws DeliveryException {
        return call(Op.RECOVERY, channel, threadTs, null, alert);
    }

    @Override
    public PostRef postOutage(String channel, Alert alert, PostState state, PostKey key) throws DeliveryException {
        return call(Op.OUTAGE, channel, null, null, alert, key);
    }

    @Override
    public PostRef postRecovery(String channel, String threadTs, Alert alert, PostKey key) throws DeliveryException {
        return call(Op.RECOVERY, channel, threadTs, null, alert, key);
    }

    /** Finds a post that carried {@code key} in the channel (top level) or the thread, as Slack's history would. */
    @Override
    public synchronized java.util.Optional<PostRef> findPost(
            String channel, String threadTs, PostKey key, Instant since) throws DeliveryException {
        lookups.add(new Lookup(channel, threadTs, key, since));
        if (lookupFailure != null) {
            throw lookupFailure;
        }
        Call c = keyed.get(key);
        if (c == null || !c.channel().equals(channel) || !java.util.Objects.equals(c.threadTs(), threadTs)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(c.post());
    }

    /** Every lookup from now on throws {@code e}; null makes them work again. */
    public synchronized void failLookups(DeliveryException e) {
        lookupFailure = e;
    }

    public synchronized List<Lookup> lookups() {
        return List.copyOf(lookups);
    }

    @Override
    public void markResolved(PostRef outagePost, Alert alert) throws DeliveryException {
        call(Op.RESOLVE, outagePost.channel(), null, outagePost, alert);
    }

    @Override
    public void refresh(PostRef outagePost, Alert alert, PostState state) throws DeliveryException {
        call(Op.REFRESH, outagePost.channel(), null, outagePost, alert);
    }

    @Override
    public PostRef postFollowUp(String channel, String threadTs, FollowUpMessage message, boolean broadcast)
            throws DeliveryException {
        PostRef post = call(Op.FOLLOW_UP, channel, threadTs, null, null);
        synchronized (this) {
            followUps.add(new FollowUpCall(channel, threadTs, message, broadcast));
        }
        return post;
    }

    public synchronized List<FollowUpCall> followUps() {
        return List.copyOf(followUps);
    }

    private PostRef call(Op op, String channel, String threadTs, PostRef target, Alert alert) throws DeliveryException {
        return call(op, channel, threadTs, target, alert, null);
    }

    private PostRef call(Op op, String channel, String threadTs, PostRef target, Alert alert, PostKey key)
            throws DeliveryException {
        PostRef result;
        synchronized (this) {
            attempts.merge(channel, 1, Integer::sum);
            DeliveryException always = channelFailures.get(channel);
            if (always != null) {
                throw always;
            }
            Deque<Throwable> queue = failures.get(op);
            Throwable failure = queue == null ? null : queue.poll();
            result = target != null
                    ? target
                    : new PostRef(channel, String.format("%d.%06d", ts / 1_000_000, ts % 1_000_000));
            ts++;
            if (failure instanceof DeliveryException e) {
                throw e;
            }
            Call done = new Call(op, channel, threadTs, result, alert, clock.instant());
            calls.add(done);
            if (key != null) {
                keyed.put(key, done);
            }
            if (failure instanceof Crash crash) {
                throw crash;
            }
        }
        latch.countDown();
        return result;
    }
}
