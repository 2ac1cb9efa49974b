package dev.healthbot.bench;

import dev.healthbot.alert.MeteredNotifier;
import dev.healthbot.alert.RecordingNotifier;
import dev.healthbot.http.BotMetrics;
import dev.healthbot.http.Liveness;
import dev.healthbot.http.MetricsRoute;
import dev.healthbot.http.Vitals;
import dev.healthbot.monitor.Environment;
import dev.healthbot.monitor.FailureKind;
import dev.healthbot.monitor.MeteredProbe;
import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.MonitorSettings;
import dev.healthbot.monitor.MonitorState;
import dev.healthbot.monitor.Origin;
import dev.healthbot.monitor.ProbeResult;
import dev.healthbot.monitor.StatusCodes;
import dev.healthbot.monitor.StatusMachine;
import dev.healthbot.monitor.Target;
import dev.healthbot.monitor.Thresholds;
import dev.healthbot.store.Database;
import dev.healthbot.store.JdbiMonitorRepository;
import dev.healthbot.store.JdbiOutboxBacklog;
import dev.healthbot.store.JdbiStatusRepository;
import dev.healthbot.store.LivenessWrite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * How long one {@code /metrics} scrape takes with 10,000 servers: the real SQLite store (servers
 * read from the database, states from the status repository's cache, the outbox counted), the
 * Prometheus client's text writer, and the JVM's metrics. Prints the figures; docs/BENCHMARKS.md
 * holds them by hand. Run with {@code mvn -B -q -Pmetrics-bench -DskipTests package}.
 */
public final class MetricsBench {

    static final int SERVERS = Integer.getInteger("metrics.servers", 10_000);
    static final int SCRAPES = 50;

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("healthbot-metrics-bench");
        Instant t0 = Instant.now();
        try (Database db = Database.open(dir.resolve("healthbot.db"));
                JdbiStatusRepository statuses = new JdbiStatusRepository(db)) {
            JdbiMonitorRepository monitors = new JdbiMonitorRepository(db, statuses::forget);
            long fill = System.nanoTime();
            for (int i = 0; i < SERVERS; i++) {
                Environment env = Environment.values()[i % 3];
                Monitor m = monitors.add(
                        new MonitorSettings(
                                "server-" + i,
                                Target.parse("https://10.0." + (i / 250) + "." + (i % 250) + "/health"),
                                env,
                                Duration.ofSeconds(10),
                                Duration.ofSeconds(2),
                                StatusCodes.DEFAULT,
                                new Thresholds(1, 1),
                                true),
                        Origin.FILE,
                        "bench",
                        t0);
                ProbeResult r = i % 20 == 0
                        ? ProbeResult.down(t0, Duration.ofMillis(2000), FailureKind.TIMEOUT, "timed out")
                        : ProbeResult.up(t0, Duration.ofMillis(5 + i % 50), "HTTP 200 OK");
                StatusMachine.Step step = StatusMachine.next(
                        m.id(), MonitorState.pending(t0), r, m.settings().thresholds());
                statuses.record(m.id(), r, step.state(), step.change());
            }
            statuses.flush();
            System.out.printf("filled servers=%d in %d ms%n", SERVERS, (System.nanoTime() - fill) / 1_000_000);

            MeteredProbe probes = new MeteredProbe(spec -> CompletableFuture.completedFuture(null));
            try (Liveness liveness = new Liveness(new Vitals(
                    () -> true,
                    () -> 0,
                    () -> true,
                    () -> Duration.ZERO,
                    new LivenessWrite(db, InstantSource.system())::write))) {
                liveness.check();
                MetricsRoute route = new MetricsRoute(new BotMetrics(new BotMetrics.Sources(
                        monitors,
                        statuses,
                        probes,
                        new MeteredNotifier(new RecordingNotifier(InstantSource.system())),
                        new JdbiOutboxBacklog(db),
                        liveness,
                        InstantSource.system())));
                int bytes = 0;
                for (int i = 0; i < 20; i++) { // warm-up: class loading and the JIT
                    bytes = route.render().length;
                }
                List<Double> ms = new ArrayList<>();
                List<Double> cpuMs = new ArrayList<>();
                List<Double> readMs = new ArrayList<>();
                java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
                for (int i = 0; i < SCRAPES; i++) {
                    long a = System.nanoTime();
                    monitors.all();
                    long b = System.nanoTime();
                    long cpu = threads.getCurrentThreadCpuTime();
                    route.render();
                    cpuMs.add((threads.getCurrentThreadCpuTime() - cpu) / 1e6);
                    long c = System.nanoTime();
                    readMs.add((b - a) / 1e6);
                    ms.add((c - b) / 1e6);
                }
                Collections.sort(ms);
                Collections.sort(cpuMs);
                Collections.sort(readMs);
                System.out.printf(
                        "metrics servers=%d scrapes=%d bytes=%d renderMs median=%.1f p90=%.1f max=%.1f"
                                + " (of which reading the servers from SQLite: median %.1f ms);"
                                + " the scraping thread's CPU: median %.1f ms%n",
                        SERVERS,
                        SCRAPES,
                        bytes,
                        ms.get(SCRAPES / 2),
                        ms.get(SCRAPES * 9 / 10),
                        ms.get(SCRAPES - 1),
                        readMs.get(SCRAPES / 2),
                        cpuMs.get(SCRAPES / 2));
            }
        }
    }
}
