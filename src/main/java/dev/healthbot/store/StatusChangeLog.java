package dev.healthbot.store;

import dev.healthbot.monitor.StatusChange;
import java.util.List;
import java.util.Optional;

/**
 * Reads the recorded status changes in the order they were written, for the alert outbox; the log
 * outlives removed servers. Thread-safe.
 */
public interface StatusChangeLog {

    /** Up to {@code limit} changes with an id above {@code afterId}, oldest first. */
    List<StatusChange> changesSince(long afterId, int limit);

    /** The server's name as it was when the change was recorded; empty when there is no such change. */
    Optional<String> monitorName(long changeId);
}
