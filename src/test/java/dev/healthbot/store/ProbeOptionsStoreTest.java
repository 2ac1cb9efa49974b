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
            Monitor saved = new JdbiMonitorRepository(db).add(with, Origin.SLACK, "U1", Instant.EPOCH);
            id = saved.id();
            assertThat(saved.settings()).isEqualTo(with);
        }
        try (Database db = Database.open(dir.resolve("healthbot.db"))) {
            JdbiMonitorRepository monitors = new JdbiMonitorRepository(db);
            assertThat(monitors.findById(id).orElseThrow().settings()).isEqualTo(with);
            MonitorSettings plain = settings(Map.of());
            monitors.update(id, plain, Origin.SLACK, "U1", Instant.EPOCH);
            assertThat(monitors.all().get(0).settings().options()).isEqualTo(ProbeOptions.DEFAULT);
        }
    }
}
