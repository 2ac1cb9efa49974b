package dev.healthbot.store;

import static dev.healthbot.store.Servers.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.healthbot.monitor.DeadlineIndex;
import dev.healthbot.monitor.Environment;
import dev.healthbot.monitor.HeartbeatRecord;
import dev.healthbot.monitor.HeartbeatService;
import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.MonitorSettings;
import dev.healthbot.monitor.Origin;
import dev.healthbot.monitor.Ping;
import dev.healthbot.monitor.PingKey;
import dev.healthbot.monitor.Status;
import dev.healthbot.monitor.StatusChange;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Heartbeats through a real SQLite file and the real migrations (V6). */
class JdbiHeartbeatRepositoryTest {

    @RegisterExtension
    final SqliteStore store = new SqliteStore();

    static MonitorSettings heartbeat(String name) {
        return MonitorSettings.heartbeat(
                name,
                Environment.LIVE,
                Duration.ofMinutes(1),
                Duration.ofMinutes(1),
                MonitorSettings.HEARTBEAT_THRESHOLDS,
                true);
    }

    @Test
    void aHeartbeatIsSavedAndReadBackWithItsKindPeriodAndGrace() {
        Monitor m = store.monitors.add(heartbeat("backup"), Origin.SLACK, "U1", T0);
        Monitor read = store.monitors.findById(m.id()).orElseThrow();
        assertThat(read.settings()).isEqualTo(m.settings());
        assertThat(read.settings().heartbeat()).isTrue();
        assertThat(read.settings().period()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void aRecordIsCreatedOnceFoundByItsKeyUpdatedAndGoesWithItsServer() {
        JdbiHeartbeatRepository beats = new JdbiHeartbeatRepository(store.db);
        Monitor m = store.monitors.add(heartbeat("backup"), Origin.SLACK, "U1", T0);
        PingKey key = PingKey.generate();
        HeartbeatRecord created = beats.create(HeartbeatRecord.fresh(m.id(), key, T0));
        assertThat(beats.create(HeartbeatRecord.fresh(m.id(), PingKey.generate(), T0)))
                .isEqualTo(created);
        assertThat(beats.findByKey(key.value())).contains(created);
        assertThat(beats.findByKey(PingKey.generate().value())).isEmpty();

        HeartbeatRecord heard = new HeartbeatRecord(
                m.id(),
                key,
                T0,
                T0.plusSeconds(5),
                null,
                Duration.ofSeconds(3),
                2,
                "é".repeat(5000),
                T0.plusSeconds(125));
        assertThat(beats.save(heard)).isTrue();
        assertThat(beats.find(m.id())).contains(heard);
        assertThat(beats.all()).containsExactly(heard);

        store.monitors.remove(m.id(), "U1", T0);
        assertThat(beats.find(m.id())).isEmpty();
        assertThat(beats.save(heard)).isFalse();
    }

    @Test
    void pingsAndASilenceGoThroughTheStatusMachineAndTheDeadlinesSurviveARestart() {
        JdbiHeartbeatRepository beats = new JdbiHeartbeatRepository(store.db);
        MutableClock clock = new MutableClock(T0);
        List<StatusChange> changes = new CopyOnWriteArrayList<>();
        DeadlineIndex index = new DeadlineIndex();
        HeartbeatService service =
                new HeartbeatService(store.monitors, store.status, beats, index, changes::add, clock);
        Monitor m = store.monitors.add(heartbeat("backup"), Origin.SLACK, "U1", T0);
        HeartbeatRecord hb = service.track(m);
        assertThat(index.size()).isZero();

        clock.now = T0.plusSeconds(10);
        var answer = service.ping(new Ping(hb.key().value(), Ping.Kind.SUCCESS, null), new byte[0]);
        assertThat(answer).isInstanceOf(HeartbeatService.PingAnswer.Accepted.class);
        assertThat(index.deadline(m.id())).contains(T0.plusSeconds(130));
        assertThat(service.ping(new Ping(PingKey.generate().value(), Ping.Kind.SUCCESS, null), null))
                .isInstanceOf(HeartbeatService.PingAnswer.Unknown.class);

        // A restart: a new service rebuilds its index from the database alone.
        DeadlineIndex rebuilt = new DeadlineIndex();
        HeartbeatService again =
                new HeartbeatService(store.monitors, store.status, beats, rebuilt, changes::add, clock);
        assertThat(again.rebuild()).isEqualTo(1);
        assertThat(rebuilt.deadline(m.id())).contains(T0.plusSeconds(130));

        clock.now = T0.plusSeconds(131);
        List<DeadlineIndex.Due> due = rebuilt.takeDue(clock.instant());
        assertThat(due).hasSize(1);
        again.missed(m.id(), due.get(0).deadline());
        assertThat(store.status.state(m.id()).orElseThrow().status()).isEqualTo(Status.DOWN);
        assertThat(changes).extracting(StatusChange::to).containsExactly(Status.UP, Status.DOWN);
        assertThat(beats.find(m.id()).orElseThrow().nextDeadline()).isNull();

        // A stale deadline (a ping moved it) does nothing.
        again.missed(m.id(), T0.plusSeconds(130));
        assertThat(changes).hasSize(2);

        byte[] body = "all good".getBytes(StandardCharsets.UTF_8);
        again.ping(new Ping(hb.key().value(), Ping.Kind.EXIT, 0), body);
        assertThat(store.status.state(m.id()).orElseThrow().status()).isEqualTo(Status.UP);
        assertThat(beats.find(m.id()).orElseThrow().lastBody()).isEqualTo("all good");
        assertThat(changes.get(2).isRecovery()).isTrue();
    }

    @Test
    void aNewKeyReplacesTheOldOneAndEditingThePeriodMovesTheDeadline() {
        JdbiHeartbeatRepository beats = new JdbiHeartbeatRepository(store.db);
        MutableClock clock = new MutableClock(T0);
        DeadlineIndex index = new DeadlineIndex();
        HeartbeatService service = new HeartbeatService(store.monitors, store.status, beats, index, c -> {}, clock);
        Monitor m = store.monitors.add(heartbeat("backup"), Origin.SLACK, "U1", T0);
        String old = service.track(m).key().value();
        service.ping(new Ping(old, Ping.Kind.SUCCESS, null), null);

        String fresh = service.rotateKey(m.id()).orElseThrow().record().key().value();
        assertThat(fresh).isNotEqualTo(old);
        assertThat(service.ping(new Ping(old, Ping.Kind.SUCCESS, null), null))
                .isInstanceOf(HeartbeatService.PingAnswer.Unknown.class);
        assertThat(service.ping(new Ping(fresh, Ping.Kind.SUCCESS, null), null))
                .isInstanceOf(HeartbeatService.PingAnswer.Accepted.class);

        MonitorSettings daily = MonitorSettings.heartbeat(
                "backup",
                Environment.LIVE,
                Duration.ofDays(1),
                Duration.ofHours(1),
                MonitorSettings.HEARTBEAT_THRESHOLDS,
                true);
        Monitor edited = store.monitors.update(m.id(), daily, Origin.SLACK, "U1", T0);
        service.track(edited);
        assertThat(index.deadline(m.id())).contains(T0.plus(Duration.ofHours(25)));
    }

    /** A clock the test sets. */
    static final class MutableClock implements InstantSource {
        volatile Instant now;

        MutableClock(Instant start) {
            now = start;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
