package dev.healthbot.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.healthbot.monitor.Field;
import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.MonitorDraft;
import dev.healthbot.monitor.MonitorSettings;
import dev.healthbot.monitor.MonitorValidator;
import dev.healthbot.monitor.Origin;
import dev.healthbot.monitor.ProbeOptions;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Assertions are columns of {@code monitors} (migration V3): they survive a restart and an edit clears them. */
class ProbeOptionsStoreTest {

    @TempDir
    Path dir;

    private static MonitorSettings settings(Map<Field, String> more) {
        return MonitorValidator.validate(new MonitorDraft(
                        "orders", "http://127.0.0.1:8080/health", null, null, null, null, null, null, null, more))
                .settings();
    }

    @Test
    void assertionsAreSavedReadBackAfterARestartAndCleared() {
        MonitorSettings with = settings(Map.of(
                Field.EXPECT_JSON, "$.status == \"UP\" and $.items.length() > 0",
                Field.EXPECT_BODY, "ok",
                Field.EXPECT_BODY_NOT, "ERROR",
                Field.LATENCY_MAX, "800ms"));
        long id;
        try (Database db = Database.open(dir.resolve("healthbot.db"))) {
            Monitor saved = new JdbiMonitorRepository(db, removed -> {}).add(with, Origin.SLACK, "U1", Instant.EPOCH);
            id = saved.id();
            assertThat(saved.settings()).isEqualTo(with);
        }
        try (Database db = Database.open(dir.resolve("healthbot.db"))) {
            JdbiMonitorRepository monitors = new JdbiMonitorRepository(db, removed -> {});
            assertThat(monitors.findById(id).orElseThrow().settings()).isEqualTo(with);
            MonitorSettings plain = settings(Map.of());
            monitors.update(id, plain, Origin.SLACK, "U1", Instant.EPOCH);
            assertThat(monitors.all().get(0).settings().options()).isEqualTo(ProbeOptions.DEFAULT);
        }
    }

    @Test
    void migrationV3KeepsWhatExistingServersDid() throws Exception {
        Path file = dir.resolve("old.db");
        java.util.List<Migrator.Migration> all =
                Migrator.fromClasspath(getClass().getClassLoader(), Migrator.FOLDER);
        // a database as the previous release left it: V1 and V2, a server with the old default expectation
        try (Database db =
                Database.open(file, all.stream().filter(m -> m.version() < 3).toList())) {
            db.jdbi()
                    .useHandle(
                            h -> h.execute(
                                    """
                    INSERT INTO monitors (name, name_key, url, environment, interval_ms, timeout_ms, expected_status,
                                          failures_before_down, successes_before_up, alerts_enabled, origin,
                                          created_at, created_by, updated_at, updated_by)
                    VALUES ('old', 'old', 'http://127.0.0.1:8080/', 'DEV', 60000, 5000, '200-399', 3, 2, 1, 'SLACK',
                            0, 'U1', 0, 'U1')
                    """));
        }
        try (Database db = Database.open(file)) {
            MonitorSettings old =
                    new JdbiMonitorRepository(db, removed -> {}).all().get(0).settings();
            assertThat(old.expectedStatus().toString()).isEqualTo("200-399");
            assertThat(old.options()).isEqualTo(ProbeOptions.DEFAULT);
            assertThat(old.options().request().followRedirects()).isTrue();
        }
    }
}
