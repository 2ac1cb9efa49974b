package dev.healthbot.store;

import dev.healthbot.alert.Incident;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Reads of history: incidents and windows over a period, rollup rows, outage posts. Writes are {@link RollupWriter}'s. */
@RegisterRowMapper(AlertRows.IncidentMapper.class)
@RegisterConstructorMapper(ResponseDao.WindowRow.class)
@RegisterConstructorMapper(HistoryDao.RollupRow.class)
@RegisterConstructorMapper(HistoryDao.PostRow.class)
interface HistoryDao {

    /** One rollup row; {@code bucket} is the hour or day number. */
    record RollupRow(
            long monitorId,
            long bucket,
            long checks,
            long failures,
            long sumMs,
            long minMs,
            long maxMs,
            long p50Ms,
            long p95Ms,
            long p99Ms) {}

    record PostRow(String postChannel, String postTs) {}

    @SqlQuery(
            """
            SELECT * FROM incidents
             WHERE monitor_id = :monitorId
               AND opened_at < :to
               AND (resolved_at IS NULL OR resolved_at > :from)
             ORDER BY opened_at
            """)
    List<Incident> incidents(@Bind("monitorId") long monitorId, @Bind("from") long from, @Bind("to") long to);

    @SqlQuery(
            """
            SELECT * FROM maintenance_windows
             WHERE starts_at < :to
               AND COALESCE(MIN(ended_at, ends_at), ends_at) > :from
             ORDER BY starts_at
            """)
    List<ResponseDao.WindowRow> windows(@Bind("from") long from, @Bind("to") long to);

    @SqlQuery(
            """
            SELECT monitor_id, <column> AS bucket, checks, failures, sum_ms, min_ms, max_ms, p50_ms, p95_ms, p99_ms
              FROM <table>
             WHERE monitor_id = :monitorId AND <column> >= :from AND <column> < :to
             ORDER BY <column>
            """)
    List<RollupRow> rollups(
            @Define("table") String table,
            @Define("column") String column,
            @Bind("monitorId") long monitorId,
            @Bind("from") long from,
            @Bind("to") long to);

    @SqlQuery(
            """
            SELECT post_channel, post_ts FROM deliveries
             WHERE incident_id = :incidentId AND kind = 'OUTAGE' AND post_ts IS NOT NULL
             ORDER BY id
             LIMIT 1
            """)
    Optional<PostRow> outagePost(@Bind("incidentId") long incidentId);
}
