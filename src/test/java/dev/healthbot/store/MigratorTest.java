package dev.healthbot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigratorTest {

    @TempDir
    Path dir;

    @Test
    void aFreshFileIsCreatedWithItsFoldersAndMigrated() throws IOException {
        Path file = dir.resolve("data/nested/healthbot.db");
        try (Database db = Database.open(file)) {
            List<String> tables = db.jdbi()
                    .withHandle(h -> h.createQuery("SELECT name FROM sqlite_master WHERE type = 'table'")
                            .mapTo(String.class)
                            .list());
            assertThat(tables)
                    .contains(
                            "schema_migrations",
                            "monitors",
                            "monitor_state",
                            "probe_results",
                            "status_changes",
                            "audit_log");
            List<Map<String, Object>> applied = migrations(db);
            long files;
            try (var list = java.nio.file.Files.list(java.nio.file.Path.of("db"))) {
                files = list.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql"))
                        .count();
            }
            assertThat(applied).hasSize((int) files);
            assertThat(applied.get(0)).containsEntry("version", 1).containsEntry("description", "init");
            assertThat((String) applied.get(0).get("checksum")).hasSize(64);
        }
        assertThat(file).exists();
    }

    @Test
    void aSecondOpenAppliesNothingAndKeepsTheData() {
        Path file = dir.resolve("healthbot.db");
        List<Map<String, Object>> first;
        try (Database db = Database.open(file)) {
            new JdbiMonitorRepository(db, removed -> {})
                    .add(Servers.settings("api"), dev.healthbot.monitor.Origin.SLACK, "U1", Servers.T0);
            first = migrations(db);
        }
        try (Database db = Database.open(file)) {
            assertThat(migrations(db)).isEqualTo(first);
            assertThat(new JdbiMonitorRepository(db, removed -> {}).findByName("api"))
                    .isPresent();
        }
    }

    @Test
    void everyConnectionHasThePragmas() {
        try (Database db = Database.open(dir.resolve("healthbot.db"))) {
            // Hold three handles at once so that three distinct connections are checked.
            try (Handle a = db.jdbi().open();
                    Handle b = db.jdbi().open();
                    Handle c = db.jdbi().open()) {
                assertThat(a.getConnection()).isNotSameAs(b.getConnection());
                for (Handle h : List.of(a, b, c)) {
                    assertThat(pragma(h, "foreign_keys")).isEqualTo("1");
                    assertThat(pragma(h, "journal_mode")).isEqualTo("wal");
                    assertThat(pragma(h, "busy_timeout")).isEqualTo("10000");
                    assertThat(pragma(h, "synchronous")).isEqualTo("1"); // NORMAL
                }
            }
        }
    }

    @Test
    void anEditedMigrationIsRefusedNamingTheFile() throws IOException {
        Path migrations = Files.createDirectory(dir.resolve("db"));
        Path v1 = migrations.resolve("V1__init.sql");
        Files.writeString(v1, "CREATE TABLE t (id INTEGER PRIMARY KEY);\n");
        Path file = dir.resolve("healthbot.db");
        Database.open(file, Migrator.fromDirectory(migrations)).close();

        Files.writeString(v1, "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT);\n");

        assertThatThrownBy(() -> Database.open(file, Migrator.fromDirectory(migrations)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith(
                        "migration V1__init.sql was edited after it was applied; add a new migration instead");
    }

    @Test
    void lineEndingsDoNotChangeTheChecksum() {
        assertThat(Migrator.Migration.of("V1__a.sql", "SELECT 1;\r\nSELECT 2;\r\n")
                        .checksum())
                .isEqualTo(Migrator.Migration.of("V1__a.sql", "SELECT 1;\nSELECT 2;\n")
                        .checksum());
    }

    @Test
    void aNewMigrationIsAppliedOnTheNextStartAndTheOldOnesAreNot() throws IOException {
        Path migrations = Files.createDirectory(dir.resolve("db"));
        Files.writeString(migrations.resolve("V1__first.sql"), "CREATE TABLE a (id INTEGER PRIMARY KEY);\n");
        Path file = dir.resolve("healthbot.db");
        Database.open(file, Migrator.fromDirectory(migrations)).close();
        Files.writeString(
                migrations.resolve("V10__tenth.sql"), "CREATE TABLE c (id INTEGER);\nINSERT INTO c VALUES (10);\n");
        Files.writeString(migrations.resolve("V2__second.sql"), "CREATE TABLE b (id INTEGER);\n");

        try (Database db = Database.open(file, Migrator.fromDirectory(migrations))) {
            assertThat(migrations(db)).extracting(m -> m.get("version")).containsExactly(1, 2, 10);
            assertThat(migrations(db))
                    .extracting(m -> m.get("description"))
                    .containsExactly("first", "second", "tenth");
        }
    }

    @Test
    void aFailingMigrationLeavesNoTrace() throws IOException {
        Path migrations = Files.createDirectory(dir.resolve("db"));
        Files.writeString(migrations.resolve("V1__first.sql"), "CREATE TABLE a (id INTEGER PRIMARY KEY);\n");
        Files.writeString(
                migrations.resolve("V2__broken.sql"),
                "CREATE TABLE b (id INTEGER);\nINSERT INTO nowhere VALUES (1);\n");
        Path file = dir.resolve("healthbot.db");

        assertThatThrownBy(() -> Database.open(file, Migrator.fromDirectory(migrations)))
                .hasMessageContaining("migration V2__broken.sql failed");

        Files.delete(migrations.resolve("V2__broken.sql"));
        try (Database db = Database.open(file, Migrator.fromDirectory(migrations))) {
            assertThat(migrations(db)).extracting(m -> m.get("version")).containsExactly(1);
            int tablesNamedB = db.jdbi()
                    .withHandle(h -> h.createQuery("SELECT count(*) FROM sqlite_master WHERE name = 'b'")
                            .mapTo(Integer.class)
                            .one());
            assertThat(tablesNamedB).isZero();
        }
    }

    @Test
    void aDatabaseFromANewerBuildIsRefused() throws IOException {
        Path migrations = Files.createDirectory(dir.resolve("db"));
        Files.writeString(migrations.resolve("V1__first.sql"), "CREATE TABLE a (id INTEGER PRIMARY KEY);\n");
        Files.writeString(migrations.resolve("V2__second.sql"), "CREATE TABLE b (id INTEGER);\n");
        Path file = dir.resolve("healthbot.db");
        Database.open(file, Migrator.fromDirectory(migrations)).close();
        Files.delete(migrations.resolve("V2__second.sql"));

        assertThatThrownBy(() -> Database.open(file, Migrator.fromDirectory(migrations)))
                .hasMessageContaining("migration V2 which this build does not know");
    }

    @Test
    void migrationsAreFoundInsideAJar() throws IOException {
        Path jar = dir.resolve("app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("db/"));
            out.closeEntry();
            put(out, "db/V2__second.sql", "CREATE TABLE b (id INTEGER);\n");
            put(out, "db/V1__first.sql", "CREATE TABLE a (id INTEGER);\n");
            put(out, "db/nested/V3__ignored.sql", "CREATE TABLE c (id INTEGER);\n");
            put(out, "other/V4__ignored.sql", "CREATE TABLE d (id INTEGER);\n");
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            List<Migrator.Migration> found = Migrator.fromClasspath(loader, "db");
            assertThat(found)
                    .extracting(Migrator.Migration::fileName)
                    .containsExactly("V1__first.sql", "V2__second.sql");
        }
    }

    @Test
    void thePackagedMigrationsAreFoundOnTheClasspath() {
        List<Migrator.Migration> found = Migrator.fromClasspath(getClass().getClassLoader(), Migrator.FOLDER);
        // Listed by name (V12 before V1__): the migrator orders them by number when it applies them.
        assertThat(found).extracting(Migrator.Migration::fileName).contains("V1__init.sql");
    }

    @Test
    void statementsSplitAtSemicolonsThatEndALineAndKeepTriggerBodiesWhole() {
        String sql =
                """
                -- a comment; with a semicolon;
                CREATE TABLE a (id INTEGER, note TEXT DEFAULT 'x;y');

                CREATE TRIGGER a_touch AFTER INSERT ON a
                BEGIN
                    UPDATE a SET note = 'z' WHERE id = new.id;
                    DELETE FROM a WHERE id < 0;
                END;
                INSERT INTO a (id) VALUES (1);
                """;
        List<String> statements = Migrator.statements(sql);
        assertThat(statements).hasSize(3);
        assertThat(statements.get(0)).isEqualTo("CREATE TABLE a (id INTEGER, note TEXT DEFAULT 'x;y');");
        assertThat(statements.get(1)).startsWith("CREATE TRIGGER").endsWith("END;");
        assertThat(statements.get(2)).isEqualTo("INSERT INTO a (id) VALUES (1);");
    }

    @Test
    void aMigrationWithATriggerRuns() throws IOException {
        Path migrations = Files.createDirectory(dir.resolve("db"));
        Files.writeString(
                migrations.resolve("V1__trigger.sql"),
                """
                CREATE TABLE a (id INTEGER PRIMARY KEY, touched INTEGER NOT NULL DEFAULT 0);
                CREATE TRIGGER a_touch AFTER INSERT ON a
                BEGIN
                    UPDATE a SET touched = 1 WHERE id = new.id;
                END;
                """);
        try (Database db = Database.open(dir.resolve("healthbot.db"), Migrator.fromDirectory(migrations))) {
            int touched = db.write(h -> {
                h.execute("INSERT INTO a (id) VALUES (7)");
                return h.createQuery("SELECT touched FROM a WHERE id = 7")
                        .mapTo(Integer.class)
                        .one();
            });
            assertThat(touched).isEqualTo(1);
        }
    }

    private static void put(JarOutputStream out, String name, String text) throws IOException {
        out.putNextEntry(new JarEntry(name));
        OutputStream o = out;
        o.write(text.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }

    private static String pragma(Handle h, String name) {
        return h.createQuery("PRAGMA " + name).mapTo(String.class).one();
    }

    private static List<Map<String, Object>> migrations(Database db) {
        return db.jdbi().withHandle(h -> h.createQuery(
                        "SELECT version, description, checksum, applied_at FROM schema_migrations ORDER BY version")
                .mapToMap()
                .list());
    }
}
