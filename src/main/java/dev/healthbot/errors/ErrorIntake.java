package dev.healthbot.errors;

import dev.healthbot.alert.ChannelSubscription;
import dev.healthbot.alert.SubscriptionRepository;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * Use case: takes one parsed report for a source key, redacts and caps it, fingerprints it and counts
 * it in its group, queueing posts when it opens an episode. Thread-safe; called from the HTTP
 * endpoint's threads. Wakes the error loop when posts were queued.
 */
public final class ErrorIntake {

    /** What became of a report. */
    public sealed interface Outcome {
        /** Counted in {@code groupId}. */
        record Accepted(long groupId, boolean opened) implements Outcome {}

        /** No source has this key, or the key does not belong to the named source id. */
        record UnknownKey() implements Outcome {}
    }

    private final ErrorSourceRepository sources;
    private final ErrorRepository groups;
    private final SubscriptionRepository subscriptions;
    private final InstantSource clock;
    private final Duration quiet;
    private final Runnable wake;
    private final LongAdder accepted = new LongAdder();

    /**
     * @param quiet a group silent this long that reports again posts anew, linking the old post
     * @param wake called after posts were queued (the error loop's wake-up)
     */
    public ErrorIntake(
            ErrorSourceRepository sources,
            ErrorRepository groups,
            SubscriptionRepository subscriptions,
            InstantSource clock,
            Duration quiet,
            Runnable wake) {
        this.sources = sources;
        this.groups = groups;
        this.subscriptions = subscriptions;
        this.clock = clock;
        this.quiet = quiet;
        this.wake = wake;
    }

    /**
     * Counts one report sent with {@code key}; when {@code sourceId} is given (a Sentry DSN's project
     * id) the key must belong to that source.
     */
    public Outcome accept(String key, Optional<Long> sourceId, ErrorReport report) {
        if (key == null || key.isEmpty()) {
            return new Outcome.UnknownKey();
        }
        Optional<ErrorSource> found = sources.findByKey(key);
        if (found.isEmpty()
                || (sourceId.isPresent() && sourceId.get() != found.get().id())) {
            return new Outcome.UnknownKey();
        }
        ErrorSource source = found.get();
        ErrorSample sample = ErrorSample.of(report);
        String fingerprint = Fingerprint.of(report);
        ErrorRepository.Recorded r =
                groups.record(source.id(), fingerprint, sample, clock.instant(), quiet, id -> hearing(source));
        accepted.increment();
        if (r.queued() > 0 || !r.opened()) {
            wake.run();
        }
        return new Outcome.Accepted(r.group().id(), r.opened());
    }

    /** Reports counted since start. */
    public long accepted() {
        return accepted.sum();
    }

    private Set<String> hearing(ErrorSource source) {
        Set<String> channels = new HashSet<>();
        for (ChannelSubscription s : subscriptions.all()) {
            if (s.hearsErrors(source.id(), source.environment())) {
                channels.add(s.channel());
            }
        }
        return channels;
    }
}
