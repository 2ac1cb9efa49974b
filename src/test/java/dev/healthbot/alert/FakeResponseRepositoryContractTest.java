package dev.healthbot.alert;

import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.Origin;
import dev.healthbot.monitor.Status;
import dev.healthbot.monitor.StatusChange;
import java.time.Instant;

class FakeResponseRepositoryContractTest extends ResponseRepositoryContract {

    private final FakeMonitorRepository monitors = new FakeMonitorRepository();
    private final FakeAlertRepository alerts = new FakeAlertRepository();
    private final FakeSubscriptionRepository subscriptions = new FakeSubscriptionRepository();
    private final FakeResponseRepository responses = new FakeResponseRepository(alerts, subscriptions);

    @Override
    protected ResponseRepository responses() {
        return responses;
    }

    @Override
    protected AlertRepository alerts() {
        return alerts;
    }

    @Override
    protected SubscriptionRepository subscriptions() {
        return subscriptions;
    }

    @Override
    protected Monitor server(String name) {
        return monitors.add(AlertRepositoryContract.settings(name), Origin.SLACK, "U1", T0);
    }

    @Override
    protected StatusChange flip(Monitor m, Status from, Status to, Instant at, Instant downSince) {
        return alerts.record(AlertRepositoryContract.change(m, from, to, at, downSince));
    }
}
