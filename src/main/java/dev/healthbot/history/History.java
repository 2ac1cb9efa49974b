package dev.healthbot.history;

import dev.healthbot.alert.Incident;
import dev.healthbot.alert.PostRef;
import dev.healthbot.monitor.Monitor;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * What {@code /health history} shows of one server over one period; immutable.
 *
 * @param days one per UTC day, oldest first, empty for the periods without squares
 * @param latency this period's latency; {@code previous} the period before, for the trend
 * @param incidents the incidents overlapping the period, newest first, with their outage posts
 */
public record History(
        Monitor monitor,
        Period period,
        Instant now,
        Uptime uptime,
        List<Day> days,
        Latency latency,
        Latency previous,
        List<Entry> incidents) {

    public History {
        days = List.copyOf(days);
        incidents = List.copyOf(incidents);
    }

    /** One day square. */
    public record Day(LocalDate date, DaySquare square, Uptime uptime) {}

    /**
     * Latency over a period: the means of the rollup rows' p50 and p95 weighted by their checks (rows
     * keep percentiles, not samples); {@code checks} 0 when nothing was measured.
     */
    public record Latency(long checks, long p50Ms, long p95Ms) {

        public static final Latency NONE = new Latency(0, 0, 0);

        /** The weighted means of {@code rows}. */
        public static Latency of(List<Rollup> rows) {
            long checks = 0;
            double p50 = 0;
            double p95 = 0;
            for (Rollup r : rows) {
                checks += r.checks();
                p50 += (double) r.p50Ms() * r.checks();
                p95 += (double) r.p95Ms() * r.checks();
            }
            return checks == 0 ? NONE : new Latency(checks, Math.round(p50 / checks), Math.round(p95 / checks));
        }

        /**
         * The change of p95 from {@code before} in percent, rounded; empty when either has no data
         * or the earlier p95 is 0.
         */
        public Optional<Long> p95ChangeFrom(Latency before) {
            if (checks == 0 || before.checks == 0 || before.p95Ms == 0) {
                return Optional.empty();
            }
            return Optional.of(Math.round(100.0 * (p95Ms - before.p95Ms) / before.p95Ms));
        }
    }

    /** One incident with the post it opened, when there was one. */
    public record Entry(Incident incident, Optional<PostRef> post) {}
}
