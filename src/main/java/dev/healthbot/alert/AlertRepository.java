package dev.healthbot.alert;

import dev.healthbot.monitor.StatusChange;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Port: the alert outbox (status changes not yet fanned out), incidents and deliveries.
 * Implementations are thread-safe; every method is one transaction. A claim is a conditional
 * update of the change's {@code dispatched_at} that must change exactly one row, so each change is
 * fanned out exactly once however many dispatchers race for it.
 */
public interface AlertRepository {

    /** Status changes not yet claimed, oldest (lowest id) first. */
    List<StatusChange> pendingChanges(int limit);

    /**
     * Claims a flip to DOWN: creates the incident from {@code draft} and one PENDING OUTAGE
     * delivery per channel (none for an empty set). False, with nothing written, when the change
     * was already claimed.
     */
    boolean claimOutage(StatusChange change, Incident draft, Set<String> channels, Instant now);

    /**
     * Claims a flip from DOWN to UP: resolves the server's open incident at the change's time and
     * creates one PENDING RECOVERY delivery for every channel holding an OUTAGE delivery of it,
     * whatever that delivery's state. With no open incident it only claims. False, with nothing
     * written, when the change was already claimed.
     */
    boolean claimRecovery(StatusChange change, Instant now);

    /** Claims a change that sends nothing. False when it was already claimed. */
    boolean claimQuiet(StatusChange change, Instant now);

    /**
     * The head of each channel's queue that is due: per channel outside {@code heldChannels}, the
     * PENDING delivery with the smallest (nextAttemptAt, id), if that is at or before {@code now};
     * those heads ordered by (nextAttemptAt, id), at most {@code limit}.
     */
    List<Delivery> dueDeliveries(Instant now, Set<String> heldChannels, int limit);

    /** The earliest nextAttemptAt of a PENDING delivery strictly after {@code now}. */
    Optional<Instant> nextAttemptAfter(Instant now);

    /** PENDING to SENT, keeping {@code post}; {@code note} is kept as the last error (null for none). */
    void markSent(long deliveryId, PostRef post, Instant at, String note);

    /** Keeps the thread reply of a RECOVERY that is still PENDING (its edit is left to do). */
    void recordReply(long deliveryId, PostRef reply);

    /** Moves a PENDING delivery to a later attempt. */
    void reschedule(long deliveryId, int attempts, Instant nextAttemptAt, String lastError);

    /**
     * Records on a PENDING delivery that a post is starting at {@code startedAt}, before the
     * notifier is called, so that a restart knows the post may have landed; null clears it (the
     * post surely did not land). {@link #markSent} keeps it; {@link #recordReply} clears it.
     */
    void markAttempt(long deliveryId, Instant startedAt);

    /** PENDING to GIVEN_UP, with the reason. */
    void giveUp(long deliveryId, int attempts, String reason, Instant at);

    /** The OUTAGE delivery of an incident to a channel. */
    Optional<Delivery> outageDelivery(long incidentId, String channel);

    Optional<Incident> incident(long incidentId);

    Optional<Incident> openIncident(long monitorId);
}
