package dev.healthbot.store;

import dev.healthbot.monitor.MonitorRepository;
import dev.healthbot.monitor.MonitorRepositoryContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

class JdbiMonitorRepositoryContractTest extends MonitorRepositoryContract {

    @TempDir
    Path dir;

    Database db;
    JdbiMonitorRepository monitors;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("healthbot.db"));
        monitors = new JdbiMonitorRepository(db, removed -> {});
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Override
    protected MonitorRepository monitors() {
        return monitors;
    }
}
