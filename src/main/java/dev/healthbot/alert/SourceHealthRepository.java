package dev.healthbot.alert;

import java.util.List;
import java.util.Optional;

/** Port: each source's health, kept across restarts so that a failure is reported once. Thread-safe. */
public interface SourceHealthRepository {

    Optional<SourceHealth> find(String source);

    void save(SourceHealth health);

    /** Every source's health, by name. */
    List<SourceHealth> all();
}
