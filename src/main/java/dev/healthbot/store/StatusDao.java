package dev.healthbot.store;

import dev.healthbot.monitor.MonitorState;
import dev.healthbot.monitor.ProbeResult;
import dev.healthbot.monitor.StatusChange;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * Reads over {@code monitor_state}, {@code probe_results} and {@code status_changes}; the writes are
 * the status writer's batches ({@link StatusBatch}).
 */
interface StatusDao {

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
