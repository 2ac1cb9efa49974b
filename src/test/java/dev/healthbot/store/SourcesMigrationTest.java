package dev.healthbot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.Origin;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** V13 on a database that already holds servers: every row, state, result and foreign key is kept. */
class SourcesMigrationTest {

    @TempDir
    Path dir;

    private static List<Migrator.Migration> upTo(int version) {
        return Migrator.fromClasspath(SourcesMigrationTest.class.getClassLoader(), Migrator.FOLDER).stream()
                .filter(m -> m.version() <= version)
                .toList();
    }

    @Test
    void serversSavedBeforeV13KeepTheirOriginStateAndResults() {
        Path file = dir.resolve("old.db");
        try (Database old = Database.open(file, upTo(8))) {
            old.jdbi().useHandle(h -> {
                for (String[] row : new String[][] {{"typed", "SLACK"}, {"listed", "FILE"}}) {
                    h.execute(
                            """
                            INSERT INTO monitors (name, name_key, url, environment, interval_ms, timeout_ms,
                                expected_status, failures_before_down, successes_before_up, alerts_enabled, origin,
                                created_at, created_by, updated_at, updated_by)
                            VALUES (?, ?, 'http://127.0.0.1:9/', 'LIVE', 60000, 5000, '200-399', 3, 2, 1, ?,
                                1, 'U1', 1, 'U1')""",
                            row[0],
                            row[0],
                            row[1]);
                }
                h.execute("INSERT INTO monitor_state (monitor_id, status, since, failures, successes)"
                        + " SELECT id, 'UP', 5, 0, 3 FROM monitors");
                h.execute("INSERT INTO probe_results (monitor_id, at, up, latency_ms, failure, detail)"
                        + " SELECT id, 7, 1, 12, 'NONE', '' FROM monitors");
            });
        }
        try (Database db = Database.open(file)) {
            List<Monitor> all = new JdbiMonitorRepository(db, id -> {}).all();
            assertThat(all)
                    .extracting(Monitor::name, Monitor::origin)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("listed", Origin.FILE),
                            org.assertj.core.groups.Tuple.tuple("typed", Origin.SLACK));
            Map<String, Object> counts = db.jdbi().withHandle(h -> h.createQuery(
                            """
                                    SELECT (SELECT count(*) FROM monitor_state WHERE status = 'UP') AS states,
                                           (SELECT count(*) FROM probe_results) AS results,
                                           (SELECT count(*) FROM monitors WHERE origin = source) AS same
                                    """)
                    .mapToMap()
                    .one());
            assertThat(counts)
                    .containsEntry("states", 2)
                    .containsEntry("results", 2)
                    .containsEntry("same", 2);
            List<Map<String, Object>> broken = db.jdbi()
                    .withHandle(h ->
                            h.createQuery("PRAGMA foreign_key_check").mapToMap().list());
            assertThat(broken).isEmpty();
            // Removing a server still cascades to its state and results (the foreign keys survived).
            long id = all.get(0).id();
            db.jdbi().useHandle(h -> h.execute("DELETE FROM monitors WHERE id = ?", id));
            int left = db.jdbi()
                    .withHandle(h -> h.createQuery("SELECT count(*) FROM probe_results WHERE monitor_id = " + id)
                            .mapTo(Integer.class)
                            .one());
            assertThat(left).isZero();
        }
    }

    @Test
    void anInventoryServerIsStoredAsOwnedBySourceAndReadBackAsInventory() {
        try (Database db = Database.open(dir.resolve("new.db"))) {
            JdbiMonitorRepository repo = new JdbiMonitorRepository(db, id -> {});
            Monitor m = repo.add(Servers.settings("from-inv"), Origin.INVENTORY, "inventory", Servers.T0);
            assertThat(repo.findByName("from-inv").orElseThrow().origin()).isEqualTo(Origin.INVENTORY);
            Map<String, Object> row = db.jdbi()
                    .withHandle(h -> h.createQuery("SELECT origin, source FROM monitors WHERE id = " + m.id())
                            .mapToMap()
                            .one());
            assertThat(row).containsEntry("origin", "FILE").containsEntry("source", "INVENTORY");
            List<String> actors = db.jdbi().withHandle(h -> h.createQuery(
                            "SELECT actor FROM audit_log WHERE subject = 'monitor:" + m.id() + "'")
                    .mapTo(String.class)
                    .list());
            assertThat(actors).containsExactly("inventory");
            assertThatThrownBy(() -> db.jdbi().useHandle(h -> h.execute("UPDATE monitors SET source = 'lower'")))
                    .hasMessageContaining("CHECK");
        }
    }
}
