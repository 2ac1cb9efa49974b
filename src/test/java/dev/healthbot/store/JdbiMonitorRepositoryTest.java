package dev.healthbot.store;

import static dev.healthbot.store.Servers.T0;
import static dev.healthbot.store.Servers.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.healthbot.monitor.Environment;
import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.MonitorSettings;
import dev.healthbot.monitor.MonitorState;
import dev.healthbot.monitor.NameTakenException;
import dev.healthbot.monitor.Origin;
import dev.healthbot.monitor.ProbeResult;
import dev.healthbot.monitor.Status;
import dev.healthbot.monitor.StatusCodes;
import dev.healthbot.monitor.Target;
import dev.healthbot.monitor.Thresholds;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbiMonitorRepositoryTest {

    @TempDir
    Path dir;

    Database db;
    JdbiMonitorRepository monitors;
    JdbiStatusRepository status;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("healthbot.db"));
        status = new JdbiStatusRepository(db);
        monitors = new JdbiMonitorRepository(db, status::forget);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void anAddedServerHasAPendingStateInTheSameTransaction() {
        Monitor added = monitors.add(settings("Api-Live"), Origin.SLACK, "U123", T0);

        assertThat(count("monitor_state")).isEqualTo(1);
        assertThat(status.state(added.id())).contains(MonitorState.pending(T0));
    }

    @Test
    void aNameClashSavesNoStateAndNoAuditRow() {
        monitors.add(settings("api"), Origin.SLACK, "U1", T0);

        assertThatThrownBy(() -> monitors.add(settings("API"), Origin.FILE, "U2", T0))
                .isInstanceOf(NameTakenException.class)
                .hasMessageContaining("API");

        assertThat(monitors.all()).hasSize(1);
        assertThat(status.allStates()).hasSize(1);
        assertThat(auditActions()).containsExactly("monitor.add");
    }

    @Test
    void anUpdateKeepsTheStateAndResults() {
        Monitor added = monitors.add(settings("api"), Origin.SLACK, "U1", T0);
        MonitorState state = new MonitorState(Status.UP, T0.plusSeconds(5), 0, 1, Servers.up(T0.plusSeconds(5)));
        status.record(added.id(), Servers.up(T0.plusSeconds(5)), state, null);
        MonitorSettings renamed = new MonitorSettings(
                "web",
                Target.parse("http://127.0.0.1:1/"),
                Environment.STAGE,
                Duration.ofMinutes(5),
                Duration.ofMillis(1500),
                StatusCodes.parse("204"),
                new Thresholds(1, 1),
                false);

        Monitor updated = monitors.update(added.id(), renamed, Origin.FILE, "U2", T0.plusSeconds(60));

        assertThat(updated.id()).isEqualTo(added.id());
        assertThat(status.state(added.id())).contains(state);
        assertThat(status.recentResults(added.id(), 10)).hasSize(1);
    }

    @Test
    void removingAServerDeletesItsStateAndResultsButKeepsItsStatusChanges() {
        Monitor api = monitors.add(settings("api"), Origin.SLACK, "U1", T0);
        ProbeResult down = Servers.down(T0.plusSeconds(1));
        MonitorState state = new MonitorState(Status.DOWN, down.at(), 1, 0, down);
        var change = status.record(
                api.id(),
                down,
                state,
                new dev.healthbot.monitor.StatusChange(
                        0, api.id(), Status.PENDING, Status.DOWN, down.at(), down.failure(), down.detail(), 1, null));

        assertThat(monitors.remove(api.id(), "U9", T0.plusSeconds(2))).isTrue();

        assertThat(monitors.findById(api.id())).isEmpty();
        assertThat(status.state(api.id())).isEmpty();
        assertThat(status.recentResults(api.id(), 10)).isEmpty();
        assertThat(count("probe_results")).isZero();
        assertThat(count("monitor_state")).isZero();
        assertThat(new JdbiAlertRepository(db).pendingChanges(10)).containsExactly(change);
        String name = db.jdbi().withHandle(h -> h.createQuery("SELECT monitor_name FROM status_changes WHERE id = ?")
                .bind(0, change.id())
                .mapTo(String.class)
                .one());
        assertThat(name).isEqualTo("api");
        assertThat(monitors.remove(api.id(), "U9", T0)).isFalse();
    }

    @Test
    void everyChangeIsAuditedWithItsActorAndNoSecret() {
        Monitor api = monitors.add(settings("api"), Origin.SLACK, "U1", T0);
        monitors.update(api.id(), settings("web"), Origin.SLACK, "U2", T0.plusSeconds(1));
        monitors.remove(api.id(), "U3", T0.plusSeconds(2));

        List<Map<String, Object>> audit = db.jdbi()
                .withHandle(h -> h.createQuery("SELECT at, actor, action, subject, detail FROM audit_log ORDER BY id")
                        .mapToMap()
                        .list());

        assertThat(audit).extracting(r -> r.get("actor")).containsExactly("U1", "U2", "U3");
        assertThat(audit)
                .extracting(r -> r.get("action"))
                .containsExactly("monitor.add", "monitor.update", "monitor.remove");
        assertThat(audit).extracting(r -> r.get("subject")).containsOnly("monitor:" + api.id());
        assertThat(audit)
                .extracting(r -> ((Number) r.get("at")).longValue())
                .containsExactly(T0.toEpochMilli(), T0.toEpochMilli() + 1000, T0.toEpochMilli() + 2000);
        assertThat((String) audit.get(1).get("detail")).startsWith("renamed from api; name=web");
        assertThat(audit)
                .extracting(r -> (String) r.get("detail"))
                .noneMatch(d -> d.contains("s3cret") || d.contains("abc"));
    }

    private List<String> auditActions() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT action FROM audit_log ORDER BY id")
                .mapTo(String.class)
                .list());
    }

    private int count(String table) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + table)
                .mapTo(Integer.class)
                .one());
    }
}
