package dev.healthbot.store;

import static dev.healthbot.store.Servers.T0;
import static dev.healthbot.store.Servers.settings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.MonitorState;
import dev.healthbot.monitor.Origin;
import dev.healthbot.monitor.ProbeResult;
import dev.healthbot.monitor.Status;
import dev.healthbot.monitor.StatusChange;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestartTest {

    @TempDir
    Path dir;

    @Test
    void serversStatesResultsAndChangesSurviveARestart() {
        Path file = dir.resolve("healthbot.db");
        List<Monitor> monitorsBefore;
        Map<Long, MonitorState> statesBefore;
        List<ProbeResult> resultsBefore;
        List<StatusChange> changesBefore;
        long apiId;
        try (Database db = Database.open(file)) {
            JdbiMonitorRepository monitors = new JdbiMonitorRepository(db, removed -> {});
            JdbiStatusRepository status = new JdbiStatusRepository(db);
            Monitor api = monitors.add(settings("api"), Origin.SLACK, "U1", T0);
            monitors.add(settings("web"), Origin.FILE, "U1", T0);
            apiId = api.id();
            ProbeResult down = Servers.down(T0.plusSeconds(3));
            status.record(
                    api.id(),
                    down,
                    new MonitorState(Status.DOWN, down.at(), 3, 0, down),
                    new StatusChange(
                            0, api.id(), Status.UP, Status.DOWN, down.at(), down.failure(), down.detail(), 3, null));
            monitorsBefore = monitors.all();
            statesBefore = status.allStates();
            resultsBefore = status.recentResults(api.id(), 10);
            changesBefore = new JdbiAlertRepository(db).pendingChanges(10);
        }

        try (Database db = Database.open(file)) {
            JdbiMonitorRepository monitors = new JdbiMonitorRepository(db, removed -> {});
            JdbiStatusRepository status = new JdbiStatusRepository(db);
            assertThat(monitors.all()).isEqualTo(monitorsBefore);
            assertThat(status.allStates()).isEqualTo(statesBefore);
            assertThat(status.state(apiId)).contains(statesBefore.get(apiId));
            assertThat(status.recentResults(apiId, 10)).isEqualTo(resultsBefore);
            assertThat(new JdbiAlertRepository(db).pendingChanges(10))
                    .isEqualTo(changesBefore)
                    .hasSize(1);
        }
    }
}
