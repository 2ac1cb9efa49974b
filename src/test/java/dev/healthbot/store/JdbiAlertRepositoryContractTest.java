package dev.healthbot.store;

import dev.healthbot.alert.AlertRepository;
import dev.healthbot.alert.AlertRepositoryContract;
import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.Origin;
import dev.healthbot.monitor.Status;
import dev.healthbot.monitor.StatusChange;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

class JdbiAlertRepositoryContractTest extends AlertRepositoryContract {

    @TempDir
    Path dir;

    Database db;
    JdbiStatusRepository status;
    JdbiMonitorRepository monitors;
    JdbiAlertRepository alerts;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("healthbot.db"));
        status = new JdbiStatusRepository(db);
        monitors = new JdbiMonitorRepository(db, status::forget);
        alerts = new JdbiAlertRepository(db);
    }

    @AfterEach
    void close() {
        status.close();
        db.close();
    }

    @Override
    protected AlertRepository alerts() {
        return alerts;
    }

    @Override
    protected Monitor server(String name) {
        return monitors.add(settings(name), Origin.SLACK, "U1", T0);
    }

    @Override
    protected StatusChange flip(Monitor m, Status from, Status to, Instant at, Instant downSince) {
        return JdbiAlertRepositoryTest.flip(db, m, from, to, at, downSince);
    }
}
