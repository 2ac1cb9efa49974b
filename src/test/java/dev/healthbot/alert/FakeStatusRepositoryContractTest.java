package dev.healthbot.alert;

import dev.healthbot.monitor.MonitorRepository;
import dev.healthbot.monitor.StatusRepository;
import dev.healthbot.monitor.StatusRepositoryContract;

class FakeStatusRepositoryContractTest extends StatusRepositoryContract {

    private final FakeMonitorRepository monitors = new FakeMonitorRepository();
    private final FakeStatusRepository status = new FakeStatusRepository(monitors);

    @Override
    protected MonitorRepository monitors() {
        return monitors;
    }

    @Override
    protected StatusRepository status() {
        return status;
    }
}
