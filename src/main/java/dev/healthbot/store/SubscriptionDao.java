package dev.healthbot.store;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL over {@code alert_channels} and {@code alert_subscriptions}, plus their {@code audit_log} rows. */
@RegisterConstructorMapper(SubscriptionDao.ChannelRow.class)
interface SubscriptionDao {

    /** A channel row with its selectors joined by commas (null when it has none). */
    record ChannelRow(String channel, boolean paused, String failingReason, Long failingSince, String selectors) {}

    @SqlUpdate(
            """
            INSERT INTO alert_channels (channel, paused, created_at, created_by, updated_at, updated_by)
            VALUES (:channel, 0, :now, :actor, :now, :actor)
            ON CONFLICT (channel) DO UPDATE SET
                   failing_reason = NULL, failing_since = NULL,
                   updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """)
    void upsertChannel(@Bind("channel") String channel, @Bind("actor") String actor, @Bind("now") long now);

    @SqlUpdate(
            """
            INSERT INTO alert_subscriptions (channel, selector, created_at, created_by)
            VALUES (:channel, :selector, :now, :actor)
            ON CONFLICT (channel, selector) DO NOTHING
            """)
    void addSelector(
            @Bind("channel") String channel,
            @Bind("selector") String selector,
            @Bind("actor") String actor,
            @Bind("now") long now);

    @SqlUpdate("DELETE FROM alert_subscriptions WHERE channel = :channel AND selector = :selector")
    int removeSelector(@Bind("channel") String channel, @Bind("selector") String selector);

    @SqlQuery("SELECT COUNT(*) FROM alert_subscriptions WHERE channel = :channel")
    int selectorCount(@Bind("channel") String channel);

    @SqlUpdate("DELETE FROM alert_channels WHERE channel = :channel")
    int deleteChannel(@Bind("channel") String channel);

    @SqlUpdate(
            """
            UPDATE alert_channels SET paused = :paused, updated_at = :now, updated_by = :actor
             WHERE channel = :channel
            """)
    int setPaused(
            @Bind("channel") String channel,
            @Bind("paused") boolean paused,
            @Bind("actor") String actor,
            @Bind("now") long now);

    @SqlUpdate("UPDATE alert_channels SET failing_reason = :reason, failing_since = :since WHERE channel = :channel")
    int markFailing(@Bind("channel") String channel, @Bind("reason") String reason, @Bind("since") long since);

    @SqlUpdate(
            """
            UPDATE alert_channels SET failing_reason = NULL, failing_since = NULL
             WHERE channel = :channel AND failing_reason IS NOT NULL
            """)
    int clearFailing(@Bind("channel") String channel);

    @SqlQuery(
            """
            SELECT c.channel, c.paused, c.failing_reason, c.failing_since,
                   (SELECT group_concat(s.selector, ',') FROM alert_subscriptions s WHERE s.channel = c.channel)
                       AS selectors
              FROM alert_channels c
             WHERE c.channel = :channel
            """)
    Optional<ChannelRow> find(@Bind("channel") String channel);

    @SqlQuery(
            """
            SELECT c.channel, c.paused, c.failing_reason, c.failing_since,
                   (SELECT group_concat(s.selector, ',') FROM alert_subscriptions s WHERE s.channel = c.channel)
                       AS selectors
              FROM alert_channels c
             ORDER BY c.channel
            """)
    List<ChannelRow> all();

    @SqlUpdate(
            """
            INSERT INTO audit_log (at, actor, action, subject, detail)
            VALUES (:at, :actor, :action, :subject, :detail)
            """)
    void audit(
            @Bind("at") long at,
            @Bind("actor") String actor,
            @Bind("action") String action,
            @Bind("subject") String subject,
            @Bind("detail") String detail);
}
