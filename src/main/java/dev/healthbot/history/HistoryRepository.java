package dev.healthbot.history;

import dev.healthbot.alert.Incident;
import dev.healthbot.alert.MaintenanceWindow;
import dev.healthbot.alert.PostRef;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The port history reads through: incidents, maintenance windows, rollup rows and outage posts. Thread-safe. */
public interface HistoryRepository {

    /** The server's incidents that overlap {@code [from, to)} (an open one overlaps everything after its start). */
    List<Incident> incidents(long monitorId, Instant from, Instant to);

    /** Every maintenance window that overlaps {@code [from, to)}, whatever it covers. */
    List<MaintenanceWindow> windows(Instant from, Instant to);

    /** The server's rollup rows of {@code grain} starting in {@code [from, to)}, oldest first, flushed first. */
    List<Rollup> rollups(long monitorId, Grain grain, Instant from, Instant to);

    /** The first outage post the incident got; empty when it was never posted. */
    Optional<PostRef> outagePost(long incidentId);
}
