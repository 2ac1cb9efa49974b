package dev.healthbot.store;

import dev.healthbot.alert.PostRef;
import dev.healthbot.errors.ErrorGroup;
import dev.healthbot.errors.ErrorLevel;
import dev.healthbot.errors.ErrorPost;
import dev.healthbot.errors.ErrorSample;
import dev.healthbot.errors.ErrorSource;
import dev.healthbot.monitor.Environment;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL over {@code error_sources}, {@code error_groups} and {@code error_posts}, plus their audit rows. */
@RegisterRowMapper(ErrorDao.SourceMapper.class)
@RegisterRowMapper(ErrorDao.GroupMapper.class)
@RegisterRowMapper(ErrorDao.PostMapper.class)
interface ErrorDao extends AuditDao {

    String SOURCE = "SELECT id, name, environment, api_key, created_at, created_by FROM error_sources";
    String GROUP =
            """
            SELECT id, source_id, fingerprint, level, type, message, service, app_env, release, stack, details,
                   count, episode, episode_count, milestone, first_seen, episode_start, last_seen,
                   resolved_at, resolved_by, muted_until, muted_by, reason
              FROM error_groups
            """;
    String POST =
            """
            SELECT id, group_id, episode, channel, state, attempts, next_attempt_at, created_at, last_error,
                   post_channel, post_ts, details_done, milestone_shown, shown_count, shown_at
              FROM error_posts
            """;

    /** After each step: the post still owes something (1) or is settled (0), from its group's state. */
    String SETTLE =
            """
            UPDATE error_posts SET dirty = (
                   SELECT CASE
                          WHEN error_posts.state = 'PENDING' THEN 1
                          WHEN error_posts.state = 'GIVEN_UP' OR error_posts.episode <> g.episode THEN 0
                          WHEN error_posts.details_done = 0 OR error_posts.milestone_shown < g.milestone
                               OR error_posts.shown_count <> g.episode_count THEN 1
                          ELSE 0 END
                     FROM error_groups g WHERE g.id = error_posts.group_id)
             WHERE id = :id
            """;

    // sources

    @SqlUpdate(
            """
            INSERT INTO error_sources (name, name_key, environment, api_key, created_at, created_by, updated_at, updated_by)
            VALUES (:name, lower(:name), :env, :key, :now, :actor, :now, :actor)
            ON CONFLICT (name_key) DO NOTHING
            """)
    int insertSource(
            @Bind("name") String name,
            @Bind("env") String env,
            @Bind("key") String key,
            @Bind("actor") String actor,
            @Bind("now") long now);

    @SqlQuery(SOURCE + " WHERE name_key = lower(:name)")
    Optional<ErrorSource> sourceByName(@Bind("name") String name);

    @SqlQuery(SOURCE + " WHERE id = :id")
    Optional<ErrorSource> sourceById(@Bind("id") long id);

    @SqlQuery(SOURCE + " WHERE api_key = :key")
    Optional<ErrorSource> sourceByKey(@Bind("key") String key);

    @SqlQuery(SOURCE + " ORDER BY name_key")
    List<ErrorSource> sources();

    @SqlUpdate("DELETE FROM error_sources WHERE name_key = lower(:name)")
    int deleteSource(@Bind("name") String name);

    @SqlUpdate(
            """
            UPDATE error_sources SET api_key = :key, updated_at = :now, updated_by = :actor
             WHERE name_key = lower(:name)
            """)
    int rotate(@Bind("name") String name, @Bind("key") String key, @Bind("actor") String actor, @Bind("now") long now);

    @SqlUpdate(
            """
            UPDATE error_sources SET environment = :env, updated_at = :now, updated_by = :actor
             WHERE name_key = lower(:name)
            """)
    int setEnvironment(
            @Bind("name") String name, @Bind("env") String env, @Bind("actor") String actor, @Bind("now") long now);

    // groups

    @SqlQuery(GROUP + " WHERE source_id = :source AND fingerprint = :fingerprint")
    Optional<ErrorGroup> group(@Bind("source") long sourceId, @Bind("fingerprint") String fingerprint);

    @SqlQuery(GROUP + " WHERE id = :id")
    Optional<ErrorGroup> group(@Bind("id") long id);

