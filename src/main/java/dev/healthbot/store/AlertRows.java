package dev.healthbot.store;

import dev.healthbot.alert.Delivery;
import dev.healthbot.alert.Incident;
import dev.healthbot.alert.PostRef;
import dev.healthbot.monitor.Environment;
import dev.healthbot.monitor.FailureKind;
import dev.healthbot.monitor.Status;
import dev.healthbot.monitor.StatusChange;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Row mappers for the alert tables; the mappers are public because Jdbi instantiates them. */
final class AlertRows {

    private AlertRows() {}

    static Instant instant(ResultSet rs, String column) throws SQLException {
        long ms = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(ms);
    }

    /** Maps a {@code status_changes} row. */
    public static final class ChangeMapper implements RowMapper<StatusChange> {
        @Override
        public StatusChange map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new StatusChange(
                    rs.getLong("id"),
                    rs.getLong("monitor_id"),
                    Status.valueOf(rs.getString("from_status")),
                    Status.valueOf(rs.getString("to_status")),
                    instant(rs, "at"),
                    FailureKind.valueOf(rs.getString("cause")),
                    rs.getString("detail"),
                    rs.getInt("failed_checks"),
                    instant(rs, "down_since"));
        }
    }

    /** Maps an {@code incidents} row. */
    public static final class IncidentMapper implements RowMapper<Incident> {
        @Override
        public Incident map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new Incident(
                    rs.getLong("id"),
                    rs.getLong("monitor_id"),
                    rs.getString("monitor_name"),
                    Environment.valueOf(rs.getString("environment")),
                    rs.getString("target"),
                    instant(rs, "opened_at"),
                    instant(rs, "resolved_at"),
                    FailureKind.valueOf(rs.getString("cause")),
                    rs.getString("detail"),
                    rs.getInt("failed_checks"));
        }
    }

    /** Maps a {@code deliveries} row. */
    public static final class DeliveryMapper implements RowMapper<Delivery> {
        @Override
        public Delivery map(ResultSet rs, StatementContext ctx) throws SQLException {
            String postChannel = rs.getString("post_channel");
            String postTs = rs.getString("post_ts");
            return new Delivery(
                    rs.getLong("id"),
                    rs.getLong("incident_id"),
                    rs.getString("channel"),
                    Delivery.Kind.valueOf(rs.getString("kind")),
                    Delivery.State.valueOf(rs.getString("state")),
                    rs.getInt("attempts"),
                    instant(rs, "next_attempt_at"),
                    instant(rs, "created_at"),
                    instant(rs, "done_at"),
                    rs.getString("last_error"),
                    postChannel == null || postTs == null ? null : new PostRef(postChannel, postTs),
                    instant(rs, "attempt_started_at"));
        }
    }
}
