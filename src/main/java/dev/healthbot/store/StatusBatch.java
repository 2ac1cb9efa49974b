package dev.healthbot.store;

import dev.healthbot.monitor.MonitorState;
import dev.healthbot.monitor.ProbeResult;
import dev.healthbot.monitor.StatusChange;
import dev.healthbot.monitor.StatusRepository;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongConsumer;
import org.jdbi.v3.core.Handle;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteConnectionConfig;

/**
 * The SQL of the status writer's batches ({@link JdbiStatusRepository}): results, server states,
 * status changes and the pruning of old results. Thread-safe; in practice called by the one writer.
 */
final class StatusBatch {

    /**
     * Pruning runs on a server's first record after start and then on every {@code PRUNE_EVERY}th,
     * so a server keeps between {@link StatusRepository#KEPT_RESULTS} and {@code KEPT_RESULTS + PRUNE_EVERY - 1}
     * stored results; {@link StatusRepository#recentResults} never returns more than {@link StatusRepository#KEPT_RESULTS}.
     */
    static final int PRUNE_EVERY = 10;

    private static final String INSERT_RESULT =
            """
            INSERT INTO probe_results (monitor_id, at, up, latency_ms, failure, detail)
            SELECT id, ?, ?, ?, ?, ?
              FROM monitors
             WHERE id = ?
            """;
    private static final String PRUNE =
            """
            DELETE FROM probe_results
             WHERE monitor_id = ?
               AND id <= (SELECT id FROM probe_results
                           WHERE monitor_id = ?
                           ORDER BY id DESC
                           LIMIT 1 OFFSET ?)
            """;
    private static final String SAVE_STATE =
            """
            INSERT INTO monitor_state (monitor_id, status, since, failures, successes,
                                       last_up, last_at, last_latency_ms, last_failure, last_detail,
                                       cert_not_after)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (monitor_id) DO UPDATE SET
                   status = excluded.status, since = excluded.since,
                   failures = excluded.failures, successes = excluded.successes,
                   last_up = excluded.last_up, last_at = excluded.last_at,
                   last_latency_ms = excluded.last_latency_ms, last_failure = excluded.last_failure,
                   last_detail = excluded.last_detail, cert_not_after = excluded.cert_not_after
            """;

    private static final String INSERT_CHANGE =
            """
            INSERT INTO status_changes (monitor_id, monitor_name, from_status, to_status, at, cause, detail,
                                        failed_checks, down_since)
            SELECT id, name, ?, ?, ?, ?, ?, ?, ?
              FROM monitors
             WHERE id = ?
            RETURNING id
            """;

    private final ConcurrentMap<Long, Integer> prunes = new ConcurrentHashMap<>();

    /** Forgets a removed server's prune count. */
    void forget(long monitorId) {
        prunes.remove(monitorId);
    }

    /**
     * Writes the batch on the handle's connection, in the transaction the caller holds: for each
     * result, its row, its server's state and its change if any (null in the list for a result that
     * changes nothing, for a marker, and for a server removed meanwhile, which is also passed to
     * {@code gone}).
     */
    List<StatusChange> write(Handle h, List<PendingWrite> batch, LongConsumer gone) throws SQLException {
        Connection c = h.getConnection();
        // By default the driver follows every INSERT with its own "SELECT last_insert_rowid()" (a
        // statement prepared, run and kept), in case its keys are asked for: two per result here, about
        // 40 % of this writer's CPU. Nothing here asks (a change's id comes back through RETURNING), so
        // that is off for this batch, and back on before the connection goes back to the pool.
        SQLiteConnectionConfig driver = c.unwrap(SQLiteConnection.class).getConnectionConfig();
        boolean keys = driver.isGetGeneratedKeys();
        driver.setGetGeneratedKeys(false);
        try {
            return writeAll(c, batch, gone);
        } finally {
            driver.setGetGeneratedKeys(keys);
        }
    }

    private List<StatusChange> writeAll(Connection c, List<PendingWrite> batch, LongConsumer gone) throws SQLException {
        List<StatusChange> saved = new ArrayList<>(batch.size());
        try (PreparedStatement insert = c.prepareStatement(INSERT_RESULT);
                PreparedStatement save = c.prepareStatement(SAVE_STATE)) {
            PreparedStatement prune = null;
            try {
                for (PendingWrite p : batch) {
                    if (p.isMarker()) {
                        saved.add(null);
                        continue;
                    }
                    long id = p.monitorId();
                    ProbeResult r = p.result();
                    insert.setLong(1, r.at().toEpochMilli());
                    insert.setBoolean(2, r.up());
                    insert.setLong(3, r.latency().toMillis());
                    insert.setString(4, r.failure().name());
                    insert.setString(5, r.detail());
                    insert.setLong(6, id);
                    if (insert.executeUpdate() == 0) {
                        // The server was removed while its probe ran: there is nothing to record.
                        prunes.remove(id);
                        gone.accept(id);
                        saved.add(null);
                        continue;
                    }
                    if (prunes.merge(id, 1, (a, b) -> (a + b) % PRUNE_EVERY) == 1) {
                        if (prune == null) {
                            prune = c.prepareStatement(PRUNE);
                        }
                        prune.setLong(1, id);
                        prune.setLong(2, id);
                        prune.setInt(3, StatusRepository.KEPT_RESULTS);
                        prune.executeUpdate();
                    }
                    bindState(save, id, p.state());
                    save.executeUpdate();
                    saved.add(p.change() == null ? null : insertChange(c, id, p.change()));
                }
            } finally {
                if (prune != null) {
                    prune.close();
                }
            }
        }
        return saved;
    }

    private static void bindState(PreparedStatement s, long id, MonitorState state) throws SQLException {
        ProbeResult last = state.last();
        s.setLong(1, id);
        s.setString(2, state.status().name());
        s.setLong(3, state.since().toEpochMilli());
        s.setInt(4, state.failures());
        s.setInt(5, state.successes());
        if (last == null) {
            for (int i = 6; i <= 10; i++) {
                s.setNull(i, i == 9 || i == 10 ? Types.VARCHAR : Types.INTEGER);
            }
        } else {
            s.setBoolean(6, last.up());
            s.setLong(7, last.at().toEpochMilli());
            s.setLong(8, last.latency().toMillis());
            s.setString(9, last.failure().name());
            s.setString(10, last.detail());
        }
        if (state.certNotAfter() == null) {
            s.setNull(11, Types.INTEGER);
        } else {
            s.setLong(11, state.certNotAfter().toEpochMilli());
        }
    }

    private static StatusChange insertChange(Connection c, long monitorId, StatusChange change) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(INSERT_CHANGE)) {
            s.setString(1, change.from().name());
            s.setString(2, change.to().name());
            s.setLong(3, change.at().toEpochMilli());
            s.setString(4, change.cause().name());
            s.setString(5, change.detail());
            s.setInt(6, change.failedChecks());
            if (change.downSince() == null) {
                s.setNull(7, Types.INTEGER);
            } else {
                s.setLong(7, change.downSince().toEpochMilli());
            }
            s.setLong(8, monitorId);
            try (ResultSet inserted = s.executeQuery()) {
                // No row when the server was removed meanwhile: nothing to record.
                return inserted.next() ? change.withId(inserted.getLong(1)) : null;
            }
        }
    }
}
