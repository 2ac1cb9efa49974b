package dev.healthbot.store;

import dev.healthbot.monitor.MonitorRepository;
import dev.healthbot.monitor.StatusRepository;
import dev.healthbot.monitor.StatusRepositoryContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

class JdbiStatusRepositoryContractTest extends StatusRepositoryContract {

    @TempDir
    Path dir;

    Database db;
    JdbiMonitorRepository monitors;
    JdbiStatusRepository status;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("healthbot.db"));
        status = new JdbiStatusRepository(db);
        monitors = new JdbiMonitorRepository(db, status::forget);
    }

    @AfterEach
    void close() {
        status.close();
        db.close();
    }

    @Override
    protected MonitorRepository monitors() {
        return monitors;
    }

    @Override
    protected StatusRepository status() {
        return status;
    }
}
