package dev.healthbot.monitor;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: stores servers and their settings. Names are unique ignoring case. Implementations are
 * thread-safe; every method is one transaction.
 */
public interface MonitorRepository {

    /** Saves a new server with a PENDING state since {@code now}; throws {@link NameTakenException}. */
    Monitor add(MonitorSettings settings, Origin origin, String actor, Instant now);

    /** Replaces a server's settings (a rename keeps its id, state and history); throws {@link NameTakenException}. */
    Monitor update(long id, MonitorSettings settings, Origin origin, String actor, Instant now);

    /** Removes a server with its state and results; false when there was none. */
    boolean remove(long id, String actor, Instant now);

    Optional<Monitor> findById(long id);

    /** Finds by name, ignoring case. */
    Optional<Monitor> findByName(String name);

    List<Monitor> all();
}
