package dev.healthbot.store;

import dev.healthbot.alert.AlertRepository;
import dev.healthbot.alert.AlertRepositoryContract;
import dev.healthbot.alert.ResponseRepository;
import dev.healthbot.alert.ResponseRepositoryContract;
import dev.healthbot.alert.SubscriptionRepository;
import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.Origin;
import dev.healthbot.monitor.Status;
import dev.healthbot.monitor.StatusChange;
import java.time.Instant;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbiResponseRepositoryContractTest extends ResponseRepositoryContract {

    @RegisterExtension
    final SqliteStore store = new SqliteStore();

    private JdbiResponseRepository responses;

    @Override
    protected ResponseRepository responses() {
        if (responses == null) {
            responses = new JdbiResponseRepository(store.db);
        }
        return responses;
    }

    @Override
    protected AlertRepository alerts() {
        return store.alerts;
    }

    @Override
    protected SubscriptionRepository subscriptions() {
        return store.subscriptions;
    }

    @Override
    protected Monitor server(String name) {
        return store.monitors.add(AlertRepositoryContract.settings(name), Origin.SLACK, "U1", T0);
    }

    @Override
    protected StatusChange flip(Monitor m, Status from, Status to, Instant at, Instant downSince) {
        return JdbiAlertRepositoryTest.flip(store.db, m, from, to, at, downSince);
    }
}
