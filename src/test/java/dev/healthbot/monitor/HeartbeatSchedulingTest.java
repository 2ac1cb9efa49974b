package dev.healthbot.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.healthbot.store.Database;
import dev.healthbot.store.JdbiHeartbeatRepository;
import dev.healthbot.store.JdbiMonitorRepository;
import dev.healthbot.store.JdbiStatusRepository;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Heartbeats and URL checks behind one scheduler, through {@link MonitorService} and a real SQLite
 * file: heartbeats never reach the probe scheduler, a kind change moves a server across, and a
 * removed heartbeat's key stops working.
 */
class HeartbeatSchedulingTest {

    @TempDir
    Path dir;

    Database db;
    JdbiStatusRepository status;
    JdbiMonitorRepository monitors;
    JdbiHeartbeatRepository beats;
    CheckRunnerTest.RecordingScheduler probes = new CheckRunnerTest.RecordingScheduler();
    DeadlineIndex index = new DeadlineIndex();
    HeartbeatService heartbeats;
    MonitorService service;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("t.db"));
        status = new JdbiStatusRepository(db);
        monitors = new JdbiMonitorRepository(db, status::forget);
        beats = new JdbiHeartbeatRepository(db);
        heartbeats = new HeartbeatService(monitors, status, beats, index, c -> {}, InstantSource.system());
        HeartbeatScheduling scheduling = new HeartbeatScheduling(probes, heartbeats);
        CheckRunner runner =
                new CheckRunner(monitors, status, spec -> null, scheduling, c -> {}, InstantSource.system());
        service = new MonitorService(
                monitors, status, scheduling, runner, InstantSource.system(), TargetPolicy.allowAll());
    }

    @AfterEach
    void close() {
        status.close();
        db.close();
    }

    private Monitor saved(MonitorService.EditResult r) {
        assertThat(r).isInstanceOf(MonitorService.EditResult.Saved.class);
        return ((MonitorService.EditResult.Saved) r).monitor();
    }

    @Test
    void heartbeatsGoToTheDeadlineIndexUrlChecksToTheProbeSchedulerAndAKindChangeMovesAServer() {
        Monitor hb = saved(service.register(
                new MonitorDraft("backup", "heartbeat", null, "1h", "5m", null, null, null, null), Origin.SLACK, "U1"));
        Monitor api = saved(service.register(MonitorDraft.of("api", "http://127.0.0.1:9/"), Origin.SLACK, "U1"));
        assertThat(probes.calls).containsExactly("unschedule " + hb.id(), "schedule " + api.id());
        assertThat(heartbeats.tracking(hb.id())).isTrue();
        String key = beats.find(hb.id()).orElseThrow().key().value();
        assertThat(heartbeats.ping(new Ping(key, Ping.Kind.SUCCESS, null), null))
                .isInstanceOf(HeartbeatService.PingAnswer.Accepted.class);
        assertThat(index.deadline(hb.id())).isPresent();

        // "check now" of a heartbeat probes nothing: it shows the last ping.
        CheckResult checked = service.checkNow("backup").join();
        assertThat(((CheckResult.Checked) checked).state().status()).isEqualTo(Status.UP);

        probes.calls.clear();
        saved(service.edit("backup", MonitorDraft.of("backup", "http://127.0.0.1:9/"), "U1"));
        assertThat(probes.calls).containsExactly("schedule " + hb.id());
        assertThat(heartbeats.tracking(hb.id())).isFalse();
        assertThat(index.deadline(hb.id())).isEmpty();
        assertThat(beats.find(hb.id())).isEmpty();
        assertThat(heartbeats.ping(new Ping(key, Ping.Kind.SUCCESS, null), null))
                .isInstanceOf(HeartbeatService.PingAnswer.Unknown.class);

        probes.calls.clear();
        saved(service.edit(
                "api", new MonitorDraft("api", "heartbeat", null, "1h", "5m", null, null, null, null), "U1"));
        assertThat(probes.calls).containsExactly("unschedule " + api.id());
        String apiKey = beats.find(api.id()).orElseThrow().key().value();

        saved(service.remove("api", "U1"));
        assertThat(heartbeats.tracking(api.id())).isFalse();
        assertThat(heartbeats.ping(new Ping(apiKey, Ping.Kind.SUCCESS, null), null))
                .isInstanceOf(HeartbeatService.PingAnswer.Unknown.class);
        assertThat(Optional.ofNullable(heartbeats.view("api").orElse(null))).isEmpty();
    }
}
