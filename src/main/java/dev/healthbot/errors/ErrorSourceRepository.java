package dev.healthbot.errors;

import dev.healthbot.monitor.Environment;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: the error sources. Implementations are thread-safe; every method is one transaction. */
public interface ErrorSourceRepository {

    /** Saves a new source; empty when the name is taken (ignoring case). */
    Optional<ErrorSource> create(String name, Environment environment, String key, String actor, Instant now);

    Optional<ErrorSource> findByName(String name);

    Optional<ErrorSource> findById(long id);

    Optional<ErrorSource> findByKey(String key);

    /** Every source, by name. */
    List<ErrorSource> all();

    /** Deletes the source with its groups and their posts; false when there is none of that name. */
    boolean remove(String name, String actor, Instant now);

    /** Replaces the source's key; the old key stops working at once. Empty when there is none of that name. */
    Optional<ErrorSource> rotate(String name, String newKey, String actor, Instant now);

    /** Moves the source to another environment; empty when there is no such source. */
    Optional<ErrorSource> setEnvironment(String name, Environment environment, String actor, Instant now);
}
