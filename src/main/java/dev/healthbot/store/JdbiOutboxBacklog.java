package dev.healthbot.store;

import dev.healthbot.alert.OutboxBacklog;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** {@link OutboxBacklog} over SQLite: two counts on the outbox's partial indexes. Thread-safe. */
public final class JdbiOutboxBacklog implements OutboxBacklog {

    private final Database db;

    public JdbiOutboxBacklog(Database db) {
        this.db = db;
    }

    @Override
    public Backlog backlog() {
        return db.jdbi().withExtension(BacklogDao.class, dao -> {
            long changes = dao.pendingChanges();
            long deliveries = dao.pendingDeliveries();
            Long oldest = dao.oldestPendingMs();
            return new Backlog(changes, deliveries, Optional.ofNullable(oldest).map(Instant::ofEpochMilli));
        });
    }

    /** The outbox's backlog queries. */
    interface BacklogDao {
        @SqlQuery("SELECT count(*) FROM status_changes WHERE dispatched_at IS NULL")
        long pendingChanges();

        @SqlQuery("SELECT count(*) FROM deliveries WHERE state = 'PENDING'")
        long pendingDeliveries();

        @SqlQuery(
                """
                SELECT min(at) FROM (
                    SELECT min(at) AS at FROM status_changes WHERE dispatched_at IS NULL
                    UNION ALL
                    SELECT min(created_at) FROM deliveries WHERE state = 'PENDING')
                """)
        Long oldestPendingMs();
    }
}