    @SqlUpdate(
            """
            INSERT INTO error_groups (source_id, fingerprint, level, type, message, service, app_env, release,
                                      stack, details, count, episode, episode_count, milestone, first_seen,
                                      episode_start, last_seen, reason)
            VALUES (:source, :fingerprint, :level, :type, :message, :service, :env, :release, :stack, :details,
                    1, 1, 1, 0, :now, :now, :now, 'NEW')
            """)
    @GetGeneratedKeys("id")
    long insertGroup(
            @Bind("source") long sourceId,
            @Bind("fingerprint") String fingerprint,
            @Bind("level") String level,
            @Bind("type") String type,
            @Bind("message") String message,
            @Bind("service") String service,
            @Bind("env") String env,
            @Bind("release") String release,
            @Bind("stack") String stack,
            @Bind("details") String details,
            @Bind("now") long now);

    @SqlUpdate(
            """
            UPDATE error_groups
               SET count = count + 1, episode_count = episode_count + 1, last_seen = max(last_seen, :now),
                   milestone = CASE WHEN episode_count + 1 IN (10, 100, 1000, 10000, 100000, 1000000, 10000000,
                                                                 100000000, 1000000000)
                                    THEN episode_count + 1 ELSE milestone END
             WHERE id = :id
            """)
    void count(@Bind("id") long id, @Bind("now") long now);

    @SqlUpdate(
            """
            UPDATE error_groups
               SET count = count + 1, episode = episode + 1, episode_count = 1, milestone = 0,
                   episode_start = :now, last_seen = :now, resolved_at = NULL, resolved_by = NULL, reason = :reason,
                   level = :level, type = :type, message = :message, service = :service, app_env = :env,
                   release = :release, stack = :stack, details = :details
             WHERE id = :id
            """)
    void openEpisode(
            @Bind("id") long id,
            @Bind("reason") String reason,
            @Bind("level") String level,
            @Bind("type") String type,
            @Bind("message") String message,
            @Bind("service") String service,
            @Bind("env") String env,
            @Bind("release") String release,
            @Bind("stack") String stack,
            @Bind("details") String details,
            @Bind("now") long now);

    @SqlUpdate("UPDATE error_groups SET resolved_at = :at, resolved_by = :actor WHERE id = :id")
    int resolve(@Bind("id") long id, @Bind("at") Long at, @Bind("actor") String actor);

    @SqlUpdate("UPDATE error_groups SET muted_until = :until, muted_by = :actor WHERE id = :id")
    int mute(@Bind("id") long id, @Bind("until") Long until, @Bind("actor") String actor);

    // posts

    @SqlUpdate(
            """
            INSERT INTO error_posts (group_id, episode, channel, state, next_attempt_at, created_at)
            VALUES (:group, :episode, :channel, 'PENDING', :now, :now)
            ON CONFLICT (group_id, episode, channel) DO NOTHING
            """)
    int queue(
            @Bind("group") long groupId,
            @Bind("episode") int episode,
            @Bind("channel") String channel,
            @Bind("now") long now);

    @SqlUpdate(
            """
            UPDATE error_posts SET dirty = 1
             WHERE group_id = :group AND episode = :episode AND state = 'SENT' AND dirty = 0
            """)
    int owe(@Bind("group") long groupId, @Bind("episode") int episode);

    @SqlUpdate(
            """
            UPDATE error_posts SET dirty = 1, shown_count = -1, shown_at = NULL, next_attempt_at = min(next_attempt_at, :now)
             WHERE group_id = :group AND state = 'SENT'
               AND episode = (SELECT episode FROM error_groups WHERE id = :group)
            """)
    int oweEdit(@Bind("group") long groupId, @Bind("now") long now);

    @SqlQuery(POST + " WHERE dirty = 1 AND next_attempt_at <= :now ORDER BY next_attempt_at, id LIMIT :limit")
    List<ErrorPost> owed(@Bind("now") long now, @Bind("limit") int limit);

    @SqlQuery("SELECT min(next_attempt_at) FROM error_posts WHERE dirty = 1 AND next_attempt_at > :now")
    Optional<Long> nextOwedAfter(@Bind("now") long now);

    @SqlQuery(POST + " WHERE group_id = :group AND channel = :channel AND episode < :episode AND state = 'SENT'"
            + " ORDER BY episode DESC LIMIT 1")
    Optional<ErrorPost> previous(
            @Bind("group") long groupId, @Bind("episode") int episode, @Bind("channel") String channel);

    @SqlUpdate(
            """
            UPDATE error_posts SET state = 'SENT', post_channel = :channel, post_ts = :ts, shown_count = :shown,
                   shown_at = :at, done_at = :at, attempts = 0, last_error = NULL, next_attempt_at = :at
             WHERE id = :id AND state = 'PENDING'
            """)
    int posted(
            @Bind("id") long id,
            @Bind("channel") String channel,
            @Bind("ts") String ts,
            @Bind("shown") long shown,
            @Bind("at") long at);

