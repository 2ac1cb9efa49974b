package dev.healthbot.alert;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Port: what people did about incidents (acknowledgements, mutes), maintenance windows, each channel's reminder
 * steps and mentions, and the follow-up outbox. Implementations are thread-safe; every method is one
 * transaction, and every change a person made writes its {@code audit_log} row in the same transaction.
 */
public interface ResponseRepository {

    /** The acknowledgement of an incident: who and when. */
    record Ack(String by, Instant at) {}

    /** An open incident's outage post in one channel, as reminders need it. */
    record Posted(Incident incident, String channel, PostRef post, int lastReminder) {}

    Optional<Ack> ack(long incidentId);

    /**
     * Acknowledges an open, unacknowledged incident and queues an edit of each of its outage posts. False, with
     * nothing written, when it is resolved or someone has it already.
     */
    boolean acknowledge(long incidentId, String user, Instant now);

    /** Takes back {@code user}'s acknowledgement of an open incident and queues the edits; false when not theirs. */
    boolean unacknowledge(long incidentId, String user, Instant now);

    Optional<Mute> mute(long monitorId);

    List<Mute> mutes();

    /** Sets (or replaces) the server's mute and queues edits of the incident's outage posts. */
    void setMute(Mute mute);

    /**
     * Ends the server's mute, if any; queues edits of its incident's outage posts when that incident is still open.
     *
     * @param actor who ended it, or null when it ended by itself (no audit row then)
     */
    Optional<Mute> clearMute(long monitorId, String actor, Instant now);

    /**
     * Posts an open incident's outage now to {@code channels}, when it has never had an outage delivery (it was
     * held back by a mute or a maintenance window). False when it is resolved or already had one.
     */
    boolean release(long incidentId, Set<String> channels, Instant now);

    /** Open, unacknowledged incidents with a sent outage post, one entry per post. */
    List<Posted> remindable();

    /** Queues reminder {@code n} of an incident in a channel; false when it was already queued. */
    boolean addReminder(long incidentId, String channel, int n, Instant now);

    /** Queues a re-check reply in the thread of the incident's outage post in {@code channel}. */
    void addRecheck(long incidentId, String channel, FollowUpMessage.Recheck result, Instant now);

    /** The channel's reminder steps; empty when the channel is not subscribed. */
    Optional<ReminderSchedule> reminders(String channel);

    /** Sets the channel's reminder steps; false when it is not subscribed. */
    boolean setReminders(String channel, ReminderSchedule schedule, String actor, Instant now);

    /** The mentions of each of the channel's selectors that has any. */
    Map<Selector, List<Mention>> mentions(String channel);

    /** Sets the mentions of selectors the channel holds (an empty list clears them). */
    void setMentions(String channel, Set<Selector> selectors, List<Mention> mentions, String actor, Instant now);

    /** Whether the channel gets maintenance start and end posts; empty when it is not subscribed. */
    Optional<Boolean> maintenancePosts(String channel);

    /** Turns the channel's maintenance start and end posts on or off; false when it is not subscribed. */
    boolean setMaintenancePosts(String channel, boolean on, String actor, Instant now);

    /** The subscribed channels that turned maintenance start and end posts off. */
    Set<String> maintenancePostsOff();

    MaintenanceWindow addWindow(MaintenanceWindow draft, Instant now);

    /**
     * Adds a window of the servers file under {@code fileKey}; empty, with nothing written, when a window with that
     * key was added before (even one over by now).
     */
    Optional<MaintenanceWindow> addFileWindow(MaintenanceWindow draft, String fileKey, Instant now);

    /** The servers file's windows that have neither ended nor been ended early: file key to id. */
    Map<String, Long> fileWindows();

    Optional<MaintenanceWindow> window(long id);

    /** Windows whose end has not been handled yet, by id. */
    List<MaintenanceWindow> openWindows();

    /** Ends a window early; false when there is no such window or it has ended. */
    boolean endWindow(long id, String actor, Instant now);

    /** Marks a window's start announced and queues its start post to each channel; false when already done. */
    boolean announceStart(long windowId, Set<String> channels, Instant now);

    /**
     * Marks a window's end handled, queues its end post to each channel, counting {@code outages} and {@code downMs},
     * and releases each held-back incident in {@code releases} to its channels. False, with nothing written, when
     * already done.
     */
    boolean finishWindow(
            long windowId,
            Set<String> channels,
            int outages,
            long downMs,
            Map<Long, Set<String>> releases,
            Instant now);

    /** Incidents that opened at or after {@code from} and before {@code to}. */
    List<Incident> incidentsOpenedBetween(Instant from, Instant to);

    /** Due follow-ups outside the held channels, oldest first. */
    List<FollowUp> dueFollowUps(Instant now, Set<String> heldChannels, int limit);

    Optional<Instant> nextFollowUpAfter(Instant now);

    void followUpSent(long id, PostRef post, Instant at);

    /** PENDING to SKIPPED: there was nothing to say any more (resolved, acknowledged, muted). */
    void followUpSkipped(long id, String why, Instant at);

    void followUpRetry(long id, int attempts, Instant next, String error);

    void followUpGivenUp(long id, int attempts, String why, Instant at);

    /** The follow-ups of an incident, oldest first (for tests and the audit). */
    List<FollowUp> followUps(long incidentId);
}
