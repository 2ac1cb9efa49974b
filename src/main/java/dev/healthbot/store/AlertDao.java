package dev.healthbot.store;

import dev.healthbot.alert.Delivery;
import dev.healthbot.alert.Incident;
import dev.healthbot.monitor.StatusChange;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL over the alert outbox: {@code status_changes.dispatched_at}, {@code incidents} and {@code deliveries}. */
@RegisterRowMapper(AlertRows.ChangeMapper.class)
@RegisterRowMapper(AlertRows.IncidentMapper.class)
@RegisterRowMapper(AlertRows.DeliveryMapper.class)
interface AlertDao {

    @SqlQuery(
            """
            SELECT id, monitor_id, from_status, to_status, at, cause, detail, failed_checks, down_since
              FROM status_changes
             WHERE dispatched_at IS NULL
             ORDER BY id
             LIMIT :limit
            """)
    List<StatusChange> pendingChanges(@Bind("limit") int limit);

    /** The claim: changes one row for the one caller that wins, none for everyone else. */
    @SqlUpdate("UPDATE status_changes SET dispatched_at = :now WHERE id = :id AND dispatched_at IS NULL")
    int claim(@Bind("id") long changeId, @Bind("now") long now);

    @SqlUpdate(
            """
            INSERT INTO incidents (monitor_id, monitor_name, environment, target, opened_at, cause, detail,
                                   failed_checks, opened_by)
            VALUES (:monitorId, :monitorName, :environment, :target, :openedAt, :cause, :detail,
                    :failedChecks, :openedBy)
            """)
    @GetGeneratedKeys("id")
    long insertIncident(
            @Bind("monitorId") long monitorId,
            @Bind("monitorName") String monitorName,
            @Bind("environment") String environment,
            @Bind("target") String target,
            @Bind("openedAt") long openedAt,
            @Bind("cause") String cause,
            @Bind("detail") String detail,
            @Bind("failedChecks") int failedChecks,
            @Bind("openedBy") long openedBy);

    @SqlUpdate("UPDATE incidents SET resolved_at = :at, resolved_by = :changeId WHERE id = :id AND resolved_at IS NULL")
    int resolve(@Bind("id") long incidentId, @Bind("at") long at, @Bind("changeId") long changeId);

    @SqlUpdate(
            """
            INSERT INTO deliveries (incident_id, channel, kind, state, attempts, next_attempt_at, created_at)
            VALUES (:incidentId, :channel, :kind, 'PENDING', 0, :now, :now)
            """)
    void insertDelivery(
            @Bind("incidentId") long incidentId,
            @Bind("channel") String channel,
            @Bind("kind") String kind,
            @Bind("now") long now);

    /** One RECOVERY for every channel that has an OUTAGE delivery of the incident, whatever its state. */
    @SqlUpdate(
            """
            INSERT INTO deliveries (incident_id, channel, kind, state, attempts, next_attempt_at, created_at)
            SELECT incident_id, channel, 'RECOVERY', 'PENDING', 0, :now, :now
              FROM deliveries
             WHERE incident_id = :incidentId AND kind = 'OUTAGE'
             ORDER BY channel
            """)
    int insertRecoveries(@Bind("incidentId") long incidentId, @Bind("now") long now);

    /**
     * Each channel's head among PENDING rows, if due, outside the held channels (a JSON array of
     * channel ids). The correlated head lookup walks the (channel, next_attempt_at, id) index.
     */
    @SqlQuery(
            """
            SELECT d.*
              FROM deliveries d
             WHERE d.state = 'PENDING'
               AND d.next_attempt_at <= :now
               AND d.channel NOT IN (SELECT value FROM json_each(:held))
               AND d.id = (SELECT h.id
                             FROM deliveries h
                            WHERE h.state = 'PENDING' AND h.channel = d.channel
                            ORDER BY h.next_attempt_at, h.id
                            LIMIT 1)
             ORDER BY d.next_attempt_at, d.id
             LIMIT :limit
            """)
    List<Delivery> due(@Bind("now") long now, @Bind("held") String heldJson, @Bind("limit") int limit);

    @SqlQuery("SELECT MIN(next_attempt_at) FROM deliveries WHERE state = 'PENDING' AND next_attempt_at > :now")
    Optional<Long> nextAttemptAfter(@Bind("now") long now);

    @SqlUpdate(
            """
            UPDATE deliveries
               SET state = 'SENT', done_at = :at, last_error = :note, post_channel = :postChannel, post_ts = :postTs
             WHERE id = :id AND state = 'PENDING'
            """)
    int markSent(
            @Bind("id") long id,
            @Bind("postChannel") String postChannel,
            @Bind("postTs") String postTs,
            @Bind("at") long at,
            @Bind("note") String note);

    @SqlUpdate(
            """
            UPDATE deliveries SET post_channel = :postChannel, post_ts = :postTs, attempt_started_at = NULL
             WHERE id = :id AND state = 'PENDING'
            """)
    int recordReply(@Bind("id") long id, @Bind("postChannel") String postChannel, @Bind("postTs") String postTs);

    @SqlUpdate(
            """
            UPDATE deliveries SET attempts = :attempts, next_attempt_at = :nextAt, last_error = :error
             WHERE id = :id AND state = 'PENDING'
            """)
    int reschedule(
            @Bind("id") long id,
            @Bind("attempts") int attempts,
            @Bind("nextAt") long nextAt,
            @Bind("error") String error);

    /** Sets (or with null clears) when an attempt whose outcome is not yet known started. */
    @SqlUpdate("UPDATE deliveries SET attempt_started_at = :at WHERE id = :id AND state = 'PENDING'")
    int markAttempt(@Bind("id") long id, @Bind("at") Long at);

    @SqlUpdate(
            """
            UPDATE deliveries SET state = 'GIVEN_UP', attempts = :attempts, last_error = :reason, done_at = :at
             WHERE id = :id AND state = 'PENDING'
            """)
    int giveUp(@Bind("id") long id, @Bind("attempts") int attempts, @Bind("reason") String reason, @Bind("at") long at);

    @SqlQuery("SELECT * FROM deliveries WHERE incident_id = :incidentId AND channel = :channel AND kind = 'OUTAGE'")
    Optional<Delivery> outageDelivery(@Bind("incidentId") long incidentId, @Bind("channel") String channel);

    @SqlQuery("SELECT * FROM incidents WHERE id = :id")
    Optional<Incident> incident(@Bind("id") long id);

    @SqlQuery("SELECT * FROM incidents WHERE monitor_id = :monitorId AND resolved_at IS NULL")
    Optional<Incident> openIncident(@Bind("monitorId") long monitorId);
}
