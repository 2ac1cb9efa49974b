package dev.healthbot.store;

import dev.healthbot.alert.CertificatePost;
import dev.healthbot.alert.CertificateRepository;
import dev.healthbot.alert.Delivery;
import dev.healthbot.alert.PostRef;
import dev.healthbot.monitor.Environment;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Row mappers for the certificate tables; public because Jdbi instantiates them. */
final class CertificateRows {

    private CertificateRows() {}

    /** Maps a {@code certificate_watch} row. */
    public static final class WatchMapper implements RowMapper<CertificateRepository.Watch> {
        @Override
        public CertificateRepository.Watch map(ResultSet rs, StatementContext ctx) throws SQLException {
            long bound = rs.getLong("warned_bound_ms");
            Duration warned = rs.wasNull() ? null : Duration.ofMillis(bound);
            return new CertificateRepository.Watch(
                    rs.getLong("monitor_id"),
                    AlertRows.instant(rs, "not_after"),
                    warned,
                    AlertRows.instant(rs, "renewed_by"));
        }
    }

    /** Maps a {@code certificate_posts} row. */
    public static final class PostMapper implements RowMapper<CertificatePost> {
        @Override
        public CertificatePost map(ResultSet rs, StatementContext ctx) throws SQLException {
            String postChannel = rs.getString("post_channel");
            String postTs = rs.getString("post_ts");
            return new CertificatePost(
                    rs.getLong("id"),
                    rs.getLong("monitor_id"),
                    rs.getString("monitor_name"),
                    Environment.valueOf(rs.getString("environment")),
                    rs.getString("target"),
                    AlertRows.instant(rs, "not_after"),
                    CertificatePost.Kind.valueOf(rs.getString("kind")),
                    Duration.ofMillis(rs.getLong("bound_ms")),
                    AlertRows.instant(rs, "renewed_not_after"),
                    rs.getString("channel"),
                    Delivery.State.valueOf(rs.getString("state")),
                    rs.getInt("attempts"),
                    AlertRows.instant(rs, "next_attempt_at"),
                    AlertRows.instant(rs, "created_at"),
                    rs.getString("last_error"),
                    postChannel == null || postTs == null ? null : new PostRef(postChannel, postTs));
        }
    }
}
