package dev.healthbot.store;

import dev.healthbot.alert.Incident;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * SQL over what people did about incidents ({@code incidents.acked_*}, {@code mutes}), {@code maintenance_windows},
 * the reminder and mention columns of the subscriptions, and the {@code followups} outbox.
 */
@RegisterRowMapper(AlertRows.IncidentMapper.class)
@RegisterRowMapper(ResponseRows.FollowUpMapper.class)
@RegisterConstructorMapper(ResponseDao.AckRow.class)
@RegisterConstructorMapper(ResponseDao.MuteRow.class)
@RegisterConstructorMapper(ResponseDao.WindowRow.class)
@RegisterConstructorMapper(ResponseDao.PostedRow.class)
@RegisterConstructorMapper(ResponseDao.MentionRow.class)
@RegisterConstructorMapper(ResponseDao.FileWindowRow.class)
interface ResponseDao extends AuditDao {

    record AckRow(String ackedBy, Long ackedAt) {}

    record MuteRow(long monitorId, Long untilAt, long incidentId, String choice, String mutedBy, long mutedAt) {}

    record WindowRow(
            long id,
            String selector,
            String label,
            long startsAt,
            long endsAt,
            String reason,
            String createdBy,
            Long endedAt,
            boolean startAnnounced) {}

    record PostedRow(long incidentId, String channel, String postChannel, String postTs, int lastReminder) {}

    record MentionRow(String selector, String mention) {}

    @SqlQuery("SELECT acked_by, acked_at FROM incidents WHERE id = :id")
    Optional<AckRow> ack(@Bind("id") long incidentId);

    @SqlUpdate(
            """
            UPDATE incidents SET acked_by = :user, acked_at = :now
             WHERE id = :id AND acked_at IS NULL AND resolved_at IS NULL
            """)
    int acknowledge(@Bind("id") long incidentId, @Bind("user") String user, @Bind("now") long now);

    @SqlUpdate(
            """
            UPDATE incidents SET acked_by = NULL, acked_at = NULL
             WHERE id = :id AND acked_by = :user AND resolved_at IS NULL
            """)
    int unacknowledge(@Bind("id") long incidentId, @Bind("user") String user);

    /**
     * One pending edit per outage post, sent or about to be (it may have reached Slack before its row says so);
     * a pending edit already there covers it.
     */
    @SqlUpdate(
            """
            INSERT INTO followups (kind, incident_id, channel, state, next_attempt_at, created_at)
            SELECT 'REFRESH', incident_id, channel, 'PENDING', :now, :now
              FROM deliveries
             WHERE incident_id = :id AND kind = 'OUTAGE' AND state IN ('SENT', 'PENDING')
            ON CONFLICT DO NOTHING
            """)
    int queueRefreshes(@Bind("id") long incidentId, @Bind("now") long now);

    @SqlQuery("SELECT * FROM mutes WHERE monitor_id = :monitorId")
    Optional<MuteRow> mute(@Bind("monitorId") long monitorId);

    @SqlQuery("SELECT * FROM mutes ORDER BY monitor_id")
    List<MuteRow> mutes();

    @SqlUpdate(
            """
            INSERT INTO mutes (monitor_id, until_at, incident_id, choice, muted_by, muted_at)
            VALUES (:monitorId, :untilAt, :incidentId, :choice, :mutedBy, :mutedAt)
            ON CONFLICT (monitor_id) DO UPDATE SET
                   until_at = excluded.until_at, incident_id = excluded.incident_id, choice = excluded.choice,
                   muted_by = excluded.muted_by, muted_at = excluded.muted_at
            """)
    void setMute(
            @Bind("monitorId") long monitorId,
            @Bind("untilAt") Long untilAt,
            @Bind("incidentId") long incidentId,
            @Bind("choice") String choice,
            @Bind("mutedBy") String mutedBy,
            @Bind("mutedAt") long mutedAt);

    @SqlUpdate("DELETE FROM mutes WHERE monitor_id = :monitorId")
    int clearMute(@Bind("monitorId") long monitorId);

    @SqlQuery("SELECT COUNT(*) FROM deliveries WHERE incident_id = :id AND kind = 'OUTAGE'")
    int outageDeliveries(@Bind("id") long incidentId);

    @SqlQuery("SELECT * FROM incidents WHERE id = :id")
    Optional<Incident> incident(@Bind("id") long incidentId);

    @SqlUpdate(
            """
            INSERT INTO deliveries (incident_id, channel, kind, state, attempts, next_attempt_at, created_at)
            VALUES (:id, :channel, 'OUTAGE', 'PENDING', 0, :now, :now)
            ON CONFLICT DO NOTHING
            """)
    int insertOutage(@Bind("id") long incidentId, @Bind("channel") String channel, @Bind("now") long now);

