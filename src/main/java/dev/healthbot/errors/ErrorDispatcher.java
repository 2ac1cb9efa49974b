package dev.healthbot.errors;

import dev.healthbot.alert.DeliveryException;
import dev.healthbot.alert.DispatchPolicy;
import dev.healthbot.alert.PostRef;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Use case: works through the error outbox: posts each queued top-level message, then its details
 * reply, milestone lines ({@code 10th}, {@code 100th}, ...) and counter edits (at most one per
 * {@link #EDIT_GAP} per post), at most one Slack call per {@link DispatchPolicy#minGap()} per channel,
 * retrying transient failures with backoff. Single-threaded: driven by {@link ErrorLoop}.
 */
public final class ErrorDispatcher {

    /** The least time between two edits of one post's counter. */
    public static final Duration EDIT_GAP = Duration.ofSeconds(10);

    public static final Duration IDLE = Duration.ofMinutes(1);

    private static final System.Logger LOG = System.getLogger(ErrorDispatcher.class.getName());
    private static final int MAX_ROUNDS = 20;

    private final ErrorRepository groups;
    private final ErrorSourceRepository sources;
    private final ErrorNotifier notifier;
    private final InstantSource clock;
    private final DispatchPolicy policy;
    private final Map<String, Instant> heldUntil = new HashMap<>();

    public ErrorDispatcher(
            ErrorRepository groups,
            ErrorSourceRepository sources,
            ErrorNotifier notifier,
            InstantSource clock,
            DispatchPolicy policy) {
        this.groups = groups;
        this.sources = sources;
        this.notifier = notifier;
        this.clock = clock;
        this.policy = policy;
    }

    /** Does what is owed now; returns how long until something is next owed. */
    public Duration deliverDue() {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Instant now = clock.instant();
            heldUntil.values().removeIf(t -> !t.isAfter(now));
            List<ErrorPost> owed = groups.owed(now, policy.batchSize());
            boolean worked = false;
            for (ErrorPost p : owed) {
                Instant at = clock.instant();
                if (held(p.channel(), at)) {
                    continue;
                }
                worked = true;
                try {
                    work(p, at);
                    if (held(p.channel(), at)) {
                        // Held again from when the call returned: a call slowed in transit still
                        // reaches Slack at least the gap after the one before it.
                        hold(p.channel());
                    }
                } catch (RuntimeException e) {
                    LOG.log(
                            Level.WARNING,
                            "error post failed post=" + p.id() + " error="
                                    + e.getClass().getSimpleName(),
                            e);
                    groups.retry(
                            p.id(),
                            p.attempts() + 1,
                            "unexpected " + e.getClass().getSimpleName(),
                            at.plus(policy.backoff(
                                    p.attempts() + 1,
                                    ThreadLocalRandom.current().nextDouble())));
                }
            }
            if (!worked) {
                return untilNext(clock.instant());
            }
        }
        return Duration.ZERO;
    }

    private Duration untilNext(Instant now) {
        Instant next = groups.nextOwedAfter(now).orElse(null);
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

    private void hold(String channel) {
        heldUntil.merge(channel, clock.instant().plus(policy.minGap()), (a, b) -> a.isAfter(b) ? a : b);
    }

    private void work(ErrorPost p, Instant now) {
        Optional<ErrorGroup> found = groups.group(p.groupId());
        Optional<ErrorSource> source = found.flatMap(g -> sources.findById(g.sourceId()));
        if (found.isEmpty() || source.isEmpty()) {
            groups.giveUp(p.id(), "group gone", now);
            return;
        }
        ErrorGroup g = found.get();
        if (p.state() == ErrorPost.State.PENDING) {
            if (p.episode() != g.episode()) {
                groups.giveUp(p.id(), "a later episode replaced it", now);
                return;
            }
            if (!now.isBefore(p.createdAt().plus(policy.maxAge()))) {
                groups.giveUp(p.id(), "still failing after " + policy.maxAge() + ": " + p.lastError(), now);
                LOG.log(Level.WARNING, "error post gaveup post=" + p.id() + " channel=" + p.channel());
                return;
            }
            ErrorView view = view(
                    g,
                    source.get(),
                    groups.previousPost(g.id(), g.episode(), p.channel()).orElse(null));
            hold(p.channel());
            try {
                PostRef ref = notifier.post(p.channel(), view);
                groups.posted(p.id(), ref, g.episodeCount(), clock.instant());
                LOG.log(
                        Level.INFO,
                        "error post sent post=" + p.id() + " group=" + g.id() + " reason=" + g.reason() + " channel="
                                + p.channel());
            } catch (DeliveryException e) {
                failed(p, e, true);
            }
            return;
        }
        if (p.state() != ErrorPost.State.SENT || p.episode() != g.episode()) {
            groups.edited(p.id(), p.shownCount(), now, now);
            return;
        }
        ErrorView view = view(g, source.get(), null);
        if (!p.detailsDone()) {
            hold(p.channel());
            try {
                notifier.details(p.post(), view);
                groups.detailsDone(p.id(), now);
            } catch (DeliveryException e) {
                if (failed(p, e, false)) {
                    groups.detailsDone(p.id(), now);
                }
            }
            return;
        }
        if (g.milestone() > p.milestoneShown()) {
            hold(p.channel());
            try {
                notifier.milestone(p.post(), view, g.milestone());
                groups.milestoneShown(p.id(), g.milestone(), now);
            } catch (DeliveryException e) {
                if (failed(p, e, false)) {
                    groups.milestoneShown(p.id(), g.milestone(), now);
                }
            }
            return;
        }
        if (p.shownCount() != g.episodeCount()) {
            Instant allowed = p.shownAt() == null ? now : p.shownAt().plus(EDIT_GAP);
            if (allowed.isAfter(now)) {
                groups.retry(p.id(), p.attempts(), p.lastError(), allowed);
                return;
            }
            hold(p.channel());
            try {
                notifier.update(p.post(), view);
                groups.edited(
                        p.id(),
                        g.episodeCount(),
                        clock.instant(),
                        clock.instant().plus(EDIT_GAP));
            } catch (DeliveryException e) {
                if (failed(p, e, false)) {
                    groups.edited(p.id(), g.episodeCount(), now, now.plus(EDIT_GAP));
                }
            }
            return;
        }
        groups.edited(p.id(), p.shownCount(), p.shownAt() == null ? now : p.shownAt(), now);
    }

    private ErrorView view(ErrorGroup g, ErrorSource s, PostRef previous) {
        return new ErrorView(g, s.name(), s.environment(), previous, clock.instant());
    }

    /**
     * Handles a failed call; true when it failed for good. A top-level post that failed for good is
     * given up; a transient failure of anything is retried with backoff.
     */
    private boolean failed(ErrorPost p, DeliveryException e, boolean topLevel) {
        Instant now = clock.instant();
        if (e.isPermanent()) {
            LOG.log(
                    Level.WARNING,
                    "error post failed for good post=" + p.id() + " channel=" + p.channel() + " reason=" + e.reason()
                            + (topLevel ? " action=gaveup" : " action=skipped"));
            if (topLevel) {
                groups.giveUp(p.id(), e.reason(), now);
            }
            return true;
        }
        int attempts = p.attempts() + 1;
        Duration wait = policy.backoff(attempts, ThreadLocalRandom.current().nextDouble());
        if (e.retryAfter() != null && e.retryAfter().compareTo(wait) > 0) {
            wait = e.retryAfter();
            heldUntil.put(p.channel(), now.plus(wait));
        }
        LOG.log(
                Level.INFO,
                "error post retry post=" + p.id() + " channel=" + p.channel() + " reason=" + e.reason() + " waitMs="
                        + wait.toMillis());
        groups.retry(p.id(), attempts, e.reason(), now.plus(wait));
        return false;
    }
}
