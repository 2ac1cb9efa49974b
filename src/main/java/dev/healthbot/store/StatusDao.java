package dev.healthbot.store;

import dev.healthbot.monitor.MonitorState;
import dev.healthbot.monitor.ProbeResult;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * Reads over {@code monitor_state} and {@code probe_results}; the writes are
 * the {@link StatusWriter}'s batches ({@link StatusBatch}).
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
}
