package dev.healthbot.store;

import dev.healthbot.monitor.MonitorState;
import dev.healthbot.monitor.ProbeResult;
import dev.healthbot.monitor.StatusChange;
import java.util.concurrent.CompletableFuture;

/**
 * One write queued for the status writer: a result with the state it leads to and the change it
 * makes, if any; {@code done} is null for an ordinary result nobody waits for. A marker (see {@link
 * #marker()}) writes nothing and tells whoever waits on it that everything queued before it is saved.
 */
record PendingWrite(
        long monitorId,
        ProbeResult result,
        MonitorState state,
        StatusChange change,
        CompletableFuture<StatusChange> done) {

    static PendingWrite marker() {
        return new PendingWrite(-1, null, null, null, new CompletableFuture<>());
    }

    boolean isMarker() {
        return monitorId < 0;
    }
}
