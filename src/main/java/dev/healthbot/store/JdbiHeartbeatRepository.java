package dev.healthbot.store;

import dev.healthbot.monitor.HeartbeatRecord;
import dev.healthbot.monitor.HeartbeatRepository;
import dev.healthbot.monitor.PingKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@link HeartbeatRepository} over SQLite's {@code heartbeats} table (V6). Thread-safe. */
public final class JdbiHeartbeatRepository implements HeartbeatRepository {

    private final Database db;

    public JdbiHeartbeatRepository(Database db) {
        this.db = db;
    }

    @Override
    public HeartbeatRecord create(HeartbeatRecord fresh) {
        return db.write(h -> {
            HeartbeatDao dao = h.attach(HeartbeatDao.class);
            Optional<HeartbeatRecord> existing = dao.find(fresh.monitorId());
            if (existing.isPresent()) {
                return existing.get();
            }
            dao.insert(
                    fresh.monitorId(), fresh.key().value(), fresh.keyCreatedAt().toEpochMilli());
            return fresh;
        });
    }

    @Override
    public boolean save(HeartbeatRecord r) {
        return db.write(h -> h.attach(HeartbeatDao.class)
                        .update(
                                r.monitorId(),
                                r.key().value(),
                                r.keyCreatedAt().toEpochMilli(),
                                millis(r.lastPingAt()),
                                millis(r.lastStartAt()),
                                r.lastDuration() == null
                                        ? null
                                        : r.lastDuration().toMillis(),
                                r.lastExitCode(),
                                r.lastBody(),
                                millis(r.nextDeadline()))
                == 1);
    }

    @Override
    public Optional<HeartbeatRecord> find(long monitorId) {
        return db.jdbi().withExtension(HeartbeatDao.class, dao -> dao.find(monitorId));
    }

    @Override
    public Optional<HeartbeatRecord> findByKey(String key) {
        return db.jdbi().withExtension(HeartbeatDao.class, dao -> dao.findByKey(key));
    }

    @Override
    public List<HeartbeatRecord> all() {
        return db.jdbi().withExtension(HeartbeatDao.class, HeartbeatDao::all);
    }

    @Override
    public boolean delete(long monitorId) {
        return db.write(h -> h.attach(HeartbeatDao.class).delete(monitorId) == 1);
    }

    private static Long millis(Instant i) {
        return i == null ? null : i.toEpochMilli();
    }

    /** Maps a {@code heartbeats} row. */
    public static final class Mapper implements RowMapper<HeartbeatRecord> {
        @Override
        public HeartbeatRecord map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new HeartbeatRecord(
                    rs.getLong("monitor_id"),
                    new PingKey(rs.getString("ping_key")),
                    Instant.ofEpochMilli(rs.getLong("key_created_at")),
                    instant(rs, "last_ping_at"),
                    instant(rs, "last_start_at"),
                    rs.getObject("last_duration_ms") == null ? null : Duration.ofMillis(rs.getLong("last_duration_ms")),
                    rs.getObject("last_exit_code") == null ? null : rs.getInt("last_exit_code"),
                    rs.getString("last_body"),
                    instant(rs, "next_deadline"));
        }

        private static Instant instant(ResultSet rs, String column) throws SQLException {
            long v = rs.getLong(column);
            return rs.wasNull() ? null : Instant.ofEpochMilli(v);
        }
    }

    /** SQL over {@code heartbeats}. */
    @RegisterRowMapper(Mapper.class)
    interface HeartbeatDao {
        String SELECT =
                """
                SELECT monitor_id, ping_key, key_created_at, last_ping_at, last_start_at, last_duration_ms,
                       last_exit_code, last_body, next_deadline
                  FROM heartbeats
                """;

        @SqlUpdate("INSERT INTO heartbeats (monitor_id, ping_key, key_created_at) VALUES (:id, :key, :at)")
        int insert(@Bind("id") long id, @Bind("key") String key, @Bind("at") long at);

        @SqlUpdate(
                """
                UPDATE heartbeats
                   SET ping_key = :key, key_created_at = :keyAt, last_ping_at = :ping, last_start_at = :start,
                       last_duration_ms = :duration, last_exit_code = :exit, last_body = :body,
                       next_deadline = :deadline
                 WHERE monitor_id = :id
                """)
        int update(
                @Bind("id") long id,
                @Bind("key") String key,
                @Bind("keyAt") long keyAt,
                @Bind("ping") Long ping,
                @Bind("start") Long start,
                @Bind("duration") Long duration,
                @Bind("exit") Integer exit,
                @Bind("body") String body,
                @Bind("deadline") Long deadline);

        @SqlQuery(SELECT + " WHERE monitor_id = :id")
        Optional<HeartbeatRecord> find(@Bind("id") long id);

        @SqlQuery(SELECT + " WHERE ping_key = :key")
        Optional<HeartbeatRecord> findByKey(@Bind("key") String key);

        @SqlQuery(SELECT)
        List<HeartbeatRecord> all();

        @SqlUpdate("DELETE FROM heartbeats WHERE monitor_id = :id")
        int delete(@Bind("id") long id);
    }
}
