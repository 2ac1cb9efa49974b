package dev.healthbot.errors;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

/**
 * Use case behind the buttons on an error post: Resolve (a later report is a regression) and Mute
 * for a while or forever. Each returns the group as it now is, rendered by the caller in place of
 * the clicked post; the other channels' posts are edited through the outbox. Thread-safe.
 */
public final class ErrorActions {

    private final ErrorRepository groups;
    private final ErrorSourceRepository sources;
    private final InstantSource clock;
    private final Runnable wake;

    public ErrorActions(ErrorRepository groups, ErrorSourceRepository sources, InstantSource clock, Runnable wake) {
        this.groups = groups;
        this.sources = sources;
        this.clock = clock;
        this.wake = wake;
    }

    public Optional<ErrorView> resolve(long groupId, String actor) {
        return view(groups.resolve(groupId, true, actor, clock.instant()));
    }

    public Optional<ErrorView> reopen(long groupId, String actor) {
        return view(groups.resolve(groupId, false, actor, clock.instant()));
    }

    /** Mutes for {@code length}; null mutes forever, {@link Duration#ZERO} unmutes. */
    public Optional<ErrorView> mute(long groupId, Duration length, String actor) {
        Instant now = clock.instant();
        Instant until = length == null ? Instant.MAX : length.isZero() ? null : now.plus(length);
        return view(groups.mute(groupId, until, actor, now));
    }

    public Optional<ErrorView> view(long groupId) {
        return view(groups.group(groupId));
    }

    private Optional<ErrorView> view(Optional<ErrorGroup> g) {
        wake.run();
        return g.flatMap(group -> sources.findById(group.sourceId())
                .map(s -> new ErrorView(group, s.name(), s.environment(), null, clock.instant())));
    }
}
