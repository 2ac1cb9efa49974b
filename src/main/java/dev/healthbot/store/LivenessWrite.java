package dev.healthbot.store;

import java.time.Duration;
import java.time.InstantSource;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Proves the database answers a write: rewrites the one row of {@code liveness} in a write
 * transaction, behind the same lock as every other writer. Thread-safe.
 */
public final class LivenessWrite {

    private final Database db;
    private final InstantSource clock;

    public LivenessWrite(Database db, InstantSource clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Writes and returns how long the write took (waiting for the lock included); throws when it fails. */
    public Duration write() {
        long start = System.nanoTime();
        long now = clock.millis();
        db.write(h -> h.attach(LivenessDao.class).touch(now));
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** The liveness row's upsert. */
    interface LivenessDao {
        @SqlUpdate(
                """
                INSERT INTO liveness (id, checked_at) VALUES (1, :now)
                    ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at
                """)
        int touch(@Bind("now") long now);
    }
}
