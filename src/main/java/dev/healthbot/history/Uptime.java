package dev.healthbot.history;

import dev.healthbot.alert.Incident;
import dev.healthbot.alert.MaintenanceWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A server's availability over a period, computed from its incidents (exact down intervals, an open
 * incident counting as down until the period's end): the time it was watched (from its creation, without
 * maintenance windows), the time it was down inside that, and the incidents that touch the period.
 * Immutable; {@link #of} is a pure function.
 *
 * @param watched the part of the period the server existed and was not in maintenance
 * @param down the part of {@code watched} inside an incident
 * @param incidents the incidents overlapping the period, oldest first
 */
public record Uptime(Span period, Duration watched, Duration down, List<Incident> incidents) {

    public Uptime {
        incidents = List.copyOf(incidents);
    }

    /**
     * The uptime of a server created at {@code createdAt} over {@code period}, cut at {@code now}.
     *
     * @param windows maintenance windows that cover this server (the caller selects them)
     */
    public static Uptime of(
            Span period, Instant createdAt, List<Incident> incidents, List<MaintenanceWindow> windows, Instant now) {
        Instant start = createdAt.isAfter(period.from()) ? createdAt : period.from();
        Instant end = now.isBefore(period.to()) ? now : period.to();
        if (!end.isAfter(start)) {
            return new Uptime(period, Duration.ZERO, Duration.ZERO, List.of());
        }
        Span seen = new Span(start, end);
        List<Span> maintenance = new ArrayList<>();
        for (MaintenanceWindow w : windows) {
            Span s = new Span(w.startsAt(), w.end()).clip(seen);
            if (s != null) {
                maintenance.add(s);
            }
        }
        List<Span> downs = new ArrayList<>();
        List<Incident> touching = new ArrayList<>();
        for (Incident i : incidents) {
            Instant to = i.resolvedAt() == null || i.resolvedAt().isAfter(end) ? end : i.resolvedAt();
            if (!to.isAfter(i.openedAt())) {
                if (i.openedAt().isBefore(end)
                        && (i.resolvedAt() == null || i.resolvedAt().isAfter(start))) {
                    touching.add(i);
                }
                continue;
            }
            Span s = new Span(i.openedAt(), to).clip(seen);
            if (s != null) {
                downs.add(s);
                touching.add(i);
            }
        }
        touching.sort(java.util.Comparator.comparing(Incident::openedAt));
        Duration watched = seen.length().minus(Span.total(maintenance));
        Duration down = Span.total(Span.minus(downs, maintenance));
        return new Uptime(period, watched, down, touching);
    }

    /** True when the server was never watched in the period (added after it, or all maintenance). */
    public boolean noData() {
        return watched.isZero();
    }

    /** Uptime in percent, 100 when there is no data. */
    public double percent() {
        if (watched.isZero()) {
            return 100.0;
        }
        return 100.0 * (watched.toMillis() - down.toMillis()) / watched.toMillis();
    }

    /** Uptime in percent as shown: two decimals, rounded down so that any downtime never shows 100.00. */
    public String percentText() {
        double floored = Math.floor(percent() * 100.0) / 100.0;
        return String.format(java.util.Locale.ROOT, "%.2f", floored);
    }

    /** Mean time to recovery of the incidents that resolved by the period's end; null when none did. */
    public Duration mttr() {
        Duration sum = Duration.ZERO;
        int n = 0;
        for (Incident i : incidents) {
            if (i.resolvedAt() != null && !i.resolvedAt().isAfter(period.to())) {
                sum = sum.plus(i.duration());
                n++;
            }
        }
        return n == 0 ? null : sum.dividedBy(n);
    }

    /**
     * The error budget of an SLO in percent (e.g. 99.9) over this period: the downtime allowed and how
     * much of it is used.
     */
    public Budget budget(double sloPercent) {
        Duration allowed = Duration.ofMillis(Math.round(watched.toMillis() * (100.0 - sloPercent) / 100.0));
        return new Budget(sloPercent, allowed, down);
    }

    /** An error budget: downtime allowed by an SLO over a period, and downtime used; immutable. */
    public record Budget(double sloPercent, Duration allowed, Duration used) {

        /** The fraction of the budget used: 0 none, 1 all, above 1 overspent. */
        public double burned() {
            if (allowed.isZero()) {
                return used.isZero() ? 0 : Double.POSITIVE_INFINITY;
            }
            return (double) used.toMillis() / allowed.toMillis();
        }

        /** What is left, never negative. */
        public Duration left() {
            Duration d = allowed.minus(used);
            return d.isNegative() ? Duration.ZERO : d;
        }
    }
}
