package dev.healthbot.http;

import dev.healthbot.alert.MeteredNotifier;
import dev.healthbot.alert.OutboxBacklog;
import dev.healthbot.monitor.FailureKind;
import dev.healthbot.monitor.MeteredProbe;
import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.MonitorRepository;
import dev.healthbot.monitor.MonitorState;
import dev.healthbot.monitor.Status;
import dev.healthbot.monitor.StatusRepository;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * healthbot's own figures for Prometheus, all computed when scraped from state that exists anyway
 * (the servers, their cached states, the counters of the metered probe and notifier, the outbox
 * counts): no meter is touched per check and no per-server series is kept between scrapes.
 * Thread-safe; one scrape reads each server's state once.
 */
public final class BotMetrics implements MultiCollector {

    /** The per-bot sources of the figures. */
    public record Sources(
            MonitorRepository monitors,
            StatusRepository statuses,
            MeteredProbe probes,
            MeteredNotifier notifier,
            OutboxBacklog outbox,
            Liveness liveness,
            InstantSource clock) {}

    private final Sources s;

    public BotMetrics(Sources sources) {
        this.s = sources;
    }

    @Override
    public MetricSnapshots collect() {
        List<MetricSnapshot> out = new ArrayList<>();
        servers(out);
        bot(out);
        return new MetricSnapshots(out);
    }

    private void servers(List<MetricSnapshot> out) {
        GaugeSnapshot.Builder up =
                gauge("healthbot_server_up", "1 when the server is UP, 0 when DOWN; absent while PENDING");
        GaugeSnapshot.Builder latency =
                gauge("healthbot_server_latency_seconds", "the latency of the server's last check");
        GaugeSnapshot.Builder streak = gauge(
                "healthbot_server_consecutive_checks",
                "the server's checks in a row with the same result, by result (success, failure)");
        Map<Status, Integer> byStatus = new EnumMap<>(Status.class);
        for (Status st : Status.values()) {
            byStatus.put(st, 0);
        }
        for (Monitor m : s.monitors().all()) {
            Optional<MonitorState> state = s.statuses().state(m.id());
            Status status = state.map(MonitorState::status).orElse(Status.PENDING);
            byStatus.merge(status, 1, Integer::sum);
            if (state.isEmpty()) {
                continue;
            }
            MonitorState st = state.get();
            String env = m.settings().environment().name();
            Labels labels = Labels.of("environment", env, "server", m.name());
            if (status != Status.PENDING) {
                up.dataPoint(point(labels, status == Status.UP ? 1 : 0));
            }
            if (st.last() != null) {
                latency.dataPoint(point(labels, seconds(st.last().latency())));
            }
            streak.dataPoint(
                    point(Labels.of("environment", env, "result", "failure", "server", m.name()), st.failures()));
            streak.dataPoint(
                    point(Labels.of("environment", env, "result", "success", "server", m.name()), st.successes()));
        }
        out.add(up.build());
        out.add(latency.build());
        out.add(streak.build());
        GaugeSnapshot.Builder servers = gauge("healthbot_servers", "servers by status");
        byStatus.forEach((st, n) -> servers.dataPoint(point(Labels.of("status", st.name()), n)));
        out.add(servers.build());
    }

    private void bot(List<MetricSnapshot> out) {
        CounterSnapshot.Builder checks =
                counters("healthbot_checks", "finished checks since start by result: up, or the failure kind");
        s.probes()
                .checks()
                .forEach((kind, n) -> checks.dataPoint(count(
                        Labels.of(
                                "result",
                                kind == FailureKind.NONE ? "up" : kind.name().toLowerCase(Locale.ROOT)),
                        n)));
        out.add(checks.build());
        out.add(single(
                "healthbot_probes_in_flight",
                "probes started and not yet finished",
                s.probes().inFlight()));

        Vitals v = s.liveness().vitals();
        out.add(single(
                "healthbot_slack_connected",
                "1 while the Socket Mode connection is open",
                v.slackConnected().getAsBoolean() ? 1 : 0));
        out.add(counters("healthbot_slack_reconnects", "Socket Mode sessions opened after the first one")
                .dataPoint(count(Labels.EMPTY, v.slackReconnects().getAsLong()))
                .build());
        out.add(single(
                "healthbot_scheduler_running",
                "1 while the scheduler fires checks",
                v.schedulerRunning().getAsBoolean() ? 1 : 0));
        out.add(single(
                "healthbot_scheduler_lag_seconds",
                "the latest a check started behind its schedule since the previous scrape",
                seconds(v.schedulerLag().get())));

        OutboxBacklog.Backlog backlog = s.outbox().backlog();
        out.add(gauge(
                        "healthbot_outbox_pending",
                        "outbox entries waiting: status changes not yet claimed, deliveries not yet sent")
                .dataPoint(point(Labels.of("kind", "changes"), backlog.changes()))
                .dataPoint(point(Labels.of("kind", "deliveries"), backlog.deliveries()))
                .build());
        double age = backlog.oldest()
                .map(o -> Math.max(0, seconds(Duration.between(o, s.clock().instant()))))
                .orElse(0.0);
        out.add(single(
                "healthbot_outbox_oldest_pending_age_seconds",
                "the age of the oldest waiting outbox entry; 0 when none",
                age));

        CounterSnapshot.Builder sent =
                counters("healthbot_deliveries_sent", "Slack calls for alerts that succeeded, by kind");
        s.notifier().sent().forEach((kind, n) -> sent.dataPoint(count(Labels.of("kind", kind), n)));
        out.add(sent.build());
        CounterSnapshot.Builder failed = counters(
                "healthbot_deliveries_failed",
                "Slack calls for alerts that failed, by class (permanent, transient) and reason");
        s.notifier()
                .failed()
                .forEach((f, n) -> failed.dataPoint(
                        count(Labels.of("class", f.permanent() ? "permanent" : "transient", "reason", f.reason()), n)));
        out.add(failed.build());

        // One small write per scrape (shared with a /healthz in flight): absent when the database did not answer.
        s.liveness()
                .databaseWrite()
                .ifPresent(d -> out.add(single(
                        "healthbot_database_write_seconds",
                        "a one-row write's duration at this scrape, waiting for the write lock included",
                        seconds(d))));
    }

    private static GaugeSnapshot.Builder gauge(String name, String help) {
        return GaugeSnapshot.builder().name(name).help(help);
    }

    private static GaugeDataPointSnapshot point(Labels labels, double value) {
        return GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
    }

    private static GaugeSnapshot single(String name, String help, double value) {
        return gauge(name, help).dataPoint(point(Labels.EMPTY, value)).build();
    }

    private static CounterSnapshot.Builder counters(String name, String help) {
        return CounterSnapshot.builder().name(name).help(help);
    }

    private static CounterDataPointSnapshot count(Labels labels, double value) {
        return CounterDataPointSnapshot.builder().labels(labels).value(value).build();
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