    @SqlQuery(
            """
            SELECT d.incident_id, d.channel, d.post_channel, d.post_ts,
                   COALESCE((SELECT MAX(f.seq) FROM followups f
                              WHERE f.incident_id = d.incident_id AND f.channel = d.channel
                                AND f.kind = 'REMINDER'), 0) AS last_reminder
              FROM incidents i
              JOIN deliveries d ON d.incident_id = i.id AND d.kind = 'OUTAGE' AND d.state = 'SENT'
             WHERE i.resolved_at IS NULL AND i.acked_at IS NULL AND d.post_ts IS NOT NULL
             ORDER BY d.incident_id, d.channel
            """)
    List<PostedRow> remindable();

    @SqlUpdate(
            """
            INSERT INTO followups (dedupe, kind, incident_id, channel, seq, state, next_attempt_at, created_at)
            VALUES (:dedupe, 'REMINDER', :id, :channel, :n, 'PENDING', :now, :now)
            ON CONFLICT DO NOTHING
            """)
    int addReminder(
            @Bind("dedupe") String dedupe,
            @Bind("id") long incidentId,
            @Bind("channel") String channel,
            @Bind("n") int n,
            @Bind("now") long now);

    /**
     * Queues the thread reply with the body a heartbeat's last ping carried, when the incident is a heartbeat's
     * and a body is kept; once per incident and channel.
     */
    @SqlUpdate(
            """
            INSERT INTO followups (dedupe, kind, incident_id, channel, detail, state, next_attempt_at, created_at)
            SELECT 'PING_LOG:' || i.id || ':' || :channel, 'PING_LOG', i.id, :channel, h.last_body, 'PENDING',
                   :now, :now
              FROM incidents i
              JOIN heartbeats h ON h.monitor_id = i.monitor_id
             WHERE i.id = :id AND h.last_body IS NOT NULL AND trim(h.last_body) <> ''
            ON CONFLICT DO NOTHING
            """)
    int addPingLog(@Bind("id") long incidentId, @Bind("channel") String channel, @Bind("now") long now);

    @SqlUpdate(
            """
            INSERT INTO followups (kind, incident_id, channel, actor, up, latency_ms, failure, detail, state,
                                   next_attempt_at, created_at)
            VALUES ('RECHECK', :id, :channel, :actor, :up, :latencyMs, :failure, :detail, 'PENDING', :now, :now)
            """)
    void addRecheck(
            @Bind("id") long incidentId,
            @Bind("channel") String channel,
            @Bind("actor") String actor,
            @Bind("up") boolean up,
            @Bind("latencyMs") long latencyMs,
            @Bind("failure") String failure,
            @Bind("detail") String detail,
            @Bind("now") long now);

    @SqlQuery("SELECT reminders FROM alert_channels WHERE channel = :channel")
    Optional<String> reminders(@Bind("channel") String channel);

    @SqlQuery("SELECT COUNT(*) FROM alert_channels WHERE channel = :channel")
    int channelCount(@Bind("channel") String channel);

    @SqlUpdate(
            "UPDATE alert_channels SET reminders = :reminders, updated_at = :now, updated_by = :actor WHERE channel = :channel")
    int setReminders(
            @Bind("channel") String channel,
            @Bind("reminders") String reminders,
            @Bind("actor") String actor,
            @Bind("now") long now);

    @SqlQuery("SELECT maintenance_posts = 1 FROM alert_channels WHERE channel = :channel")
    Optional<Boolean> maintenancePosts(@Bind("channel") String channel);

    @SqlUpdate(
            """
            UPDATE alert_channels SET maintenance_posts = :on, updated_at = :now, updated_by = :actor
            WHERE channel = :channel
            """)
    int setMaintenancePosts(
            @Bind("channel") String channel,
            @Bind("on") boolean on,
            @Bind("actor") String actor,
            @Bind("now") long now);

    @SqlQuery("SELECT channel FROM alert_channels WHERE maintenance_posts = 0")
    List<String> maintenancePostsOff();

    @SqlQuery("SELECT selector, mention FROM alert_subscriptions WHERE channel = :channel AND mention IS NOT NULL")
    List<MentionRow> mentions(@Bind("channel") String channel);

    @SqlUpdate("UPDATE alert_subscriptions SET mention = :mention WHERE channel = :channel AND selector = :selector")
    int setMention(@Bind("channel") String channel, @Bind("selector") String selector, @Bind("mention") String mention);