    @SqlUpdate("UPDATE error_posts SET details_done = 1, attempts = 0, next_attempt_at = :next WHERE id = :id")
    int detailsDone(@Bind("id") long id, @Bind("next") long next);

    @SqlUpdate(
            """
            UPDATE error_posts SET milestone_shown = max(milestone_shown, :m), attempts = 0, next_attempt_at = :next
             WHERE id = :id
            """)
    int milestoneShown(@Bind("id") long id, @Bind("m") long milestone, @Bind("next") long next);

    @SqlUpdate(
            """
            UPDATE error_posts SET shown_count = :shown, shown_at = :at, attempts = 0, next_attempt_at = :next
             WHERE id = :id
            """)
    int edited(@Bind("id") long id, @Bind("shown") long shown, @Bind("at") long at, @Bind("next") long next);

    @SqlUpdate(
            "UPDATE error_posts SET attempts = :attempts, last_error = :error, next_attempt_at = :next WHERE id = :id")
    int retry(
            @Bind("id") long id, @Bind("attempts") int attempts, @Bind("error") String error, @Bind("next") long next);

    @SqlUpdate(
            """
            UPDATE error_posts SET state = 'GIVEN_UP', last_error = :reason, done_at = :at, dirty = 0
             WHERE id = :id AND state = 'PENDING'
            """)
    int giveUp(@Bind("id") long id, @Bind("reason") String reason, @Bind("at") long at);

    @SqlUpdate(SETTLE)
    int settle(@Bind("id") long id);

    @SqlQuery("SELECT COUNT(*) FROM error_groups")
    long groupCount();

    final class SourceMapper implements RowMapper<ErrorSource> {
        @Override
        public ErrorSource map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new ErrorSource(
                    rs.getLong("id"),
                    rs.getString("name"),
                    Environment.valueOf(rs.getString("environment")),
                    rs.getString("api_key"),
                    Instant.ofEpochMilli(rs.getLong("created_at")),
                    rs.getString("created_by"));
        }
    }

    final class GroupMapper implements RowMapper<ErrorGroup> {
        @Override
        public ErrorGroup map(ResultSet rs, StatementContext ctx) throws SQLException {
            ErrorSample sample = new ErrorSample(
                    ErrorLevel.valueOf(rs.getString("level")),
                    rs.getString("type"),
                    rs.getString("message"),
                    rs.getString("service"),
                    rs.getString("app_env"),
                    rs.getString("release"),
                    rs.getString("stack"),
                    rs.getString("details"));
            return new ErrorGroup(
                    rs.getLong("id"),
                    rs.getLong("source_id"),
                    rs.getString("fingerprint"),
                    sample,
                    rs.getLong("count"),
                    rs.getInt("episode"),
                    rs.getLong("episode_count"),
                    rs.getLong("milestone"),
                    instant(rs, "first_seen"),
                    instant(rs, "episode_start"),
                    instant(rs, "last_seen"),
                    instant(rs, "resolved_at"),
                    rs.getString("resolved_by"),
                    mutedUntil(rs),
                    rs.getString("muted_by"),
                    ErrorGroup.Reason.valueOf(rs.getString("reason")));
        }

        private static Instant mutedUntil(ResultSet rs) throws SQLException {
            long v = rs.getLong("muted_until");
            if (rs.wasNull()) {
                return null;
            }
            return v == Long.MAX_VALUE ? Instant.MAX : Instant.ofEpochMilli(v);
        }
    }

    final class PostMapper implements RowMapper<ErrorPost> {
        @Override
        public ErrorPost map(ResultSet rs, StatementContext ctx) throws SQLException {
            String ch = rs.getString("post_channel");
            String ts = rs.getString("post_ts");
            return new ErrorPost(
                    rs.getLong("id"),
                    rs.getLong("group_id"),
                    rs.getInt("episode"),
                    rs.getString("channel"),
                    ErrorPost.State.valueOf(rs.getString("state")),
                    rs.getInt("attempts"),
                    instant(rs, "next_attempt_at"),
                    instant(rs, "created_at"),
                    rs.getString("last_error"),
                    ch == null || ts == null ? null : new PostRef(ch, ts),
                    rs.getInt("details_done") == 1,
                    rs.getLong("milestone_shown"),
                    rs.getLong("shown_count"),
                    instant(rs, "shown_at"));
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }
}
