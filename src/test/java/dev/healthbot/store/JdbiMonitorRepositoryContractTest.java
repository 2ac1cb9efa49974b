package dev.healthbot.store;

import dev.healthbot.monitor.MonitorRepository;
import dev.healthbot.monitor.MonitorRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbiMonitorRepositoryContractTest extends MonitorRepositoryContract {

    @RegisterExtension
    final SqliteStore store = new SqliteStore();

    @Override
    protected MonitorRepository monitors() {
        return store.monitors;
    }
}
