package dev.healthbot.monitor;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Port: each server's current state, its recent results and its status changes; thread-safe. */
public interface StatusRepository {

    /** How many results are kept per server; older ones are pruned. */
    int KEPT_RESULTS = 100;

    Optional<MonitorState> state(long monitorId);

    Map<Long, MonitorState> allStates();

    /**
     * In one transaction: appends the result (pruning beyond {@link #KEPT_RESULTS}), saves the new
     * state and, when {@code change} is not null, records it. Returns the change with its id, or
     * null. Does nothing and returns null when the server no longer exists.
     */
    StatusChange record(long monitorId, ProbeResult result, MonitorState newState, StatusChange change);

    /**
     * {@link #record} without holding the caller's thread while a status change is written: the future
     * completes with what {@code record} would return once it is saved. The state is current at once.
     */
    default CompletableFuture<StatusChange> recordAsync(
            long monitorId, ProbeResult result, MonitorState newState, StatusChange change) {
        try {
            return CompletableFuture.completedFuture(record(monitorId, result, newState, change));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The newest results first. */
    List<ProbeResult> recentResults(long monitorId, int limit);
}
