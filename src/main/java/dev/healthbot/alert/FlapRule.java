package dev.healthbot.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Whether a server is flapping, decided from the times of its recent status changes: it starts when
 * {@link Thresholds#changes()} or more changes fall within {@link Thresholds#window()}, and ends once
 * the server has kept one status for {@link Thresholds#calm()}. Pure; tested from a table.
 */
public final class FlapRule {

    private FlapRule() {}

    /**
     * When a server counts as flapping; immutable.
     *
     * @param changes how many status changes within the window start a flapping episode (at least 2)
     * @param window how far back changes are counted
     * @param calm how long one status must hold for the episode to end
     */
    public record Thresholds(int changes, Duration window, Duration calm) {

        /** 4 changes in 10 minutes start it; 10 minutes on one status end it. */
        public static final Thresholds DEFAULT = new Thresholds(4, Duration.ofMinutes(10), Duration.ofMinutes(10));

        public Thresholds {
            Objects.requireNonNull(window, "window");
            Objects.requireNonNull(calm, "calm");
            if (changes < 2) {
                throw new IllegalArgumentException("flapping needs at least 2 changes");
            }
            if (window.isNegative() || window.isZero() || calm.isNegative() || calm.isZero()) {
                throw new IllegalArgumentException("the window and the calm period must be positive");
            }
        }
    }

    /** What the rule decided. */
    public sealed interface Verdict {
        /** Not flapping, and not starting to. */
        record Steady() implements Verdict {}

        /** Flapping starts now; {@code changes} are the changes within the window so far, oldest first. */
        record Starts(List<Instant> changes) implements Verdict {
            public Starts {
                changes = List.copyOf(changes);
            }
        }

        /** Still flapping. */
        record Continues() implements Verdict {}

        /** Flapping ended: the last change, at {@code settledAt}, has held for the calm period. */
        record Ends(Instant settledAt) implements Verdict {}
    }

    /**
     * Decides for a server that is ({@code flapping}) or is not in an episode, from its change times
     * (ascending; older ones than the window may be included and are ignored) at {@code now}.
     */
    public static Verdict decide(boolean flapping, List<Instant> changes, Instant now, Thresholds t) {
        if (flapping) {
            Instant last = changes.isEmpty() ? null : changes.get(changes.size() - 1);
            if (last == null || !last.plus(t.calm()).isAfter(now)) {
                return new Verdict.Ends(last);
            }
            return new Verdict.Continues();
        }
        Instant from = now.minus(t.window());
        List<Instant> recent =
                changes.stream().filter(c -> c.isAfter(from) && !c.isAfter(now)).toList();
        return recent.size() >= t.changes() ? new Verdict.Starts(recent) : new Verdict.Steady();
    }
}
