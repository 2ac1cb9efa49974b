package dev.healthbot.monitor;

import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    /** The newest results first. */
    List<ProbeResult> recentResults(long monitorId, int limit);
}
