package dev.healthbot.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.healthbot.alert.Alert;
import dev.healthbot.alert.DeliveryException;
import dev.healthbot.alert.MeteredNotifier;
import dev.healthbot.alert.RecordingNotifier;
import dev.healthbot.monitor.Environment;
import dev.healthbot.monitor.FailureKind;
import dev.healthbot.monitor.MeteredProbe;
import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.MonitorSettings;
import dev.healthbot.monitor.MonitorState;
import dev.healthbot.monitor.Origin;
import dev.healthbot.monitor.ProbeResult;
import dev.healthbot.monitor.ProbeSpec;
import dev.healthbot.monitor.StatusCodes;
import dev.healthbot.monitor.StatusMachine;
import dev.healthbot.monitor.Target;
import dev.healthbot.monitor.Thresholds;
import dev.healthbot.store.Database;
import dev.healthbot.store.JdbiMonitorRepository;
import dev.healthbot.store.JdbiOutboxBacklog;
import dev.healthbot.store.JdbiStatusRepository;
import dev.healthbot.store.LivenessWrite;
import dev.healthbot.store.SqliteStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** /metrics over the real SQLite store: parsed strictly, and its figures checked after known events. */
class BotMetricsTest {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @RegisterExtension
    final SqliteStore store = new SqliteStore();

    Database db;
    JdbiMonitorRepository monitors;
    JdbiStatusRepository statuses;
    MeteredNotifier notifier;
    Liveness liveness;
    MetricsRoute route;
    /** Stands in for the probe registry: answers at once with the result set here. */
    volatile CompletableFuture<ProbeResult> next;

    MeteredProbe probes;
    boolean connected = true;

    @BeforeEach
    void open() {
        db = store.db();
        statuses = store.status();
        monitors = store.monitors();
        notifier = new MeteredNotifier(new RecordingNotifier(InstantSource.fixed(T0)));
        probes = new MeteredProbe(spec -> next);
        liveness = new Liveness(new Vitals(
                () -> connected,
                () -> 4,
                () -> true,
                () -> Duration.ofMillis(250),
                new LivenessWrite(db, InstantSource.system())::write));
        route = new MetricsRoute(new BotMetrics(new BotMetrics.Sources(
                monitors,
                statuses,
                probes,
                notifier,
                new JdbiOutboxBacklog(db),
                liveness,
                InstantSource.fixed(T0.plusSeconds(30)))));
    }

    @AfterEach
    void close() {
        liveness.close();
    }

    static MonitorSettings settings(String name, Environment env) {
        return new MonitorSettings(
                name,
                Target.parse("https://127.0.0.1:8443/health"),
                env,
                Duration.ofSeconds(30),
                Duration.ofSeconds(5),
                StatusCodes.DEFAULT,
                new Thresholds(1, 1),
                true);
    }

    private PrometheusText scrape() {
        String text = new String(route.render(), StandardCharsets.UTF_8);
        return PrometheusText.parse(text);
    }

    private void check(Monitor m, ProbeResult result) {
        MonitorState state = statuses.state(m.id()).orElseThrow();
        StatusMachine.Step step =
                StatusMachine.next(m.id(), state, result, m.settings().thresholds());
        statuses.record(m.id(), result, step.state(), step.change());
    }

    @Test
    void serverFiguresFollowTheirStatusAndABotWithNoServersHasNone() {
        PrometheusText empty = scrape();
        assertThat(empty.count("healthbot_server_up")).isZero();
        assertThat(empty.value("healthbot_servers", "status", "UP")).contains(0.0);

        Monitor api = monitors.add(settings("api-live", Environment.LIVE), Origin.SLACK, "U1", T0);
        Monitor db2 = monitors.add(settings("db.stage", Environment.STAGE), Origin.SLACK, "U1", T0);
        monitors.add(settings("fresh", Environment.DEV), Origin.SLACK, "U1", T0);
        check(api, ProbeResult.up(T0.plusSeconds(1), Duration.ofMillis(42), "HTTP 200 OK"));
        check(db2, ProbeResult.down(T0.plusSeconds(1), Duration.ofMillis(3001), FailureKind.TIMEOUT, "read timed out"));

        PrometheusText m = scrape();
        assertThat(m.type("healthbot_server_up")).contains("gauge");
        assertThat(m.value("healthbot_server_up", "server", "api-live", "environment", "LIVE"))
                .contains(1.0);
        assertThat(m.value("healthbot_server_up", "server", "db.stage", "environment", "STAGE"))
                .contains(0.0);
        assertThat(m.value("healthbot_server_up", "server", "fresh", "environment", "DEV"))
                .as("a PENDING server has no up figure yet")
                .isEmpty();
        assertThat(m.value("healthbot_server_latency_seconds", "server", "api-live", "environment", "LIVE"))
                .contains(0.042);
        assertThat(m.value(
                        "healthbot_server_consecutive_checks",
                        "server",
                        "db.stage",
                        "environment",
                        "STAGE",
                        "result",
                        "failure"))
                .contains(1.0);
        assertThat(m.value("healthbot_servers", "status", "UP")).contains(1.0);
        assertThat(m.value("healthbot_servers", "status", "DOWN")).contains(1.0);
        assertThat(m.value("healthbot_servers", "status", "PENDING")).contains(1.0);

        // The server recovers: its figure follows at the next scrape, with no meter touched by the check.
        check(db2, ProbeResult.up(T0.plusSeconds(2), Duration.ofMillis(7), "HTTP 200 OK"));
        assertThat(scrape().value("healthbot_server_up", "server", "db.stage", "environment", "STAGE"))
                .contains(1.0);
    }

