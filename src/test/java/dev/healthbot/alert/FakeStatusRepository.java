package dev.healthbot.alert;

import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.MonitorRepository;
import dev.healthbot.monitor.MonitorState;
import dev.healthbot.monitor.ProbeResult;
import dev.healthbot.monitor.StatusChange;
import dev.healthbot.monitor.StatusRepository;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A working in-memory {@link StatusRepository} over a {@link MonitorRepository} (a server it does not
 * hold has no state, as when its rows are deleted), held to the port by {@code
 * StatusRepositoryContract}; every method is atomic (synchronized).
 */
public final class FakeStatusRepository implements StatusRepository {
    private final MonitorRepository monitors;
    private final Map<Long, MonitorState> states = new HashMap<>();
    private final Map<Long, Deque<ProbeResult>> results = new HashMap<>();
    private long nextChange = 1;

    public FakeStatusRepository(MonitorRepository monitors) {
        this.monitors = monitors;
    }

    @Override
    public synchronized Optional<MonitorState> state(long monitorId) {
        return monitor(monitorId).map(m -> states.getOrDefault(monitorId, MonitorState.pending(m.createdAt())));
    }

    @Override
    public synchronized Map<Long, MonitorState> allStates() {
        Map<Long, MonitorState> all = new HashMap<>();
        for (Monitor m : monitors.all()) {
            all.put(m.id(), states.getOrDefault(m.id(), MonitorState.pending(m.createdAt())));
        }
        return all;
    }

    @Override
    public synchronized StatusChange record(
            long monitorId, ProbeResult result, MonitorState newState, StatusChange change) {
        if (monitor(monitorId).isEmpty()) {
            return null;
        }
        Deque<ProbeResult> kept = results.computeIfAbsent(monitorId, id -> new ArrayDeque<>());
        kept.addFirst(result);
        while (kept.size() > KEPT_RESULTS) {
            kept.removeLast();
        }
        states.put(monitorId, newState);
        return change == null ? null : change.withId(nextChange++);
    }

    @Override
    public synchronized List<ProbeResult> recentResults(long monitorId, int limit) {
        if (monitor(monitorId).isEmpty()) {
            return List.of();
        }
        List<ProbeResult> newest = new ArrayList<>(results.getOrDefault(monitorId, new ArrayDeque<>()));
        return List.copyOf(newest.subList(0, Math.max(0, Math.min(limit, newest.size()))));
    }

    /** The server, forgetting what is kept for it once it is removed. */
    private Optional<Monitor> monitor(long monitorId) {
        Optional<Monitor> m = monitors.findById(monitorId);
        if (m.isEmpty()) {
            states.remove(monitorId);
            results.remove(monitorId);
        }
        return m;
    }
}
