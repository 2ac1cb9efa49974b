package dev.healthbot.store;

import dev.healthbot.alert.CertificatePost;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL over {@code certificate_watch} and the certificate outbox {@code certificate_posts}. */
@RegisterRowMapper(CertificateRows.PostMapper.class)
@RegisterRowMapper(CertificateRows.WatchMapper.class)
interface CertificateDao {

    @SqlQuery("SELECT * FROM certificate_watch ORDER BY monitor_id, not_after")
    List<dev.healthbot.alert.CertificateRepository.Watch> watches();

    /** Claims a step: a new row, or a smaller step than the one claimed; 0 rows when not (or the server is gone). */
    @SqlUpdate(
            """
            INSERT INTO certificate_watch (monitor_id, not_after, warned_bound_ms, warned_at)
            SELECT id, :notAfter, :step, :now FROM monitors WHERE id = :monitorId
            ON CONFLICT (monitor_id, not_after) DO UPDATE
               SET warned_bound_ms = excluded.warned_bound_ms, warned_at = excluded.warned_at
             WHERE warned_bound_ms IS NULL OR warned_bound_ms > excluded.warned_bound_ms
            """)
    int claimStep(
            @Bind("monitorId") long monitorId,
            @Bind("notAfter") long notAfter,
            @Bind("step") long stepMs,
            @Bind("now") long now);

    @SqlUpdate(
            """
            INSERT OR IGNORE INTO certificate_posts (monitor_id, monitor_name, environment, target, not_after, kind,
                                                     bound_ms, channel, state, attempts, next_attempt_at, created_at)
            VALUES (:monitorId, :name, :environment, :target, :notAfter, 'WARNING', :step, :channel, 'PENDING', 0,
                    :now, :now)
            """)
    void insertWarning(
            @Bind("monitorId") long monitorId,
            @Bind("name") String name,
            @Bind("environment") String environment,
            @Bind("target") String target,
            @Bind("notAfter") long notAfter,
            @Bind("step") long stepMs,
            @Bind("channel") String channel,
            @Bind("now") long now);

    @SqlUpdate(
            """
            UPDATE certificate_watch
               SET renewed_by = :newNotAfter, renewed_at = :now
             WHERE monitor_id = :monitorId AND not_after = :oldNotAfter
               AND renewed_by IS NULL AND warned_bound_ms IS NOT NULL
            """)
    int claimRenewal(
            @Bind("monitorId") long monitorId,
            @Bind("oldNotAfter") long oldNotAfter,
            @Bind("newNotAfter") long newNotAfter,
            @Bind("now") long now);

    /** One renewal note per channel that was warned of the old certificate, copying the latest warning's facts. */
    @SqlUpdate(
            """
            INSERT OR IGNORE INTO certificate_posts (monitor_id, monitor_name, environment, target, not_after, kind,
                                                     bound_ms, renewed_not_after, channel, state, attempts,
                                                     next_attempt_at, created_at)
            SELECT w.monitor_id, w.monitor_name, w.environment, w.target, w.not_after, 'RENEWED', 0, :newNotAfter,
                   w.channel, 'PENDING', 0, :now, :now
              FROM certificate_posts w
             WHERE w.monitor_id = :monitorId AND w.not_after = :oldNotAfter AND w.kind = 'WARNING'
               AND w.id = (SELECT MAX(l.id) FROM certificate_posts l
                            WHERE l.monitor_id = w.monitor_id AND l.not_after = w.not_after
                              AND l.kind = 'WARNING' AND l.channel = w.channel)
             ORDER BY w.channel
            """)
    int insertRenewals(
            @Bind("monitorId") long monitorId,
            @Bind("oldNotAfter") long oldNotAfter,
            @Bind("newNotAfter") long newNotAfter,
            @Bind("now") long now);

    @SqlQuery(
            """
            SELECT p.*
              FROM certificate_posts p
             WHERE p.state = 'PENDING'
               AND p.next_attempt_at <= :now
               AND p.channel NOT IN (SELECT value FROM json_each(:held))
               AND p.id = (SELECT h.id
                             FROM certificate_posts h
                            WHERE h.state = 'PENDING' AND h.channel = p.channel
                            ORDER BY h.next_attempt_at, h.id
                            LIMIT 1)
             ORDER BY p.next_attempt_at, p.id
             LIMIT :limit
            """)
    List<CertificatePost> due(@Bind("now") long now, @Bind("held") String heldJson, @Bind("limit") int limit);

    @SqlQuery("SELECT MIN(next_attempt_at) FROM certificate_posts WHERE state = 'PENDING' AND next_attempt_at > :now")
    Optional<Long> nextAttemptAfter(@Bind("now") long now);

    @SqlUpdate(
            """
            UPDATE certificate_posts
               SET state = 'SENT', done_at = :at, post_channel = :postChannel, post_ts = :postTs, last_error = NULL
             WHERE id = :id AND state = 'PENDING'
            """)
    int markSent(
            @Bind("id") long id,
            @Bind("postChannel") String postChannel,
            @Bind("postTs") String postTs,
            @Bind("at") long at);

    @SqlUpdate(
            """
            UPDATE certificate_posts
               SET attempts = :attempts, next_attempt_at = :next, last_error = :error
             WHERE id = :id AND state = 'PENDING'
            """)
    int reschedule(
            @Bind("id") long id, @Bind("attempts") int attempts, @Bind("next") long next, @Bind("error") String error);

    @SqlUpdate(
            """
            UPDATE certificate_posts
               SET state = 'GIVEN_UP', attempts = :attempts, last_error = :reason, done_at = :at
             WHERE id = :id AND state = 'PENDING'
            """)
    int giveUp(@Bind("id") long id, @Bind("attempts") int attempts, @Bind("reason") String reason, @Bind("at") long at);

    @SqlQuery(
            """
            SELECT * FROM certificate_posts
             WHERE monitor_id = :monitorId AND not_after = :notAfter AND channel = :channel AND kind = 'WARNING'
             ORDER BY id DESC
             LIMIT 1
            """)
    Optional<CertificatePost> latestWarning(
            @Bind("monitorId") long monitorId, @Bind("notAfter") long notAfter, @Bind("channel") String channel);

    @SqlQuery("SELECT * FROM certificate_posts WHERE monitor_id = :monitorId ORDER BY id")
    List<CertificatePost> posts(@Bind("monitorId") long monitorId);
}
