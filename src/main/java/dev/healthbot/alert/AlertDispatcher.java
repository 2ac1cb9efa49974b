package dev.healthbot.alert;

import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.MonitorRepository;
import dev.healthbot.monitor.Status;
import dev.healthbot.monitor.StatusChange;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Use case: turns status changes into deliveries ({@link #fanOut()}) and sends the deliveries that
 * are due ({@link #deliverDue()}), paced per channel, retried with backoff, exactly once per claim.
 * Thread-safe; driven by {@link AlertLoop}. Every state a restart must remember is in the
 * repositories; only the per-channel pacing lives in memory.
 */
public final class AlertDispatcher {

    /** What {@link #deliverDue()} returns when nothing is waiting. */
    public static final Duration IDLE = Duration.ofMinutes(1);

    private static final System.Logger LOG = System.getLogger(AlertDispatcher.class.getName());
    private static final int MAX_ROUNDS = 20;
    /** The note on a delivery whose post an earlier, interrupted attempt made. */
    static final String ADOPTED = "adopted the post of an interrupted attempt";

    private final AlertRepository alerts;
    private final SubscriptionRepository subscriptions;
    private final MonitorRepository monitors;
    private final Notifier notifier;
    private final InstantSource clock;
    private final DispatchPolicy policy;
    /** Finds the post of an attempt whose outcome is unknown before posting again. */
    private final PostAdoption adoption;
    /** Acknowledgements, mutes, maintenance, reminders and their follow-up outbox; null when not wired. */
    private final ResponseDesk desk;

    private Instant lastTick;
    private final ReentrantLock fanOutLock = new ReentrantLock();
    private final ReentrantLock deliverLock = new ReentrantLock();
    /** Per channel, the earliest time of its next post; guarded by deliverLock. */
    private final Map<String, Instant> heldUntil = new HashMap<>();

    public AlertDispatcher(
            AlertRepository alerts,
            SubscriptionRepository subscriptions,
            MonitorRepository monitors,
            Notifier notifier,
            InstantSource clock,
            DispatchPolicy policy) {
        this(alerts, subscriptions, monitors, notifier, clock, policy, null);
    }

    /** A dispatcher that also holds back quiet servers' outages and sends {@code desk}'s follow-ups. */
    public AlertDispatcher(
            AlertRepository alerts,
            SubscriptionRepository subscriptions,
            MonitorRepository monitors,
            Notifier notifier,
            InstantSource clock,
            DispatchPolicy policy,
            ResponseDesk desk) {
        this.desk = desk;
        this.alerts = alerts;
        this.subscriptions = subscriptions;
        this.monitors = monitors;
        this.notifier = notifier;
        this.clock = clock;
        this.policy = policy;
        this.adoption = new PostAdoption(notifier);
    }

    /**
     * Claims every pending status change and creates its incident and deliveries. A change that
     * fails is left pending for the next call, and the later changes of the same server wait with
     * it so a recovery is never claimed before its outage. Returns how many changes this call claimed.
     */
    public int fanOut() {
        fanOutLock.lock();
        try {
            int claimed = 0;
            Set<Long> stuck = new HashSet<>();
            // Read at the first outage of this call, then reused: one query per call, not per outage.
            Subscribers subscribers = new Subscribers();
            for (int round = 0; round < MAX_ROUNDS; round++) {
                List<StatusChange> batch = alerts.pendingChanges(policy.batchSize());
                int settled = 0;
                for (StatusChange c : batch) {
                    if (stuck.contains(c.monitorId())) {
                        continue;
                    }
                    try {
                        if (fanOut(c, subscribers)) {
                            claimed++;
                        }
                        settled++;
                    } catch (RuntimeException e) {
                        stuck.add(c.monitorId());
                        LOG.log(
                                Level.WARNING,
                                "alert fanout failed change=" + c.id() + " monitorId=" + c.monitorId() + " error="
                                        + e.getClass().getSimpleName() + "; will retry",
                                e);
                    }
                }
                if (batch.size() < policy.batchSize() || settled == 0) {
                    break;
                }
            }
            tick();
            return claimed;
        } finally {
            fanOutLock.unlock();
        }
    }

    /** Lets the desk queue what time calls for, at most once a second. */
    private void tick() {
        if (desk == null) {
            return;
        }
        Instant now = clock.instant();
        if (lastTick != null && now.isBefore(lastTick.plusSeconds(1)) && !now.isBefore(lastTick)) {
            return;
        }
        lastTick = now;
        try {
            desk.tick(now);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "alert tick failed error=" + e.getClass().getSimpleName() + "; will retry", e);
        }
    }

    private boolean fanOut(StatusChange c, Subscribers subscribers) {
        Instant now = clock.instant();
        if (c.to() == Status.DOWN && c.from() != Status.DOWN) {
            Optional<Monitor> monitor = monitors.findById(c.monitorId());
            if (monitor.isEmpty()) {
                return claimQuiet(c, now, "server-removed");
            }
            Monitor m = monitor.get();
            if (alerts.openIncident(m.id()).isPresent()) {
                return claimQuiet(c, now, "incident-already-open");
            }
            Set<String> channels = m.settings().alertsEnabled() ? subscribers.hearing(m) : Set.of();
            Quiet.Reason quiet = desk == null ? Quiet.Reason.NONE : desk.quiet(m, now);
            if (quiet != Quiet.Reason.NONE) {
                // The incident opens with no post; the mute's or window's end posts it if still down.
                channels = Set.of();
            }
            boolean won = alerts.claimOutage(c, Incident.open(m, c), channels, now);
            if (won) {
                LOG.log(
                        Level.INFO,
                        "alert outage change=" + c.id() + " monitor=" + m.name() + " cause=" + c.cause()
                                + " channels=" + channels.size()
                                + (m.settings().alertsEnabled() ? "" : " alerts=off")
                                + (quiet == Quiet.Reason.NONE ? "" : " held=" + quiet));
            }
            return won;
        }
        if (c.isRecovery()) {
            boolean won = alerts.claimRecovery(c, now);
            if (won) {
                LOG.log(Level.INFO, "alert recovery change=" + c.id() + " monitorId=" + c.monitorId());
            }
            return won;
        }
        // PENDING -> UP: a new server's first UP is not news.
        return claimQuiet(c, now, c.from() + "-to-" + c.to());
    }

    /** The subscriptions as read once per {@link #fanOut()} call, on first use; not thread-safe. */
    private final class Subscribers {
        private List<ChannelSubscription> all;

        Set<String> hearing(Monitor m) {
            if (all == null) {
                all = subscriptions.all();
            }
            return ChannelSubscription.hearing(all, m);
        }
    }

    private boolean claimQuiet(StatusChange c, Instant now, String why) {
        boolean won = alerts.claimQuiet(c, now);
        if (won) {
            LOG.log(Level.DEBUG, "alert quiet change=" + c.id() + " monitorId=" + c.monitorId() + " why=" + why);
        }
        return won;
    }

    /**
     * Sends the deliveries that are due, at most one post per {@link DispatchPolicy#minGap()} per
     * channel; channels proceed independently. Returns how long until something is next due
     * ({@link Duration#ZERO} when more is due at once, {@link #IDLE} when nothing waits).
     */
    public Duration deliverDue() {
        deliverLock.lock();
        try {
            for (int round = 0; round < MAX_ROUNDS; round++) {
                Instant now = clock.instant();
                heldUntil.values().removeIf(t -> !t.isAfter(now));
                List<Delivery> due = alerts.dueDeliveries(now, Set.copyOf(heldUntil.keySet()), policy.batchSize());
                List<FollowUp> followUps = desk == null
                        ? List.of()
                        : desk.responses().dueFollowUps(now, Set.copyOf(heldUntil.keySet()), policy.batchSize());
                if (due.isEmpty() && followUps.isEmpty()) {
                    return untilNext(clock.instant());
                }
                // Each delivery handled here either leaves the due set or holds its channel, so the
                // next round sees other channels' heads (or a recovery's outage just put ahead of it).
                for (Delivery d : due) {
                    if (!held(d.channel(), clock.instant())) {
                        deliver(d);
                    }
                }
                for (FollowUp f : followUps) {
                    if (!held(f.channel(), clock.instant())) {
                        deliver(f);
                    }
                }
            }
            return Duration.ZERO;
        } finally {
            deliverLock.unlock();
        }
    }

    private Duration untilNext(Instant now) {
        Instant next = alerts.nextAttemptAfter(now).orElse(null);
        if (desk != null) {
            Instant f = desk.responses().nextFollowUpAfter(now).orElse(null);
            if (f != null && (next == null || f.isBefore(next))) {
                next = f;
            }
        }
        for (Instant t : heldUntil.values()) {
            if (t.isAfter(now) && (next == null || t.isBefore(next))) {
                next = t;
            }
        }
        if (next == null) {
            return IDLE;
        }
        Duration d = Duration.between(now, next);
        return d.isNegative() ? Duration.ZERO : d;
    }

    private boolean held(String channel, Instant now) {
        Instant t = heldUntil.get(channel);
        return t != null && t.isAfter(now);
    }

    /**
     * Holds the channel for the gap again once a call has returned: a post slowed in transit then
     * still arrives at least the gap after the one before it, which is what Slack counts.
     */
    private void paced(String channel) {
        hold(channel, clock.instant().plus(policy.minGap()));
    }

    private void hold(String channel, Instant until) {
        heldUntil.merge(channel, until, (a, b) -> a.isAfter(b) ? a : b);
    }

    private void deliver(Delivery d) {
        Instant now = clock.instant();
        Optional<Incident> incident = alerts.incident(d.incidentId());
        if (incident.isEmpty()) {
            alerts.giveUp(d.id(), d.attempts(), "incident gone", now);
            LOG.log(Level.WARNING, "alert gaveup delivery=" + d.id() + " reason=incident-gone");
            return;
        }
        if (d.kind() == Delivery.Kind.OUTAGE) {
            deliverOutage(d, incident.get(), now);
        } else {
            deliverRecovery(d, incident.get(), now);
        }
    }

    private void deliverOutage(Delivery d, Incident i, Instant now) {
        hold(d.channel(), now.plus(policy.minGap()));
        PostRef post;
        PostAdoption.Outcome earlier = adoption.look(d, null);
        if (earlier instanceof PostAdoption.Outcome.Retry retry) {
            failed(d, i, retry.failure(), null);
            return;
        }
        if (earlier instanceof PostAdoption.Outcome.Found found) {
            alerts.markSent(d.id(), found.post(), clock.instant(), ADOPTED);
            delivered(d, i, "adopted");
            return;
        }
        // Written before Slack is called: a kill after Slack accepted the post and before markSent
        // leaves this mark, and the next attempt finds the post by its key instead of posting again.
        alerts.markAttempt(d.id(), now);
        try {
            PostState state = desk == null ? PostState.NONE : desk.postState(i, d.channel(), now);
            post = notifier.postOutage(d.channel(), Alert.outage(i), state, PostKey.of(d));
        } catch (DeliveryException e) {
            failedAttempt(d, i, e);
            return;
        } catch (RuntimeException e) {
            failedAttempt(
                    d,
                    i,
                    DeliveryException.outcomeUnknown(
                            "unexpected " + e.getClass().getSimpleName(), e));
            return;
        }
        paced(d.channel());
        alerts.markSent(d.id(), post, clock.instant(), null);
        delivered(d, i, null);
    }

    /** A post attempt failed: clears the attempt mark when Slack surely did not post, then retries or gives up. */
    private void failedAttempt(Delivery d, Incident i, DeliveryException e) {
        if (!e.isOutcomeUnknown()) {
            alerts.markAttempt(d.id(), null);
        }
        failed(d, i, e, null);
    }

    private void deliverRecovery(Delivery d, Incident i, Instant now) {
        Optional<Delivery> outage = alerts.outageDelivery(i.id(), d.channel());
        if (outage.isPresent() && outage.get().state() == Delivery.State.PENDING) {
            // The channel has not heard of the outage yet: queue behind it, without counting an
            // attempt. Same time and a higher id puts the recovery right after its outage.
            alerts.reschedule(d.id(), d.attempts(), outage.get().nextAttemptAt(), d.lastError());
            LOG.log(
                    Level.DEBUG,
                    "alert recovery waits delivery=" + d.id() + " outageDelivery="
                            + outage.get().id());
            return;
        }
        PostRef outagePost = outage.filter(o -> o.state() == Delivery.State.SENT)
                .map(Delivery::post)
                .orElse(null);
        Alert alert = Alert.recovery(i);
        PostRef reply = d.post();
        if (reply == null) {
            hold(d.channel(), now.plus(policy.minGap()));
            String threadTs = outagePost == null ? null : outagePost.ts();
            PostAdoption.Outcome earlier = adoption.look(d, threadTs);
            if (earlier instanceof PostAdoption.Outcome.Retry retry) {
                failed(d, i, retry.failure(), null);
                return;
            }
            if (earlier instanceof PostAdoption.Outcome.Found found) {
                reply = found.post();
            } else {
                // As for the outage: the mark before the call lets a restart find the reply in the thread.
                alerts.markAttempt(d.id(), now);
                try {
                    reply = notifier.postRecovery(d.channel(), threadTs, alert, PostKey.of(d));
                } catch (DeliveryException e) {
                    failedAttempt(d, i, e);
                    return;
                } catch (RuntimeException e) {
                    failedAttempt(
                            d,
                            i,
                            DeliveryException.outcomeUnknown(
                                    "unexpected " + e.getClass().getSimpleName(), e));
                    return;
                }
                paced(d.channel());
            }
            if (outagePost == null) {
                alerts.markSent(d.id(), reply, clock.instant(), null);
                delivered(d, i, null);
                return;
            }
            alerts.recordReply(d.id(), reply);
            subscriptions.clearFailing(d.channel());
        } else if (outagePost == null) {
            alerts.markSent(d.id(), reply, clock.instant(), null);
            delivered(d, i, null);
            return;
        } else {
            hold(d.channel(), now.plus(policy.minGap()));
        }
        // Second step: edit the outage post. Safe to repeat, so a crash here only repeats the edit.
        try {
            if (desk == null) {
                notifier.markResolved(outagePost, alert);
            } else {
                notifier.markResolved(outagePost, alert, desk.postState(i, d.channel(), now));
            }
        } catch (DeliveryException e) {
            failed(d, i, e, reply);
            return;
        } catch (RuntimeException e) {
            failed(d, i, unexpected(e), reply);
            return;
        }
        alerts.markSent(d.id(), reply, clock.instant(), null);
        delivered(d, i, null);
    }

    /** Sends one follow-up row: an edit or a post, paced with the channel's other posts, retried like them. */
    private void deliver(FollowUp f) {
        Instant now = clock.instant();
        ResponseDesk.Plan plan;
        try {
            plan = desk.plan(f, now);
        } catch (RuntimeException e) {
            followUpFailed(f, unexpected(e));
            return;
        }
        if (plan instanceof ResponseDesk.Plan.Skip skip) {
            desk.responses().followUpSkipped(f.id(), skip.why(), now);
            LOG.log(Level.INFO, "followup skipped id=" + f.id() + " kind=" + f.kind() + " why=" + skip.why());
            return;
        }
        if (plan instanceof ResponseDesk.Plan.Wait wait) {
            // Behind the outage post of its channel, without counting an attempt.
            desk.responses().followUpRetry(f.id(), f.attempts(), now.plus(policy.minGap()), wait.why());
            return;
        }
        hold(f.channel(), now.plus(policy.minGap()));
        PostRef post = null;
        try {
            if (plan instanceof ResponseDesk.Plan.Edit edit) {
                notifier.refresh(edit.post(), edit.alert(), edit.state());
                post = edit.post();
            } else {
                ResponseDesk.Plan.Post p = (ResponseDesk.Plan.Post) plan;
                post = notifier.postFollowUp(f.channel(), p.threadTs(), p.message(), p.broadcast());
            }
        } catch (DeliveryException e) {
            followUpFailed(f, e);
            return;
        } catch (RuntimeException e) {
            followUpFailed(f, unexpected(e));
            return;
        }
        paced(f.channel());
        desk.responses().followUpSent(f.id(), post, clock.instant());
        LOG.log(
                Level.INFO,
                "followup sent id=" + f.id() + " kind=" + f.kind() + " channel=" + f.channel() + " attempts="
                        + (f.attempts() + 1));
    }

    private void followUpFailed(FollowUp f, DeliveryException e) {
        Instant now = clock.instant();
        int attempts = f.attempts() + 1;
        if (e.retryAfter() != null) {
            hold(f.channel(), now.plus(e.retryAfter()));
        }
        if (e.isPermanent()
                || !Duration.between(f.createdAt(), now).minus(policy.maxAge()).isNegative()) {
            desk.responses().followUpGivenUp(f.id(), attempts, e.reason(), now);
            LOG.log(
                    Level.WARNING,
                    "followup gaveup id=" + f.id() + " kind=" + f.kind() + " channel=" + f.channel() + " reason="
                            + e.reason() + " attempts=" + attempts);
            return;
        }
        Duration wait = policy.backoff(attempts, ThreadLocalRandom.current().nextDouble());
        if (e.retryAfter() != null && e.retryAfter().compareTo(wait) > 0) {
            wait = e.retryAfter();
        }
        desk.responses().followUpRetry(f.id(), attempts, now.plus(wait), e.reason());
        LOG.log(
                Level.INFO,
                "followup retry id=" + f.id() + " kind=" + f.kind() + " channel=" + f.channel() + " reason="
                        + e.reason() + " attempts=" + attempts + " waitMs=" + wait.toMillis());
    }

    private void delivered(Delivery d, Incident i, String note) {
        subscriptions.clearFailing(d.channel());
        LOG.log(
                Level.INFO,
                "alert sent delivery=" + d.id() + " kind=" + d.kind() + " incident=" + i.id() + " monitor="
                        + i.monitorName() + " channel=" + d.channel() + " attempts=" + (d.attempts() + 1)
                        + (note == null ? "" : " note=" + note));
    }

    /**
     * Handles a failed notifier call. {@code reply} is the recovery's thread reply when only the
     * edit failed: the channel did hear of the recovery, so the delivery ends SENT with a note
     * rather than GIVEN_UP, and the channel is not marked failing.
     */
    private void failed(Delivery d, Incident i, DeliveryException e, PostRef reply) {
        Instant now = clock.instant();
        int attempts = d.attempts() + 1;
        String step = reply == null ? "" : "edit ";
        if (e.retryAfter() != null) {
            hold(d.channel(), now.plus(e.retryAfter()));
        }
        if (e.isPermanent()
                || !Duration.between(d.createdAt(), now).minus(policy.maxAge()).isNegative()) {
            String why = e.isPermanent() ? e.reason() : "retried for " + policy.maxAge() + ", last: " + e.reason();
            if (reply != null) {
                alerts.markSent(d.id(), reply, now, "edit failed: " + why);
                LOG.log(
                        Level.WARNING,
                        "alert edit gaveup delivery=" + d.id() + " incident=" + i.id() + " channel=" + d.channel()
                                + " reason=" + e.reason() + " attempts=" + attempts);
                return;
            }
            alerts.giveUp(d.id(), attempts, why, now);
            if (e.isPermanent()) {
                subscriptions.markFailing(d.channel(), e.reason(), now);
            }
            LOG.log(
                    Level.WARNING,
                    "alert gaveup delivery=" + d.id() + " kind=" + d.kind() + " incident=" + i.id() + " monitor="
                            + i.monitorName() + " channel=" + d.channel() + " reason=" + e.reason()
                            + " permanent=" + e.isPermanent() + " attempts=" + attempts);
            return;
        }
        Duration wait = policy.backoff(attempts, ThreadLocalRandom.current().nextDouble());
        if (e.retryAfter() != null && e.retryAfter().compareTo(wait) > 0) {
            wait = e.retryAfter();
        }
        alerts.reschedule(d.id(), attempts, now.plus(wait), step + e.reason());
        LOG.log(
                Level.INFO,
                "alert retry delivery=" + d.id() + " kind=" + d.kind() + " step=" + (reply == null ? "post" : "edit")
                        + " channel=" + d.channel() + " reason=" + e.reason() + " attempts=" + attempts + " waitMs="
                        + wait.toMillis());
    }

    private static DeliveryException unexpected(RuntimeException e) {
        return DeliveryException.transientFailure("unexpected " + e.getClass().getSimpleName(), null, e);
    }
}
