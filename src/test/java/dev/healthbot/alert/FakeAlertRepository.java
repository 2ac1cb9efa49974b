package dev.healthbot.alert;

import dev.healthbot.monitor.FailureKind;
import dev.healthbot.monitor.Status;
import dev.healthbot.monitor.StatusChange;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A working in-memory {@link AlertRepository} that also plays the status-changes outbox; every
 * method is atomic (synchronized), as a transaction would be.
 */
public final class FakeAlertRepository implements AlertRepository {
    private final Map<Long, StatusChange> changes = new TreeMap<>();
    private final Map<Long, Instant> dispatchedAt = new HashMap<>();
    private final Map<Long, Incident> incidents = new LinkedHashMap<>();
    private final Map<Long, Delivery> deliveries = new TreeMap<>();
    private long nextChange = 1;
    private long nextIncident = 1;
    private long nextDelivery = 1;
    private int failNextPendingChanges;

    /** Records a status change as the store would, returning it with its id. */
    public synchronized StatusChange record(StatusChange c) {
        StatusChange saved = c.withId(nextChange++);
        changes.put(saved.id(), saved);
        return saved;
    }

    public StatusChange down(long monitorId, Status from, Instant at) {
        return record(new StatusChange(0, monitorId, from, Status.DOWN, at, FailureKind.TIMEOUT, "timed out", 3, null));
    }

    public StatusChange up(long monitorId, Status from, Instant at, Instant downSince) {
        return record(new StatusChange(0, monitorId, from, Status.UP, at, FailureKind.NONE, "HTTP 200", 0, downSince));
    }

    /** Makes the next {@code n} calls of {@link #pendingChanges} throw. */
    public synchronized void failNextPendingChanges(int n) {
        failNextPendingChanges = n;
    }

    public synchronized boolean dispatched(long changeId) {
        return dispatchedAt.containsKey(changeId);
    }

    public synchronized List<Incident> incidents() {
        return List.copyOf(incidents.values());
    }

    public synchronized List<Delivery> allDeliveries() {
        return List.copyOf(deliveries.values());
    }

    @Override
    public synchronized List<StatusChange> pendingChanges(int limit) {
        if (failNextPendingChanges > 0) {
            failNextPendingChanges--;
            throw new IllegalStateException("database is locked");
        }
        return changes.values().stream()
                .filter(c -> !dispatchedAt.containsKey(c.id()))
                .limit(limit)
                .toList();
    }

    private boolean claim(StatusChange c, Instant now) {
        if (!changes.containsKey(c.id()) || dispatchedAt.containsKey(c.id())) {
            return false;
        }
        dispatchedAt.put(c.id(), now);
        return true;
    }

    @Override
    public synchronized boolean claimOutage(StatusChange c, Incident draft, Set<String> channels, Instant now) {
        if (!claim(c, now)) {
            return false;
        }
        if (openIncident(draft.monitorId()).isPresent()) {
            throw new IllegalStateException("one open incident per monitor");
        }
        Incident i = draft.withId(nextIncident++);
        incidents.put(i.id(), i);
        for (String ch : channels.stream().sorted().toList()) {
            Delivery d = Delivery.pending(nextDelivery++, i.id(), ch, Delivery.Kind.OUTAGE, now);
            deliveries.put(d.id(), d);
        }
        return true;
    }

    @Override
    public synchronized boolean claimRecovery(StatusChange c, Instant now) {
        if (!claim(c, now)) {
            return false;
        }
        Optional<Incident> open = openIncident(c.monitorId());
        if (open.isEmpty()) {
            return true;
        }
        Incident resolved = open.get().resolved(c.at());
        incidents.put(resolved.id(), resolved);
        List<String> channels = deliveries.values().stream()
                .filter(d -> d.incidentId() == resolved.id() && d.kind() == Delivery.Kind.OUTAGE)
                .map(Delivery::channel)
                .sorted()
                .toList();
        for (String ch : channels) {
            Delivery d = Delivery.pending(nextDelivery++, resolved.id(), ch, Delivery.Kind.RECOVERY, now);
            deliveries.put(d.id(), d);
        }
        return true;
    }

    @Override
    public synchronized boolean claimQuiet(StatusChange c, Instant now) {
        return claim(c, now);
    }

