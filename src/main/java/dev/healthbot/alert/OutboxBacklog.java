package dev.healthbot.alert;

import java.time.Instant;
import java.util.Optional;

/** Port: how much of the alert outbox is still waiting; read for metrics. Implementations are thread-safe. */
public interface OutboxBacklog {

    /**
     * The outbox right now.
     *
     * @param changes status changes not yet claimed by the dispatcher
     * @param deliveries deliveries still PENDING (queued, paced or retrying)
     * @param oldest when the oldest of them was recorded; empty when nothing waits
     */
    record Backlog(long changes, long deliveries, Optional<Instant> oldest) {}

    Backlog backlog();
}
