package dev.healthbot.store;

import dev.healthbot.monitor.MonitorRepository;
import dev.healthbot.monitor.StatusRepository;
import dev.healthbot.monitor.StatusRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbiStatusRepositoryContractTest extends StatusRepositoryContract {

    @RegisterExtension
    final SqliteStore store = new SqliteStore();

    @Override
    protected MonitorRepository monitors() {
        return store.monitors;
    }

    @Override
    protected StatusRepository status() {
        return store.status;
    }
}