    @SqlUpdate(
            """
            INSERT INTO maintenance_windows (selector, label, starts_at, ends_at, reason, created_by, created_at)
            VALUES (:selector, :label, :startsAt, :endsAt, :reason, :createdBy, :now)
            """)
    @GetGeneratedKeys("id")
    long addWindow(
            @Bind("selector") String selector,
            @Bind("label") String label,
            @Bind("startsAt") long startsAt,
            @Bind("endsAt") long endsAt,
            @Bind("reason") String reason,
            @Bind("createdBy") String createdBy,
            @Bind("now") long now);

    @SqlQuery("SELECT COUNT(*) FROM maintenance_windows WHERE file_key = :key")
    int fileKeyCount(@Bind("key") String key);

    @SqlUpdate("UPDATE maintenance_windows SET file_key = :key WHERE id = :id")
    int setFileKey(@Bind("id") long id, @Bind("key") String key);

    record FileWindowRow(String fileKey, long id) {}

    @SqlQuery(
            """
            SELECT file_key, id FROM maintenance_windows
             WHERE file_key IS NOT NULL AND end_handled = 0 AND ended_at IS NULL
             ORDER BY id
            """)
    List<FileWindowRow> fileWindows();

    @SqlQuery("SELECT * FROM maintenance_windows WHERE id = :id")
    Optional<WindowRow> window(@Bind("id") long id);

    @SqlQuery("SELECT * FROM maintenance_windows WHERE end_handled = 0 ORDER BY id")
    List<WindowRow> openWindows();

    @SqlQuery("SELECT start_announced FROM maintenance_windows WHERE id = :id")
    Optional<Boolean> startAnnounced(@Bind("id") long id);

    @SqlUpdate(
            """
            UPDATE maintenance_windows SET ended_at = :now, ended_by = :actor
             WHERE id = :id AND end_handled = 0 AND ended_at IS NULL AND ends_at > :now
            """)
    int endWindow(@Bind("id") long id, @Bind("actor") String actor, @Bind("now") long now);

    @SqlUpdate("UPDATE maintenance_windows SET start_announced = 1 WHERE id = :id AND start_announced = 0")
    int markStartAnnounced(@Bind("id") long id);

    @SqlUpdate("UPDATE maintenance_windows SET end_handled = 1, start_announced = 1 WHERE id = :id AND end_handled = 0")
    int markEndHandled(@Bind("id") long id);

    @SqlUpdate(
            """
            INSERT INTO followups (dedupe, kind, window_id, channel, seq, total_ms, state, next_attempt_at, created_at)
            VALUES (:dedupe, :kind, :windowId, :channel, :seq, :totalMs, 'PENDING', :now, :now)
            ON CONFLICT DO NOTHING
            """)
    int addWindowPost(
            @Bind("dedupe") String dedupe,
            @Bind("kind") String kind,
            @Bind("windowId") long windowId,
            @Bind("channel") String channel,
            @Bind("seq") int seq,
            @Bind("totalMs") long totalMs,
            @Bind("now") long now);

    @SqlQuery("SELECT * FROM incidents WHERE opened_at >= :from AND opened_at < :to ORDER BY id")
    List<Incident> incidentsOpenedBetween(@Bind("from") long from, @Bind("to") long to);

    @SqlQuery(
            """
            SELECT * FROM followups
             WHERE state = 'PENDING' AND next_attempt_at <= :now
               AND channel NOT IN (SELECT value FROM json_each(:held))
             ORDER BY next_attempt_at, id
             LIMIT :limit
            """)
    List<dev.healthbot.alert.FollowUp> due(@Bind("now") long now, @Bind("held") String held, @Bind("limit") int limit);

    @SqlQuery("SELECT MIN(next_attempt_at) FROM followups WHERE state = 'PENDING' AND next_attempt_at > :now")
    Optional<Long> nextAfter(@Bind("now") long now);

    @SqlUpdate(
            """
            UPDATE followups SET state = :state, done_at = :at, last_error = :note, post_ts = :postTs,
                                 attempts = COALESCE(:attempts, attempts)
             WHERE id = :id AND state = 'PENDING'
            """)
    int finish(
            @Bind("id") long id,
            @Bind("state") String state,
            @Bind("at") long at,
            @Bind("note") String note,
            @Bind("postTs") String postTs,
            @Bind("attempts") Integer attempts);

    @SqlUpdate(
            """
            UPDATE followups SET attempts = :attempts, next_attempt_at = :next, last_error = :error
             WHERE id = :id AND state = 'PENDING'
            """)
    int retry(
            @Bind("id") long id, @Bind("attempts") int attempts, @Bind("next") long next, @Bind("error") String error);

    @SqlQuery("SELECT attempts FROM followups WHERE id = :id")
    int attempts(@Bind("id") long id);

    @SqlQuery("SELECT * FROM followups WHERE incident_id = :id ORDER BY id")
    List<dev.healthbot.alert.FollowUp> followUps(@Bind("id") long incidentId);
}
