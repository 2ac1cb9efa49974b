package dev.healthbot.store;

import dev.healthbot.monitor.Monitor;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL over {@code monitors}, the new server's {@code monitor_state} row and {@code audit_log}. */
interface MonitorDao extends AuditDao {

    String SELECT =
            """
            SELECT id, name, url, environment, interval_ms, timeout_ms, expected_status,
                   failures_before_down, successes_before_up, alerts_enabled, origin, source, created_at,
                   expect_body, expect_body_not, expect_json, latency_max_ms,
                   method, request_body, content_type, headers, tls_verify, follow_redirects, tls_expiry_ms
              FROM monitors
            """;

    @SqlUpdate(
            """
            INSERT INTO monitors (name, name_key, url, environment, interval_ms, timeout_ms, expected_status,
                                  failures_before_down, successes_before_up, alerts_enabled, origin, source,
                                  expect_body, expect_body_not, expect_json, latency_max_ms,
                                  method, request_body, content_type, headers, tls_verify, follow_redirects,
                                  tls_expiry_ms, created_at, created_by, updated_at, updated_by)
            VALUES (:name, :nameKey, :url, :environment, :intervalMs, :timeoutMs, :expectedStatus,
                    :failuresBeforeDown, :successesBeforeUp, :alertsEnabled, :origin, :source,
                    :expectBody, :expectBodyNot, :expectJson, :latencyMaxMs,
                    :method, :requestBody, :contentType, :headers, :tlsVerify, :followRedirects,
                    :tlsExpiryMs, :at, :actor, :at, :actor)
            """)
    @GetGeneratedKeys("id")
    long insert(@BindMethods Rows.MonitorRow row, @Bind("at") long at, @Bind("actor") String actor);

    @SqlUpdate(
            """
            UPDATE monitors
               SET name = :name, name_key = :nameKey, url = :url, environment = :environment,
                   interval_ms = :intervalMs, timeout_ms = :timeoutMs, expected_status = :expectedStatus,
                   failures_before_down = :failuresBeforeDown, successes_before_up = :successesBeforeUp,
                   alerts_enabled = :alertsEnabled, origin = :origin, source = :source,
                   expect_body = :expectBody, expect_body_not = :expectBodyNot, expect_json = :expectJson,
                   latency_max_ms = :latencyMaxMs,
                   method = :method, request_body = :requestBody, content_type = :contentType,
                   headers = :headers, tls_verify = :tlsVerify, follow_redirects = :followRedirects,
                   tls_expiry_ms = :tlsExpiryMs, updated_at = :at, updated_by = :actor
             WHERE id = :id
            """)
    int update(@Bind("id") long id, @BindMethods Rows.MonitorRow row, @Bind("at") long at, @Bind("actor") String actor);

    @SqlUpdate("DELETE FROM monitors WHERE id = :id")
    int delete(@Bind("id") long id);

    @SqlUpdate(
            """
            INSERT INTO monitor_state (monitor_id, status, since, failures, successes)
            VALUES (:id, 'PENDING', :since, 0, 0)
            """)
    void insertPendingState(@Bind("id") long id, @Bind("since") long since);

    @SqlQuery(SELECT + " WHERE id = :id")
    Optional<Monitor> findById(@Bind("id") long id);

    @SqlQuery(SELECT + " WHERE name_key = :key")
    Optional<Monitor> findByKey(@Bind("key") String key);

    @SqlQuery(SELECT + " ORDER BY name_key")
    List<Monitor> all();
}
