package dev.healthbot.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.healthbot.monitor.Field;
import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.MonitorDraft;
import dev.healthbot.monitor.MonitorSettings;
import dev.healthbot.monitor.MonitorState;
import dev.healthbot.monitor.MonitorValidator;
import dev.healthbot.monitor.Origin;
import dev.healthbot.monitor.ProbeOptions;
import dev.healthbot.monitor.ProbeResult;
import dev.healthbot.monitor.Status;
import dev.healthbot.monitor.StatusMachine;
import dev.healthbot.monitor.Thresholds;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Migration V5: the last seen certificate is in the server's state and tls_expiry in its row, both across a restart. */
class CertificateStoreTest {

    static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    @TempDir
    Path dir;

    private static MonitorSettings settings(String tlsExpiry) {
        return MonitorValidator.validate(new MonitorDraft(
                        "shop",
                        "https://127.0.0.1:8443/health",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        tlsExpiry == null ? Map.of() : Map.of(Field.TLS_EXPIRY, tlsExpiry)))
                .settings();
    }

    @Test
    void theLastSeenCertificateSurvivesARestartAndAResultWithoutOneKeepsIt() {
        Path file = dir.resolve("healthbot.db");
        Instant notAfter = T0.plus(Duration.ofDays(5));
        long id;
        try (Database db = Database.open(file)) {
            JdbiStatusRepository status = new JdbiStatusRepository(db);
            Monitor shop = new JdbiMonitorRepository(db, status::forget).add(settings(null), Origin.SLACK, "U1", T0);
            id = shop.id();
            MonitorState state = MonitorState.pending(T0);
            // A check that saw the certificate, then a timeout that saw none: the state keeps the certificate.
            ProbeResult seen = ProbeResult.up(T0.plusSeconds(1), Duration.ofMillis(9), "HTTP 200 OK")
                    .withCertificate(notAfter);
            StatusMachine.Step first = StatusMachine.next(id, state, seen, Thresholds.DEFAULT);
            status.record(id, seen, first.state(), first.change());
            ProbeResult timeout = ProbeResult.down(
                    T0.plusSeconds(2), Duration.ofSeconds(5), dev.healthbot.monitor.FailureKind.TIMEOUT, "timed out");
            StatusMachine.Step second = StatusMachine.next(id, first.state(), timeout, Thresholds.DEFAULT);
            assertThat(second.state().certNotAfter()).isEqualTo(notAfter);
            status.record(id, timeout, second.state(), second.change());
            status.close();
        }
        try (Database db = Database.open(file)) {
            JdbiStatusRepository status = new JdbiStatusRepository(db);
            MonitorState read = status.state(id).orElseThrow();
            assertThat(read.certNotAfter()).isEqualTo(notAfter);
            assertThat(read.status()).isEqualTo(Status.UP);
            assertThat(status.allStates().get(id).certNotAfter()).isEqualTo(notAfter);
            status.close();
        }
    }

    @Test
    void tlsExpiryIsSavedReadBackAndExistingServersGetTheDefault() throws Exception {
        Path file = dir.resolve("healthbot.db");
        java.util.List<Migrator.Migration> all =
                Migrator.fromClasspath(getClass().getClassLoader(), Migrator.FOLDER);
        // a server saved before V5
        try (Database db =
                Database.open(file, all.stream().filter(m -> m.version() < 5).toList())) {
            db.jdbi()
                    .useHandle(
                            h -> h.execute(
                                    """
                            INSERT INTO monitors (name, name_key, url, environment, interval_ms, timeout_ms,
                                                  expected_status, failures_before_down, successes_before_up,
                                                  alerts_enabled, origin, created_at, created_by, updated_at, updated_by)
                            VALUES ('old', 'old', 'https://old.example.com/', 'LIVE', 60000, 5000, '200-299', 3, 2, 1,
                                    'SLACK', 0, 'U1', 0, 'U1')
                            """));
        }
        try (Database db = Database.open(file)) {
            JdbiMonitorRepository monitors = new JdbiMonitorRepository(db, removed -> {});
            assertThat(monitors.findByName("old")
                            .orElseThrow()
                            .settings()
                            .options()
                            .tlsExpiry())
                    .isEqualTo(ProbeOptions.DEFAULT_TLS_EXPIRY);
            Monitor off = monitors.add(settings("off"), Origin.SLACK, "U1", T0);
            Monitor week = monitors.add(
                    MonitorValidator.validate(new MonitorDraft(
                                    "week",
                                    "wss://127.0.0.1/ws",
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    Map.of(Field.TLS_EXPIRY, "36h")))
                            .settings(),
                    Origin.SLACK,
                    "U1",
                    T0);
            assertThat(monitors.findById(off.id())
                            .orElseThrow()
                            .settings()
                            .options()
                            .warnsOfExpiry())
                    .isFalse();
            assertThat(monitors.findById(week.id())
                            .orElseThrow()
                            .settings()
                            .options()
                            .tlsExpiry())
                    .isEqualTo(Duration.ofHours(36));
            monitors.update(off.id(), settings("21d"), Origin.SLACK, "U1", T0);
            assertThat(monitors.findById(off.id())
                            .orElseThrow()
                            .settings()
                            .options()
                            .tlsExpiry())
                    .isEqualTo(Duration.ofDays(21));
        }
    }
}
