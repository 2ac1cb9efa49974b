package dev.healthbot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** V14 on a database that already holds follow-ups: every row is kept, the kind is no longer checked by SQL. */
class FollowUpKindsMigrationTest {

    @TempDir
    Path dir;

    private static List<Migrator.Migration> upTo(int version) {
        return Migrator.fromClasspath(FollowUpKindsMigrationTest.class.getClassLoader(), Migrator.FOLDER).stream()
                .filter(m -> m.version() <= version)
                .toList();
    }

    @Test
    void followUpsSavedBeforeV14AreKeptWithTheirColumnsAndTheNewKindsNeedNoRebuild() {
        Path file = dir.resolve("old.db");
        try (Database old = Database.open(file, upTo(13))) {
            old.jdbi().useHandle(h -> {
                h.execute(
                        """
                        INSERT INTO followups (dedupe, kind, incident_id, channel, seq, detail, state,
                            next_attempt_at, created_at, post_ts)
                        VALUES ('REMINDER:1:C1:2', 'REMINDER', 1, 'C1', 2, NULL, 'SENT', 10, 5, '1.000100')""");
                h.execute(
                        """
                        INSERT INTO followups (kind, incident_id, channel, detail, state, next_attempt_at, created_at)
                        VALUES ('PING_LOG', 1, 'C1', 'last lines', 'PENDING', 20, 6)""");
                assertThatThrownBy(
                                () -> h.execute(
                                        """
                                INSERT INTO followups (kind, channel, state, next_attempt_at, created_at)
                                VALUES ('SOMETHING_NEW', 'C1', 'PENDING', 1, 1)"""))
                        .hasMessageContaining("CHECK");
            });
        }
        try (Database db = Database.open(file)) {
            List<Map<String, Object>> rows = db.jdbi().withHandle(h -> h.createQuery(
                            "SELECT dedupe, kind, seq, detail, state, post_ts, attempt_started_at"
                                    + " FROM followups ORDER BY id")
                    .mapToMap()
                    .list());
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0))
                    .containsEntry("dedupe", "REMINDER:1:C1:2")
                    .containsEntry("kind", "REMINDER")
                    .containsEntry("seq", 2)
                    .containsEntry("state", "SENT")
                    .containsEntry("post_ts", "1.000100")
                    .containsEntry("attempt_started_at", null);
            assertThat(rows.get(1)).containsEntry("kind", "PING_LOG").containsEntry("detail", "last lines");
            db.jdbi()
                    .useHandle(
                            h -> h.execute(
                                    """
                    INSERT INTO followups (kind, channel, state, next_attempt_at, created_at, attempt_started_at)
                    VALUES ('SOMETHING_NEW', 'C1', 'PENDING', 1, 1, 1)"""));
            assertThatThrownBy(
                            () -> db.jdbi()
                                    .useHandle(
                                            h -> h.execute(
                                                    """
                            INSERT INTO followups (kind, channel, state, next_attempt_at, created_at)
                            VALUES ('REMINDER', 'C1', 'LOST', 1, 1)""")))
                    .hasMessageContaining("CHECK");
            int indexes = db.jdbi().withHandle(h -> h.createQuery(
                            "SELECT count(*) FROM sqlite_master WHERE tbl_name = 'followups' AND type = 'index'"
                                    + " AND name LIKE 'followups_%'")
                    .mapTo(Integer.class)
                    .one());
            assertThat(indexes).isEqualTo(3);
        }
    }
}