    @Override
    public synchronized List<Delivery> dueDeliveries(Instant now, Set<String> heldChannels, int limit) {
        Comparator<Delivery> order =
                Comparator.comparing(Delivery::nextAttemptAt).thenComparingLong(Delivery::id);
        Map<String, Delivery> heads = new HashMap<>();
        for (Delivery d : deliveries.values()) {
            if (d.state() != Delivery.State.PENDING || heldChannels.contains(d.channel())) {
                continue;
            }
            heads.merge(d.channel(), d, (a, b) -> order.compare(a, b) <= 0 ? a : b);
        }
        return heads.values().stream()
                .filter(d -> !d.nextAttemptAt().isAfter(now))
                .sorted(order)
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized Optional<Instant> nextAttemptAfter(Instant now) {
        return deliveries.values().stream()
                .filter(d ->
                        d.state() == Delivery.State.PENDING && d.nextAttemptAt().isAfter(now))
                .map(Delivery::nextAttemptAt)
                .min(Comparator.naturalOrder());
    }

    private Delivery pending(long id) {
        Delivery d = deliveries.get(id);
        if (d == null || d.state() != Delivery.State.PENDING) {
            throw new IllegalStateException("delivery " + id + " is not pending");
        }
        return d;
    }

    @Override
    public synchronized void markSent(long id, PostRef post, Instant at, String note) {
        Delivery d = pending(id);
        deliveries.put(
                id,
                new Delivery(
                        id,
                        d.incidentId(),
                        d.channel(),
                        d.kind(),
                        Delivery.State.SENT,
                        d.attempts(),
                        d.nextAttemptAt(),
                        d.createdAt(),
                        at,
                        note,
                        post,
                        d.attemptStartedAt()));
    }

    @Override
    public synchronized void recordReply(long id, PostRef reply) {
        Delivery d = pending(id);
        deliveries.put(
                id,
                new Delivery(
                        id,
                        d.incidentId(),
                        d.channel(),
                        d.kind(),
                        d.state(),
                        d.attempts(),
                        d.nextAttemptAt(),
                        d.createdAt(),
                        null,
                        d.lastError(),
                        reply,
                        null));
    }

    @Override
    public synchronized void reschedule(long id, int attempts, Instant nextAttemptAt, String lastError) {
        Delivery d = pending(id);
        deliveries.put(
                id,
                new Delivery(
                        id,
                        d.incidentId(),
                        d.channel(),
                        d.kind(),
                        d.state(),
                        attempts,
                        nextAttemptAt,
                        d.createdAt(),
                        null,
                        lastError,
                        d.post(),
                        d.attemptStartedAt()));
    }

    @Override
    public synchronized void markAttempt(long id, Instant startedAt) {
        Delivery d = pending(id);
        deliveries.put(
                id,
                new Delivery(
                        id,
                        d.incidentId(),
                        d.channel(),
                        d.kind(),
                        d.state(),
                        d.attempts(),
                        d.nextAttemptAt(),
                        d.createdAt(),
                        null,
                        d.lastError(),
                        d.post(),
                        startedAt));
    }

    @Override
    public synchronized void giveUp(long id, int attempts, String reason, Instant at) {
        Delivery d = pending(id);
        deliveries.put(
                id,
                new Delivery(
                        id,
                        d.incidentId(),
                        d.channel(),
                        d.kind(),
                        Delivery.State.GIVEN_UP,
                        attempts,
                        d.nextAttemptAt(),
                        d.createdAt(),
                        at,
                        reason,
                        d.post(),
                        d.attemptStartedAt()));
    }

    @Override
    public synchronized Optional<Delivery> outageDelivery(long incidentId, String channel) {
        return deliveries.values().stream()
                .filter(d ->
                        d.incidentId() == incidentId && d.channel().equals(channel) && d.kind() == Delivery.Kind.OUTAGE)
                .findFirst();
    }

    @Override
    public synchronized Optional<Incident> incident(long id) {
        return Optional.ofNullable(incidents.get(id));
    }

    @Override
    public synchronized Optional<Incident> openIncident(long monitorId) {
        return incidents.values().stream()
                .filter(i -> i.monitorId() == monitorId && i.isOpen())
                .findFirst();
    }

    /** Queues a pending outage delivery, as a release of a held-back incident does; false when one is there. */
    public synchronized boolean addOutage(long incidentId, String channel, Instant now) {
        if (outageDelivery(incidentId, channel).isPresent()) {
            return false;
        }
        Delivery d = Delivery.pending(nextDelivery++, incidentId, channel, Delivery.Kind.OUTAGE, now);
        deliveries.put(d.id(), d);
        return true;
    }
}
