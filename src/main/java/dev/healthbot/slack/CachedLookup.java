package dev.healthbot.slack;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Answers asked of Slack, kept for a while: at most one call per key at a time, run on this lookup's own daemon
 * threads, so a caller waits a bounded time and a call that outlives the bound still fills the cache for the retry.
 * Thread-safe; called from Slack handlers and the alert loop. Close once.
 *
 * @param <K> what is asked about (a user, a channel, a group)
 * @param <V> Slack's answer, immutable
 */
final class CachedLookup<K, V> implements AutoCloseable {

    /** Slack would not answer; the message is short and safe to show to a user. */
    static final class Unavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unavailable(String message) {
            super(message, null, false, false);
        }
    }

    private record Cached<V>(V value, long fetchedNanos) {}

    private final Function<K, V> fetch;
    private final Duration cacheFor;
    private final LongSupplier nanoTime;
    private final Map<K, Cached<V>> cache = new ConcurrentHashMap<>();
    private final Map<K, CompletableFuture<V>> inflight = new ConcurrentHashMap<>();
    private final ExecutorService calls;

    /**
     * @param name names the threads, e.g. {@code slack-users}
     * @param fetch asks Slack; throws {@link Unavailable} when Slack will not say
     */
    CachedLookup(String name, Function<K, V> fetch, Duration cacheFor, LongSupplier nanoTime) {
        this.fetch = fetch;
        this.cacheFor = cacheFor;
        this.nanoTime = nanoTime;
        AtomicInteger n = new AtomicInteger();
        this.calls = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** The time, on this lookup's clock, {@code bound} from now: pass it to {@link #get} for several lookups in a row. */
    long deadline(Duration bound) {
        return nanoTime.getAsLong() + bound.toNanos();
    }

    /** The cached answer, or Slack's, waiting no later than {@code deadline} (see {@link #deadline}). */
    V get(K key, long deadline) {
        Cached<V> c = cache.get(key);
        if (c != null && nanoTime.getAsLong() - c.fetchedNanos() < cacheFor.toNanos()) {
            return c.value();
        }
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> running = inflight.putIfAbsent(key, mine);
        if (running == null) {
            // Cached first, then no longer in flight, then answered: a caller after the answer never joins a stale
            // call.
            calls.execute(() -> {
                try {
                    V value = fetch.apply(key);
                    cache.put(key, new Cached<>(value, nanoTime.getAsLong()));
                    inflight.remove(key, mine);
                    mine.complete(value);
                } catch (RuntimeException e) {
                    inflight.remove(key, mine);
                    mine.completeExceptionally(e);
                }
            });
        }
        return await(running == null ? mine : running, deadline);
    }

    /** Slack's answer now, neither read from nor written to the cache, waiting no later than {@code deadline}. */
    V fresh(K key, long deadline) {
        return await(CompletableFuture.supplyAsync(() -> fetch.apply(key), calls), deadline);
    }

    private V await(CompletableFuture<V> answer, long deadline) {
        try {
            return answer.get(Math.max(1, deadline - nanoTime.getAsLong()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new Unavailable("Slack did not answer in time");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Unavailable u ? u : new Unavailable("Slack could not be reached");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted");
        }
    }

    @Override
    public void close() {
        calls.shutdownNow();
    }
}
