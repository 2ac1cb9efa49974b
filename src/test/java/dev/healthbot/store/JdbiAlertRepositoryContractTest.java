package dev.healthbot.store;

import dev.healthbot.alert.AlertRepository;
import dev.healthbot.alert.AlertRepositoryContract;
import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.Origin;
import dev.healthbot.monitor.Status;
import dev.healthbot.monitor.StatusChange;
import java.time.Instant;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbiAlertRepositoryContractTest extends AlertRepositoryContract {

    @RegisterExtension
    final SqliteStore store = new SqliteStore();

    @Override
    protected AlertRepository alerts() {
        return store.alerts;
    }

    @Override
    protected Monitor server(String name) {
        return store.monitors.add(settings(name), Origin.SLACK, "U1", T0);
    }

    @Override
    protected StatusChange flip(Monitor m, Status from, Status to, Instant at, Instant downSince) {
        return JdbiAlertRepositoryTest.flip(store.db, m, from, to, at, downSince);
    }
}
