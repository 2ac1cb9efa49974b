package dev.healthbot.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit extension giving each test a real SQLite file, opened through the real migrations in a
 * fresh folder, with the repositories wired as the bot wires them; closed and deleted after the test.
 */
public final class SqliteStore implements BeforeEachCallback, AfterEachCallback {

    Path dir;
    Database db;
    JdbiStatusRepository status;
    JdbiMonitorRepository monitors;
    JdbiAlertRepository alerts;
    JdbiSubscriptionRepository subscriptions;

    /** The test's database. */
    public Database db() {
        return db;
    }

    public JdbiStatusRepository status() {
        return status;
    }

    public JdbiMonitorRepository monitors() {
        return monitors;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("healthbot-store");
        db = Database.open(dir.resolve("healthbot.db"));
        status = new JdbiStatusRepository(db);
        monitors = new JdbiMonitorRepository(db, status::forget);
        alerts = new JdbiAlertRepository(db);
        subscriptions = new JdbiSubscriptionRepository(db);
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        status.close();
        db.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.delete(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
