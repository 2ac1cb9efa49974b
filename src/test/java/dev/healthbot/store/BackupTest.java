package dev.healthbot.store;

import static dev.healthbot.store.Servers.T0;
import static dev.healthbot.store.Servers.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.healthbot.monitor.Origin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupTest {

    @TempDir
    Path dir;

    Database db;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("healthbot.db"));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void backupsTakenWhileTheStoreWritesAreConsistentSnapshotsThatPassTheIntegrityCheck() throws Exception {
        JdbiMonitorRepository monitors = new JdbiMonitorRepository(db, removed -> {});
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger added = new AtomicInteger();
        // Counted before the write starts: a copy may hold a transaction that committed but was not yet counted in
        // `added`, never one that had not started.
        AtomicInteger started = new AtomicInteger();
        CountDownLatch loaded = new CountDownLatch(200);
        // Set after the last backup: the writers count it down, so the test sees them go on without timing them.
        AtomicReference<CountDownLatch> afterBackups = new AtomicReference<>();
        ExecutorService writers = Executors.newFixedThreadPool(3);
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            int writer = w;
            running.add(writers.submit(() -> {
                for (int i = 0; !stop.get(); i++) {
                    // one transaction: the server, its state and its audit row
                    started.incrementAndGet();
                    monitors.add(settings("load-" + writer + "-" + i), Origin.SLACK, "U1", T0);
                    added.incrementAndGet();
                    loaded.countDown();
                    CountDownLatch after = afterBackups.get();
                    if (after != null) {
                        after.countDown();
                    }
                }
                return null;
            }));
        }
        try {
            assertThat(loaded.await(30, TimeUnit.SECONDS))
                    .as("200 writes before the first backup")
                    .isTrue();
            long previous = 0;
            for (int b = 0; b < 5; b++) {
                int before = added.get();
                Backup.Copy copy = Backup.copy(db.file(), dir.resolve("backup-" + b + ".db"));
                int after = started.get();
                assertThat(copy.bytes()).isEqualTo(Files.size(copy.file()));
                try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy.file())) {
                    assertThat(query(c, "PRAGMA integrity_check")).isEqualTo("ok");
                    long servers = Long.parseLong(query(c, "SELECT count(*) FROM monitors"));
                    // every transaction is in the copy whole or not at all
                    assertThat(query(c, "SELECT count(*) FROM monitor_state")).isEqualTo(String.valueOf(servers));
                    assertThat(query(c, "SELECT count(*) FROM audit_log WHERE action = 'monitor.add'"))
                            .isEqualTo(String.valueOf(servers));
                    assertThat(query(c, "SELECT count(*) FROM schema_migrations"))
                            .isNotEqualTo("0");
                    assertThat(servers).isBetween((long) before, (long) after).isGreaterThanOrEqualTo(previous);
                    previous = servers;
                }
            }
            CountDownLatch more = new CountDownLatch(3);
            afterBackups.set(more);
            assertThat(more.await(30, TimeUnit.SECONDS))
                    .as("the writers go on writing after the backups")
                    .isTrue();
            assertThat(added.get()).isGreaterThan((int) previous);
        } finally {
            stop.set(true);
            writers.shutdown();
            assertThat(writers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        for (Future<?> f : running) {
            f.get(); // no writer failed (no SQLITE_BUSY because of a backup)
        }
    }

    @Test
    void anExistingFileIsNeverOverwritten() throws Exception {
        Path target = dir.resolve("taken.db");
        Files.writeString(target, "keep me");
        assertThatThrownBy(() -> Backup.copy(db.file(), target))
                .isInstanceOf(BackupException.class)
                .hasMessage(target.toAbsolutePath() + " already exists; backup never overwrites a file");
        assertThat(Files.readString(target)).isEqualTo("keep me");
    }

    @Test
    void aMissingDatabaseIsNamedAndNoFileIsWritten() {
        Path target = dir.resolve("copy.db");
        Path missing = dir.resolve("nowhere.db");
        assertThatThrownBy(() -> Backup.copy(missing, target))
                .isInstanceOf(BackupException.class)
                .hasMessageContaining("no database at " + missing.toAbsolutePath());
        assertThat(missing).doesNotExist();
        assertThat(target).doesNotExist();
    }

    @Test
    void aMissingFolderIsNamed() {
        Path target = dir.resolve("no-such-folder").resolve("copy.db");
        assertThatThrownBy(() -> Backup.copy(db.file(), target))
                .isInstanceOf(BackupException.class)
                .hasMessage("no folder " + target.getParent().toAbsolutePath() + " for copy.db");
    }

    private static String query(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}
