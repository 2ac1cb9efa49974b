package dev.healthbot.history;

import dev.healthbot.alert.Incident;
import dev.healthbot.alert.MaintenanceWindow;
import dev.healthbot.monitor.Monitor;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Use case: a server's history over a period (uptime from incidents without maintenance, day squares,
 * latency and its trend from rollups, the incidents with their posts). Thread-safe; called by the
 * Slack adapter off the handler thread.
 */
public final class HistoryService {

    /** At most this many incidents are listed; the count and MTTR still cover all of them. */
    public static final int LISTED_INCIDENTS = 10;

    private final HistoryRepository repository;
    private final InstantSource clock;

    public HistoryService(HistoryRepository repository, InstantSource clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** The server's history over the period ending now. */
    public History history(Monitor monitor, Period period) {
        Instant now = clock.instant();
        Instant from = now.minus(period.length());
        // The squares reach back to the start of the oldest day, which may be before the period.
        Instant dayZero =
                period.squares() == 0 ? from : Grain.DAY.startOf(now).minus(Duration.ofDays(period.squares() - 1L));
        Instant earliest = dayZero.isBefore(from) ? dayZero : from;
        List<Incident> incidents = repository.incidents(monitor.id(), earliest, now);
        List<MaintenanceWindow> windows = new ArrayList<>();
        for (MaintenanceWindow w : repository.windows(earliest, now)) {
            if (w.covers(monitor)) {
                windows.add(w);
            }
        }
        Uptime uptime = Uptime.of(new Span(from, now), monitor.createdAt(), incidents, windows, now);
        List<History.Day> days = new ArrayList<>();
        for (int i = 0; i < period.squares(); i++) {
            Instant start = dayZero.plus(Duration.ofDays(i));
            Uptime day = Uptime.of(
                    new Span(start, start.plus(Duration.ofDays(1))), monitor.createdAt(), incidents, windows, now);
            days.add(new History.Day(LocalDate.ofInstant(start, ZoneOffset.UTC), DaySquare.of(day), day));
        }
        Grain grain = period.grain();
        History.Latency latency =
                History.Latency.of(repository.rollups(monitor.id(), grain, grain.startOf(from), now.plusMillis(1)));
        Instant before = from.minus(period.length());
        History.Latency previous =
                History.Latency.of(repository.rollups(monitor.id(), grain, grain.startOf(before), grain.startOf(from)));
        List<Incident> newestFirst = new ArrayList<>(uptime.incidents());
        newestFirst.sort(Comparator.comparing(Incident::openedAt).reversed());
        List<History.Entry> entries = new ArrayList<>();
        for (Incident i : newestFirst.subList(0, Math.min(LISTED_INCIDENTS, newestFirst.size()))) {
            entries.add(new History.Entry(i, repository.outagePost(i.id())));
        }
        return new History(monitor, period, now, uptime, days, latency, previous, entries);
    }
}
