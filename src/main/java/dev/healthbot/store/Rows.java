package dev.healthbot.store;

import dev.healthbot.monitor.Assertions;
import dev.healthbot.monitor.Environment;
import dev.healthbot.monitor.FailureKind;
import dev.healthbot.monitor.JsonRule;
import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.MonitorSettings;
import dev.healthbot.monitor.MonitorState;
import dev.healthbot.monitor.Origin;
import dev.healthbot.monitor.ProbeOptions;
import dev.healthbot.monitor.ProbeResult;
import dev.healthbot.monitor.RequestOptions;
import dev.healthbot.monitor.Status;
import dev.healthbot.monitor.StatusChange;
import dev.healthbot.monitor.StatusCodes;
import dev.healthbot.monitor.Target;
import dev.healthbot.monitor.Thresholds;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Jdbi;

/** Maps rows to the domain records and back; the one place that knows the column names' meaning. */
final class Rows {

    /** A {@code monitor_state} row with its key, for reading all states in one query. */
    record StateRow(long monitorId, MonitorState state) {}

    /** The columns of {@code monitors} a write binds; public because {@code @BindMethods} only sees public methods. */
    public record MonitorRow(
            String name,
            String nameKey,
            String url,
            String environment,
            long intervalMs,
            long timeoutMs,
            String expectedStatus,
            int failuresBeforeDown,
            int successesBeforeUp,
            boolean alertsEnabled,
            String origin,
            String source,
            String expectBody,
            String expectBodyNot,
            String expectJson,
            Long latencyMaxMs,
            String method,
            String requestBody,
            String contentType,
            String headers,
            boolean tlsVerify,
            boolean followRedirects,
            long tlsExpiryMs) {

        static MonitorRow of(MonitorSettings s, Origin origin) {
            Assertions a = s.options().assertions();
            RequestOptions r = s.options().request();
            return new MonitorRow(
                    s.name(),
                    Rows.nameKey(s.name()),
                    s.target().secretUrl(),
                    s.environment().name(),
                    s.interval().toMillis(),
                    s.timeout().toMillis(),
                    s.expectedStatus().toString(),
                    s.thresholds().failuresBeforeDown(),
                    s.thresholds().successesBeforeUp(),
                    s.alertsEnabled(),
                    // origin keeps V1's CHECK: Slack, or owned by a source; source names which (V13)
                    origin.managed() ? Origin.FILE.name() : Origin.SLACK.name(),
                    origin.name(),
                    a.bodyContains(),
                    a.bodyNotContains(),
                    a.json().isEmpty() ? null : JsonRule.format(a.json()),
                    a.latencyMax() == null ? null : a.latencyMax().toMillis(),
                    r.method(),
                    r.body(),
                    r.contentType(),
                    r.headers().isEmpty()
                            ? null
                            : String.join(
                                    "\n",
                                    r.headers().stream()
                                            .map(RequestOptions.Header::secretText)
                                            .toList()),
                    r.tlsVerify(),
                    r.followRedirects(),
                    s.options().tlsExpiry().toMillis());
        }
    }

    private Rows() {}

    static void register(Jdbi jdbi) {
        jdbi.registerRowMapper(Monitor.class, (rs, ctx) -> monitor(rs));
        jdbi.registerRowMapper(ProbeResult.class, (rs, ctx) -> result(rs, ""));
        jdbi.registerRowMapper(MonitorState.class, (rs, ctx) -> state(rs));
        jdbi.registerRowMapper(StateRow.class, (rs, ctx) -> new StateRow(rs.getLong("monitor_id"), state(rs)));
        jdbi.registerRowMapper(StatusChange.class, (rs, ctx) -> change(rs));
    }

    /** The key that makes names unique ignoring case. */
    static String nameKey(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    static Monitor monitor(ResultSet rs) throws SQLException {
        MonitorSettings settings = new MonitorSettings(
                rs.getString("name"),
                Target.parse(rs.getString("url")),
                Environment.valueOf(rs.getString("environment")),
                Duration.ofMillis(rs.getLong("interval_ms")),
                Duration.ofMillis(rs.getLong("timeout_ms")),
                StatusCodes.parse(rs.getString("expected_status")),
                new Thresholds(rs.getInt("failures_before_down"), rs.getInt("successes_before_up")),
                rs.getBoolean("alerts_enabled"),
                options(rs));
        return new Monitor(
                rs.getLong("id"),
                settings,
                Origin.valueOf(rs.getString("source")),
                Instant.ofEpochMilli(rs.getLong("created_at")));
    }

    static ProbeOptions options(ResultSet rs) throws SQLException {
        long latencyMax = rs.getLong("latency_max_ms");
        Duration max = rs.wasNull() ? null : Duration.ofMillis(latencyMax);
        Assertions assertions = new Assertions(
                rs.getString("expect_body"),
                rs.getString("expect_body_not"),
                JsonRule.parseAll(rs.getString("expect_json")),
                max);
        List<RequestOptions.Header> headers = new ArrayList<>();
        String lines = rs.getString("headers");
        if (lines != null) {
            for (String line : lines.split("\n")) {
                int colon = line.indexOf(':');
                headers.add(new RequestOptions.Header(
                        line.substring(0, colon), line.substring(colon + 1).strip()));
            }
        }
        RequestOptions request = new RequestOptions(
                rs.getString("method"),
                rs.getString("request_body"),
                rs.getString("content_type"),
                headers,
                rs.getBoolean("tls_verify"),
                rs.getBoolean("follow_redirects"));
        return new ProbeOptions(assertions, request, Duration.ofMillis(rs.getLong("tls_expiry_ms")));
    }

    static MonitorState state(ResultSet rs) throws SQLException {
        rs.getLong("last_at");
        ProbeResult last = rs.wasNull() ? null : result(rs, "last_");
        long cert = rs.getLong("cert_not_after");
        Instant certNotAfter = rs.wasNull() ? null : Instant.ofEpochMilli(cert);
        return new MonitorState(
                Status.valueOf(rs.getString("status")),
                Instant.ofEpochMilli(rs.getLong("since")),
                rs.getInt("failures"),
                rs.getInt("successes"),
                last,
                certNotAfter);
    }

    static ProbeResult result(ResultSet rs, String prefix) throws SQLException {
        return new ProbeResult(
                rs.getBoolean(prefix + "up"),
                Instant.ofEpochMilli(rs.getLong(prefix + "at")),
                Duration.ofMillis(rs.getLong(prefix + "latency_ms")),
                FailureKind.valueOf(rs.getString(prefix + "failure")),
                rs.getString(prefix + "detail"));
    }

    static StatusChange change(ResultSet rs) throws SQLException {
        long downSince = rs.getLong("down_since");
        Instant down = rs.wasNull() ? null : Instant.ofEpochMilli(downSince);
        return new StatusChange(
                rs.getLong("id"),
                rs.getLong("monitor_id"),
                Status.valueOf(rs.getString("from_status")),
                Status.valueOf(rs.getString("to_status")),
                Instant.ofEpochMilli(rs.getLong("at")),
                FailureKind.valueOf(rs.getString("cause")),
                rs.getString("detail"),
                rs.getInt("failed_checks"),
                down);
    }
}
