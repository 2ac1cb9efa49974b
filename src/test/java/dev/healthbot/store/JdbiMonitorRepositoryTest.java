package dev.healthbot.store;

import static dev.healthbot.store.Servers.T0;
import static dev.healthbot.store.Servers.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.MonitorSettings;
import dev.healthbot.monitor.MonitorState;
import dev.healthbot.monitor.NameTakenException;
import dev.healthbot.monitor.Origin;
import dev.healthbot.monitor.ProbeResult;
import dev.healthbot.monitor.Status;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbiMonitorRepositoryTest {

    @RegisterExtension
    final SqliteStore store = new SqliteStore();

    @Test
    void anAddedServerHasAPendingStateInTheSameTransaction() {
        Monitor added = store.monitors.add(settings("Api-Live"), Origin.SLACK, "U123", T0);

        assertThat(count("monitor_state")).isEqualTo(1);
        assertThat(store.status.state(added.id())).contains(MonitorState.pending(T0));
    }

    @Test
    void aNameClashSavesNoStateAndNoAuditRow() {
        store.monitors.add(settings("api"), Origin.SLACK, "U1", T0);

        assertThatThrownBy(() -> store.monitors.add(settings("API"), Origin.FILE, "U2", T0))
                .isInstanceOf(NameTakenException.class)
                .hasMessageContaining("API");

        assertThat(store.monitors.all()).hasSize(1);
        assertThat(store.status.allStates()).hasSize(1);
        assertThat(auditActions()).containsExactly("monitor.add");
    }

    @Test
    void anUpdateKeepsTheStateAndResults() {
        Monitor added = store.monitors.add(settings("api"), Origin.SLACK, "U1", T0);
        MonitorState state = new MonitorState(Status.UP, T0.plusSeconds(5), 0, 1, Servers.up(T0.plusSeconds(5)));
        store.status.record(added.id(), Servers.up(T0.plusSeconds(5)), state, null);
        MonitorSettings renamed = settings("web").withAlerts(false);

        Monitor updated = store.monitors.update(added.id(), renamed, Origin.FILE, "U2", T0.plusSeconds(60));

        assertThat(updated.id()).isEqualTo(added.id());
        assertThat(store.status.state(added.id())).contains(state);
        assertThat(store.status.recentResults(added.id(), 10)).hasSize(1);
    }

    @Test
    void removingAServerDeletesItsStateAndResultsButKeepsItsStatusChanges() {
        Monitor api = store.monitors.add(settings("api"), Origin.SLACK, "U1", T0);
        ProbeResult down = Servers.down(T0.plusSeconds(1));
        MonitorState state = new MonitorState(Status.DOWN, down.at(), 1, 0, down);
        var change = store.status.record(
                api.id(),
                down,
                state,
                new dev.healthbot.monitor.StatusChange(
                        0, api.id(), Status.PENDING, Status.DOWN, down.at(), down.failure(), down.detail(), 1, null));

        assertThat(store.monitors.remove(api.id(), "U9", T0.plusSeconds(2))).isTrue();

        assertThat(store.monitors.findById(api.id())).isEmpty();
        assertThat(store.status.state(api.id())).isEmpty();
        assertThat(store.status.recentResults(api.id(), 10)).isEmpty();
        assertThat(count("probe_results")).isZero();
        assertThat(count("monitor_state")).isZero();
        assertThat(new JdbiAlertRepository(store.db).pendingChanges(10)).containsExactly(change);
        String name = store.db.jdbi().withHandle(h -> h.createQuery(
                        "SELECT monitor_name FROM status_changes WHERE id = ?")
                .bind(0, change.id())
                .mapTo(String.class)
                .one());
        assertThat(name).isEqualTo("api");
        assertThat(store.monitors.remove(api.id(), "U9", T0)).isFalse();
    }

    @Test
    void everyChangeIsAuditedWithItsActorAndNoSecret() {
        Monitor api = store.monitors.add(settings("api"), Origin.SLACK, "U1", T0);
        store.monitors.update(api.id(), settings("web"), Origin.SLACK, "U2", T0.plusSeconds(1));
        store.monitors.remove(api.id(), "U3", T0.plusSeconds(2));

        List<Map<String, Object>> audit = store.db.jdbi().withHandle(h -> h.createQuery(
                        "SELECT at, actor, action, subject, detail FROM audit_log ORDER BY id")
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
        return store.db.jdbi().withHandle(h -> h.createQuery("SELECT action FROM audit_log ORDER BY id")
                .mapTo(String.class)
                .list());
    }

    private int count(String table) {
        return store.db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + table)
                .mapTo(Integer.class)
                .one());
    }
}
