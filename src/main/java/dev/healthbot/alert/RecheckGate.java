package dev.healthbot.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * At most one re-check per server per {@link #GAP}, whoever clicks; in memory (a restart may allow one more).
 * Thread-safe.
 */
public final class RecheckGate {

    public static final Duration GAP = Duration.ofSeconds(5);

    private final ConcurrentMap<Long, Instant> last = new ConcurrentHashMap<>();

    /** Empty when a re-check may start now (and records it); otherwise how long until the next one may. */
    public Duration tryStart(long monitorId, Instant now) {
        Duration[] wait = {Duration.ZERO};
        last.compute(monitorId, (id, before) -> {
            if (before != null && now.isBefore(before.plus(GAP)) && !now.isBefore(before)) {
                wait[0] = Duration.between(now, before.plus(GAP));
                return before;
            }
            return now;
        });
        if (last.size() > 10_000) {
            last.values().removeIf(t -> t.isBefore(now.minus(GAP)));
        }
        return wait[0];
    }
}
