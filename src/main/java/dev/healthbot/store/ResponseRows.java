package dev.healthbot.store;

import dev.healthbot.alert.FollowUp;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Row mappers for the follow-up outbox; public because Jdbi instantiates them. */
final class ResponseRows {

    private ResponseRows() {}

    /** Maps a {@code followups} row. */
    public static final class FollowUpMapper implements RowMapper<FollowUp> {
        @Override
        public FollowUp map(ResultSet rs, StatementContext ctx) throws SQLException {
            int up = rs.getInt("up");
            Boolean upValue = rs.wasNull() ? null : up == 1;
            long latency = rs.getLong("latency_ms");
            Long latencyValue = rs.wasNull() ? null : latency;
            return new FollowUp(
                    rs.getLong("id"),
                    FollowUp.Kind.valueOf(rs.getString("kind")),
                    rs.getLong("incident_id"),
                    rs.getLong("window_id"),
                    rs.getString("channel"),
                    rs.getInt("seq"),
                    rs.getLong("total_ms"),
                    rs.getString("actor"),
                    upValue,
                    latencyValue,
                    rs.getString("failure"),
                    rs.getString("detail"),
                    rs.getInt("attempts"),
                    AlertRows.instant(rs, "next_attempt_at"),
                    AlertRows.instant(rs, "created_at"));
        }
    }
}