    @Test
    void theOutboxBacklogCountsTheUnclaimedChangeAndItsAge() {
        Monitor api = monitors.add(settings("api", Environment.LIVE), Origin.SLACK, "U1", T0);
        assertThat(scrape().value("healthbot_outbox_pending", "kind", "changes"))
                .contains(0.0);
        check(api, ProbeResult.down(T0.plusSeconds(10), Duration.ofMillis(5), FailureKind.REFUSED, "refused"));
        PrometheusText m = scrape();
        assertThat(m.value("healthbot_outbox_pending", "kind", "changes")).contains(1.0);
        assertThat(m.value("healthbot_outbox_pending", "kind", "deliveries")).contains(0.0);
        // The change was recorded at T0+10 s; the clock says T0+30 s.
        assertThat(m.value("healthbot_outbox_oldest_pending_age_seconds")).contains(20.0);
    }

    @Test
    void checksProbesDeliveriesSlackAndTheDatabaseAreCounted() throws Exception {
        ProbeSpec spec = new ProbeSpec(Target.parse("https://127.0.0.1/"), Duration.ofSeconds(1), StatusCodes.DEFAULT);
        next = new CompletableFuture<>();
        CompletableFuture<ProbeResult> running = probes.probe(spec);
        assertThat(scrape().value("healthbot_probes_in_flight")).contains(1.0);
        next.complete(ProbeResult.up(T0, Duration.ofMillis(1), "ok"));
        running.join();
        next = CompletableFuture.completedFuture(
                ProbeResult.down(T0, Duration.ofMillis(1), FailureKind.TIMEOUT, "timed out"));
        probes.probe(spec).join();
        probes.probe(spec).join();

        Alert alert = new Alert(1, "api", Environment.LIVE, "https://x", FailureKind.TIMEOUT, "t", T0, 3, null, null);
        notifier.postOutage("C1", alert);
        RecordingNotifier failing = new RecordingNotifier(InstantSource.fixed(T0));
        failing.failChannel("C2", DeliveryException.permanent("channel_not_found"));
        MeteredNotifier metered = new MeteredNotifier(failing);
        assertThatThrownBy(() -> metered.postOutage("C2", alert)).isInstanceOf(DeliveryException.class);

        connected = false;
        PrometheusText m = scrape();
        assertThat(m.value("healthbot_probes_in_flight")).contains(0.0);
        assertThat(m.value("healthbot_checks_total", "result", "up")).contains(1.0);
        assertThat(m.value("healthbot_checks_total", "result", "timeout")).contains(2.0);
        assertThat(m.type("healthbot_checks_total")).contains("counter");
        assertThat(m.value("healthbot_deliveries_sent_total", "kind", "outage")).contains(1.0);
        assertThat(m.value("healthbot_slack_connected")).contains(0.0);
        assertThat(m.value("healthbot_slack_reconnects_total")).contains(4.0);
        assertThat(m.value("healthbot_scheduler_running")).contains(1.0);
        assertThat(m.value("healthbot_scheduler_lag_seconds")).contains(0.25);
        assertThat(m.value("healthbot_database_write_seconds"))
                .hasValueSatisfying(v -> assertThat(v).isPositive());
        assertThat(m.count("jvm_memory_used_bytes")).as("the JVM's own metrics").isPositive();

        MetricsRoute other = new MetricsRoute(new BotMetrics(new BotMetrics.Sources(
                monitors, statuses, probes, metered, new JdbiOutboxBacklog(db), liveness, InstantSource.system())));
        PrometheusText failed = PrometheusText.parse(new String(other.render(), StandardCharsets.UTF_8));
        assertThat(failed.value(
                        "healthbot_deliveries_failed_total", "class", "permanent", "reason", "channel_not_found"))
                .contains(1.0);
    }
}
