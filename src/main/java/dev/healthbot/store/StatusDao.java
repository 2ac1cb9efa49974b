package dev.healthbot.store;

import dev.healthbot.monitor.MonitorState;
import dev.healthbot.monitor.ProbeResult;
import dev.healthbot.monitor.StatusChange;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL over {@code monitor_state}, {@code probe_results} and {@code status_changes}. */
interface StatusDao {

    /** Appends a result; returns 0 (and inserts nothing) when the server no longer exists. */
    @SqlUpdate(
            """
            INSERT INTO probe_results (monitor_id, at, up, latency_ms, failure, detail)
            SELECT id, :at, :up, :latencyMs, :failure, :detail
              FROM monitors
             WHERE id = :monitorId
            """)
    int insertResult(
            @Bind("monitorId") long monitorId,
            @Bind("at") long at,
            @Bind("up") boolean up,
            @Bind("latencyMs") long latencyMs,
            @Bind("failure") String failure,
            @Bind("detail") String detail);

    /** Deletes all but the newest {@code keep} results of one server; walks only the (monitor_id, id) index. */
    @SqlUpdate(
            """
            DELETE FROM probe_results
             WHERE monitor_id = :monitorId
               AND id <= (SELECT id FROM probe_results
                           WHERE monitor_id = :monitorId
                           ORDER BY id DESC
                           LIMIT 1 OFFSET :keep)
            """)
    int prune(@Bind("monitorId") long monitorId, @Bind("keep") int keep);

    @SqlUpdate(
            """
            INSERT INTO monitor_state (monitor_id, status, since, failures, successes,
                                       last_up, last_at, last_latency_ms, last_failure, last_detail)
            VALUES (:monitorId, :status, :since, :failures, :successes,
                    :lastUp, :lastAt, :lastLatencyMs, :lastFailure, :lastDetail)
            ON CONFLICT (monitor_id) DO UPDATE SET
                   status = excluded.status, since = excluded.since,
                   failures = excluded.failures, successes = excluded.successes,
                   last_up = excluded.last_up, last_at = excluded.last_at,
                   last_latency_ms = excluded.last_latency_ms, last_failure = excluded.last_failure,
                   last_detail = excluded.last_detail
            """)
    void saveState(
            @Bind("monitorId") long monitorId,
            @Bind("status") String status,
            @Bind("since") long since,
            @Bind("failures") int failures,
            @Bind("successes") int successes,
            @Bind("lastUp") Boolean lastUp,
            @Bind("lastAt") Long lastAt,
            @Bind("lastLatencyMs") Long lastLatencyMs,
            @Bind("lastFailure") String lastFailure,
            @Bind("lastDetail") String lastDetail);

    @SqlQuery("SELECT * FROM monitor_state WHERE monitor_id = :id")
    Optional<MonitorState> state(@Bind("id") long monitorId);

    @SqlQuery("SELECT * FROM monitor_state")
    List<Rows.StateRow> allStates();

    @SqlQuery(
            """
            SELECT at, up, latency_ms, failure, detail
              FROM probe_results
             WHERE monitor_id = :monitorId
             ORDER BY id DESC
             LIMIT :limit
            """)
    List<ProbeResult> recentResults(@Bind("monitorId") long monitorId, @Bind("limit") int limit);

    @SqlQuery(
            """
            SELECT id, monitor_id, from_status, to_status, at, cause, detail, failed_checks, down_since
              FROM status_changes
             WHERE id > :afterId
             ORDER BY id
             LIMIT :limit
            """)
    List<StatusChange> changesSince(@Bind("afterId") long afterId, @Bind("limit") int limit);

    @SqlQuery("SELECT monitor_name FROM status_changes WHERE id = :id")
    Optional<String> changeMonitorName(@Bind("id") long changeId);
}
