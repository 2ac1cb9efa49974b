package dev.healthbot.bench;

import dev.healthbot.monitor.Environment;
import dev.healthbot.monitor.MonitorSettings;
import dev.healthbot.monitor.MonitorState;
import dev.healthbot.monitor.Origin;
import dev.healthbot.monitor.Phase;
import dev.healthbot.monitor.ProbeResult;
import dev.healthbot.monitor.Status;
import dev.healthbot.monitor.StatusCodes;
import dev.healthbot.monitor.Target;
import dev.healthbot.monitor.Thresholds;
import dev.healthbot.store.Database;
import dev.healthbot.store.JdbiMonitorRepository;
import dev.healthbot.store.JdbiStatusRepository;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the order of results costs the status writer: the real SQLite store, 10,000 servers, the
 * same results written in the order the checks fire, 50 to a batch (what the writer gathers in its
 * 50 ms linger at 1,000 checks a second). Three orders, alternated in one run: by id (the old
 * start-up spread), one by one on golden-ratio slots ({@code Phase} with runs of one), and in runs
 * ({@code Phase.run(10_000)}). Prints the writer thread's CPU seconds per 1,000 results for each.
 * Run with {@code mvn -B -q -DskipTests test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java
 * -Dexec.mainClass=dev.healthbot.bench.WriterOrderBench -Dexec.classpathScope=test}.
 */
public final class WriterOrderBench {

    static final int SERVERS = Integer.getInteger("writer.servers", 10_000);
    static final int ROUNDS = Integer.getInteger("writer.rounds", 30);
    static final int BATCH = 50;
    static final Duration INTERVAL = Duration.ofSeconds(10);

    public static void main(String[] args) throws Exception {
        Map<String, Comparator<Long>> orders = new LinkedHashMap<>();
        orders.put("by id", Comparator.naturalOrder());
        orders.put("one by one", Comparator.comparingLong(id -> Phase.offsetMs(id, INTERVAL, 1)));
        int run = Phase.run(SERVERS);
        orders.put("runs of " + run, Comparator.comparingLong(id -> Phase.offsetMs(id, INTERVAL, run)));
        Map<String, List<Double>> figures = new LinkedHashMap<>();
        for (int rep = 0; rep < 3; rep++) {
            for (Map.Entry<String, Comparator<Long>> order : orders.entrySet()) {
                figures.computeIfAbsent(order.getKey(), k -> new ArrayList<>()).add(once(order.getValue()));
            }
        }
        System.out.printf("writer order servers=%d rounds=%d batch=%d%n", SERVERS, ROUNDS, BATCH);
        for (Map.Entry<String, List<Double>> f : figures.entrySet()) {
            List<Double> v = new ArrayList<>(f.getValue());
            v.sort(null);
            System.out.printf(
                    "| %s | %.3f | %.3f | %.3f |%n", f.getKey(), v.get(0), v.get(v.size() / 2), v.get(v.size() - 1));
        }
    }

    /** The writer thread's CPU seconds per 1,000 results, for one fresh database written in this order. */
    private static double once(Comparator<Long> order) throws Exception {
        Path dir = Files.createTempDirectory("healthbot-writer-bench");
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        try (Database db = Database.open(dir.resolve("healthbot.db"));
                JdbiStatusRepository statuses = new JdbiStatusRepository(db)) {
            JdbiMonitorRepository monitors = new JdbiMonitorRepository(db, statuses::forget);
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < SERVERS; i++) {
                ids.add(monitors.add(
                                new MonitorSettings(
                                        "server-" + i,
                                        Target.parse("http://127.0.0.1:9/" + i),
                                        Environment.LIVE,
                                        INTERVAL,
                                        Duration.ofSeconds(2),
                                        StatusCodes.DEFAULT,
                                        Thresholds.DEFAULT,
                                        true),
                                Origin.FILE,
                                "bench",
                                t0)
                        .id());
            }
            ids.sort(order);
            long k = 0;
            long cpu = -1;
            for (int r = 0; r < ROUNDS; r++) {
                if (r == 1) { // the first round opens the writer thread and warms up
                    statuses.flush();
                    cpu = writerCpu();
                }
                for (long id : ids) {
                    ProbeResult result = ProbeResult.up(t0.plusMillis(k++), Duration.ofMillis(5), "HTTP 200 OK");
                    statuses.recordAsync(id, result, new MonitorState(Status.UP, t0, 0, 3, result), null);
                    if (k % BATCH == 0) {
                        statuses.flush();
                    }
                }
            }
            statuses.flush();
            return (writerCpu() - cpu) / 1e9 / ((ROUNDS - 1) * (double) SERVERS / 1000);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static long writerCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t != null && t.getThreadName().equals("healthbot-status-writer")) {
                total += Math.max(0, threads.getThreadCpuTime(t.getThreadId()));
            }
        }
        return total;
    }
}
