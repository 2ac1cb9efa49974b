package dev.healthbot.monitor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Every heartbeat's next deadline, ordered by time: setting, moving or dropping one is O(log n), and
 * finding the due ones looks only at the head. Serves 100,000 heartbeats in a few megabytes.
 * Thread-safe (one lock; each call is short).
 */
public final class DeadlineIndex {

    /** One heartbeat's deadline, in epoch milliseconds. */
    public record Due(long monitorId, Instant deadline) {}

    private record Entry(long at, long id) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry o) {
            int c = Long.compare(at, o.at);
            return c != 0 ? c : Long.compare(id, o.id);
        }
    }

    private final TreeSet<Entry> byTime = new TreeSet<>();
    private final Map<Long, Long> byId = new HashMap<>();

    /** Sets the server's deadline; null drops it. */
    public synchronized void put(long monitorId, Instant deadline) {
        Long old = byId.remove(monitorId);
        if (old != null) {
            byTime.remove(new Entry(old, monitorId));
        }
        if (deadline != null) {
            long at = deadline.toEpochMilli();
            byId.put(monitorId, at);
            byTime.add(new Entry(at, monitorId));
        }
    }

    public synchronized void remove(long monitorId) {
        put(monitorId, null);
    }

    /** Removes and returns every deadline at or before {@code now}, earliest first. */
    public synchronized List<Due> takeDue(Instant now) {
        long t = now.toEpochMilli();
        List<Due> due = new ArrayList<>();
        while (!byTime.isEmpty() && byTime.first().at <= t) {
            Entry e = byTime.pollFirst();
            byId.remove(e.id);
            due.add(new Due(e.id, Instant.ofEpochMilli(e.at)));
        }
        return due;
    }

    /** The server's deadline, if it has one. */
    public synchronized Optional<Instant> deadline(long monitorId) {
        Long at = byId.get(monitorId);
        return at == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(at));
    }

    public synchronized Optional<Instant> earliest() {
        return byTime.isEmpty() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(byTime.first().at));
    }

    public synchronized int size() {
        return byId.size();
    }

    public synchronized void clear() {
        byTime.clear();
        byId.clear();
    }
}
