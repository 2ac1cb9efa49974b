package dev.healthbot.store;

import java.util.List;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL over {@code source_posts} (the outbox of notices about sources) and {@code source_health}. */
interface SourceDao {

    /** A row of {@code source_health}, times in epoch milliseconds. */
    record HealthRow(String source, Long failingSince, String reason, long checkedAt) {}

    /** A due row of {@code source_posts}. */
    record PostRow(long id, String source, String channel, String text, int attempts) {}

    @SqlUpdate(
            """
            INSERT INTO source_posts (source, channel, text, state, next_attempt_at, created_at)
            VALUES (:source, :channel, :text, 'PENDING', :now, :now)
            """)
    void insertPost(
            @Bind("source") String source,
            @Bind("channel") String channel,
            @Bind("text") String text,
            @Bind("now") long now);

    @SqlQuery(
            """
            SELECT id, source, channel, text, attempts
              FROM source_posts
             WHERE state = 'PENDING' AND next_attempt_at <= :now
             ORDER BY next_attempt_at, id
             LIMIT :limit
            """)
    List<PostRow> due(@Bind("now") long now, @Bind("limit") int limit);

    @SqlUpdate(
            """
            UPDATE source_posts SET state = 'SENT', post_ts = :ts, done_at = :now, attempts = attempts + 1
             WHERE id = :id AND state = 'PENDING'
            """)
    int sent(@Bind("id") long id, @Bind("ts") String ts, @Bind("now") long now);

    @SqlUpdate(
            """
            UPDATE source_posts SET attempts = attempts + 1, last_error = :error, next_attempt_at = :next
             WHERE id = :id AND state = 'PENDING'
            """)
    int retry(@Bind("id") long id, @Bind("error") String error, @Bind("next") long next);

    @SqlUpdate(
            """
            UPDATE source_posts SET state = 'GIVEN_UP', attempts = attempts + 1, last_error = :error, done_at = :now
             WHERE id = :id AND state = 'PENDING'
            """)
    int giveUp(@Bind("id") long id, @Bind("error") String error, @Bind("now") long now);

    @SqlUpdate(
            """
            INSERT INTO source_health (source, failing_since, reason, checked_at)
            VALUES (:source, :failingSince, :reason, :checkedAt)
            ON CONFLICT (source) DO UPDATE
               SET failing_since = excluded.failing_since, reason = excluded.reason, checked_at = excluded.checked_at
            """)
    void saveHealth(
            @Bind("source") String source,
            @Bind("failingSince") Long failingSince,
            @Bind("reason") String reason,
            @Bind("checkedAt") long checkedAt);

    @SqlQuery("SELECT source, failing_since, reason, checked_at FROM source_health ORDER BY source")
    List<HealthRow> health();
}
