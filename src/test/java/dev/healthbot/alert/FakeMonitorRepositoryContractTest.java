package dev.healthbot.alert;

import dev.healthbot.monitor.MonitorRepository;
import dev.healthbot.monitor.MonitorRepositoryContract;

class FakeMonitorRepositoryContractTest extends MonitorRepositoryContract {

    private final FakeMonitorRepository monitors = new FakeMonitorRepository();

    @Override
    protected MonitorRepository monitors() {
        return monitors;
    }
}
