package dev.healthbot.alert;

import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.Origin;
import dev.healthbot.monitor.Status;
import dev.healthbot.monitor.StatusChange;
import java.time.Instant;

class FakeAlertRepositoryContractTest extends AlertRepositoryContract {

    private final FakeMonitorRepository monitors = new FakeMonitorRepository();
    private final FakeAlertRepository alerts = new FakeAlertRepository();

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
        return alerts.record(change(m, from, to, at, downSince));
    }
}
