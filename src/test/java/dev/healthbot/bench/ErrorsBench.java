package dev.healthbot.bench;

import com.sun.net.httpserver.HttpServer;
import dev.healthbot.Bot;
import dev.healthbot.config.HealthBotConfig;
import dev.healthbot.fakeslack.ApiCall;
import dev.healthbot.fakeslack.FakeSlack;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Error reports under load (issue 14): the real bot in this JVM against the fake Slack, {@code
 * errors.rate} reports a second (500) spread over {@code errors.sources} sources (50) for {@code
 * errors.seconds} (60), while it checks {@code errors.checks} URL servers (10,000) on a loopback
 * target every {@code errors.interval} (10s). Measures: reports accepted and counted in the database
 * (every one must be), the accept latency (p50, p99, max), Slack calls per channel per second (at
 * most one), the process's RSS, and the database's growth per million reports. Rewrites its section
 * of {@code errors.out} (docs/BENCHMARKS.md). Run with {@code mvn -B -q -Perrors-bench -DskipTests
 * package}; a small proof run: add {@code -Derrors.seconds=5 -Derrors.checks=200 -Derrors.rate=100}.
 * Bounded: every loop ends by count and deadline; all traffic stays on 127.0.0.1.
 */
public final class ErrorsBench {

    static final int RATE = Integer.getInteger("errors.rate", 500);
    static final int SOURCES = Integer.getInteger("errors.sources", 50);
    static final int SECONDS = Integer.getInteger("errors.seconds", 60);
    static final int CHECKS = Integer.getInteger("errors.checks", 10_000);
    static final String INTERVAL = System.getProperty("errors.interval", "10s");
    static final int WARM = Integer.getInteger("errors.warm", 10);
    static final int KINDS = 5;
    static final Path OUT = Path.of(System.getProperty("errors.out", "docs/BENCHMARKS.md"));
    static final String CHANNEL = "C0BENCH01";
    static final Pattern DSN = Pattern.compile("http://([0-9a-f]{32})@127\\.0\\.0\\.1:(\\d+)/(\\d+)");

    public static void main(String[] args) throws Exception {
        if ("bad-bodies".equals(System.getProperty("errors.mode"))) {
            // -Derrors.mode=bad-bodies: the time to a 4xx of each of 2,000 malformed bodies instead.
            BadBodiesBench.main(args);
            return;
        }
        Path dir = Files.createTempDirectory("healthbot-errors-bench");
        HttpServer target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        target.createContext("/", ex -> {
            ex.sendResponseHeaders(200, 2);
            ex.getResponseBody().write("ok".getBytes(StandardCharsets.US_ASCII));
            ex.close();
        });
        target.setExecutor(Executors.newFixedThreadPool(8));
        target.start();
        Path servers = dir.resolve("servers.yml");
        StringBuilder y = new StringBuilder("servers:\n");
        for (int i = 0; i < CHECKS; i++) {
            y.append("  - name: s")
                    .append(i)
                    .append("\n    url: http://127.0.0.1:")
                    .append(target.getAddress().getPort())
                    .append("/s/")
                    .append(i)
                    .append("\n    environment: DEV\n    interval: ")
                    .append(INTERVAL)
                    .append("\n    timeout: 2s\n");
        }
        Files.writeString(servers, y);
        Path db = dir.resolve("healthbot.db");
        Map<String, String> env = new HashMap<>();
        try (FakeSlack slack = FakeSlack.start()) {
            env.put("SLACK_BOT_TOKEN", FakeSlack.BOT_TOKEN);
            env.put("SLACK_APP_TOKEN", FakeSlack.APP_TOKEN);
            env.put("SLACK_API_URL", slack.apiUrl());
            env.put("HEALTHBOT_DB", db.toString());
            env.put("HEALTHBOT_HTTP_ADDR", "127.0.0.1:0");
            env.put("HEALTHBOT_SERVERS_FILE", servers.toString());
            try (Bot bot = Bot.start(HealthBotConfig.fromEnvironment(env), InstantSource.system())) {
                slack.awaitConnected(Duration.ofSeconds(30));
                slack.slashCommand("subscribe LIVE", FakeSlack.DEFAULT_USER_ID, CHANNEL)
                        .get(10, TimeUnit.SECONDS);
                List<String> keys = new ArrayList<>();
                for (int s = 0; s < SOURCES; s++) {
                    String text = slack.slashCommand("errors add app" + s + " env=LIVE")
                            .get(10, TimeUnit.SECONDS)
                            .text();
                    Matcher m = DSN.matcher(text);
                    if (!m.find()) {
                        throw new IllegalStateException("no DSN in " + text);
                    }
                    keys.add(m.group(1));
                }
                int port = bot.httpAddress().orElseThrow().getPort();
                // Warm-up (not measured): class loading and the JIT on the report path.
                load(port, keys, WARM, 0);
                long countedBefore = awaitCounted(db, (long) RATE * WARM, Duration.ofSeconds(60));
                long dbBefore = size(db);
                Result r = load(port, keys, SECONDS, (long) RATE * WARM);
                long counted = awaitCounted(db, countedBefore + r.accepted, Duration.ofSeconds(60)) - countedBefore;
                long dbAfter = size(db);
                // Let the outbox catch up a little, then read the pacing from the fake's record of calls.
                LockSupport.parkNanos(Duration.ofSeconds(5).toNanos());
                String pacing = pacing(slack.calls());
                long rssKb = rssKb();
                double growthPerMillion = r.accepted == 0 ? 0 : (dbAfter - dbBefore) * 1e6 / r.accepted / (1024 * 1024);
                String figures = String.format(
                        java.util.Locale.ROOT,
                        "## Error reports under load (issue 14)\n\n"
                                + "Run: `mvn -B -q -Perrors-bench -DskipTests package` (%s, %d CPUs). Bot, fake Slack, target and"
                                + " senders share one JVM.\n\n"
                                + "| figure | value |\n|---|---|\n"
                                + "| load | %d reports/s from %d sources (%d kinds each) for %d s after %d s of warm-up, beside %d URL checks every %s |\n"
                                + "| sent / accepted (202) / 429 / other | %d / %d / %d / %d |\n"
                                + "| counted in the database | %d (%s) |\n"
                                + "| accept latency p50 / p99 / max | %.1f / %.1f / %.1f ms |\n"
                                + "| Slack calls per channel | %s |\n"
                                + "| RSS of the JVM at the end | %d MiB |\n"
                                + "| database growth per million reports | %.2f MiB (%d → %d bytes) |\n",
                        Instant.now(),
                        Runtime.getRuntime().availableProcessors(),
                        RATE,
                        SOURCES,
                        KINDS,
                        SECONDS,
                        WARM,
                        CHECKS,
                        INTERVAL,
                        r.sent,
                        r.accepted,
                        r.limited,
                        r.other,
                        counted,
                        counted == r.accepted ? "every one" : "MISSING " + (r.accepted - counted),
                        r.percentile(50),
                        r.percentile(99),
                        r.percentile(100),
                        pacing,
                        rssKb / 1024,
                        growthPerMillion,
                        dbBefore,
                        dbAfter);
                System.out.println(figures);
                DocSection.write(OUT, "errors-bench", figures);
            }
        } finally {
            target.stop(0);
            ((ExecutorService) target.getExecutor()).shutdownNow();
        }
    }

    static final class Result {
        long sent;
        long accepted;
        long limited;
        long other;
        final List<Long> nanos = new ArrayList<>();

        double percentile(int p) {
            if (nanos.isEmpty()) {
                return 0;
            }
            List<Long> sorted = new ArrayList<>(nanos);
            Collections.sort(sorted);
            int i = Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1);
            return sorted.get(Math.max(0, i)) / 1e6;
        }
    }

    private static Result load(int port, List<String> keys, int seconds, long firstId) throws InterruptedException {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ExecutorService senders = Executors.newFixedThreadPool(32);
        ScheduledExecutorService tick = Executors.newSingleThreadScheduledExecutor();
        ConcurrentLinkedQueue<long[]> outcomes = new ConcurrentLinkedQueue<>();
        AtomicLong n = new AtomicLong();
        long total = (long) RATE * seconds;
        long periodNanos = 1_000_000_000L / RATE;
        tick.scheduleAtFixedRate(
                () -> {
                    long i = n.getAndIncrement();
                    if (i >= total) {
                        return;
                    }
                    long id = firstId + i;
                    senders.execute(() -> {
                        String key = keys.get((int) (i % keys.size()));
                        int kind = (int) ((i / keys.size()) % KINDS);
                        String body =
                                "{\"message\":\"job " + id + " failed in step " + kind + "\",\"type\":\"BenchError"
                                        + kind + "\",\"stack\":\"at step" + kind + " (bench.js:" + kind + ":1)\"}";
                        long start = System.nanoTime();
                        int status;
                        try {
                            status = client.send(
                                            HttpRequest.newBuilder(
                                                            URI.create("http://127.0.0.1:" + port + "/errors/" + key))
                                                    .timeout(Duration.ofSeconds(10))
                                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                                    .build(),
                                            HttpResponse.BodyHandlers.discarding())
                                    .statusCode();
                        } catch (IOException | InterruptedException e) {
                            status = -1;
                        }
                        outcomes.add(new long[] {status, System.nanoTime() - start});
                    });
                },
                0,
                periodNanos,
                TimeUnit.NANOSECONDS);
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds + 30).toNanos();
        while (outcomes.size() < total && System.nanoTime() < deadline) {
            LockSupport.parkNanos(50_000_000);
        }
        tick.shutdownNow();
        senders.shutdown();
        senders.awaitTermination(15, TimeUnit.SECONDS);
        Result r = new Result();
        for (long[] o : outcomes) {
            r.sent++;
            if (o[0] == 202) {
                r.accepted++;
                r.nanos.add(o[1]);
            } else if (o[0] == 429) {
                r.limited++;
            } else {
                r.other++;
            }
        }
        return r;
    }

    private static long awaitCounted(Path db, long expected, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        long counted = -1;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rs =
                        c.createStatement().executeQuery("SELECT coalesce(sum(count), 0) FROM error_groups")) {
                    counted = rs.getLong(1);
                }
                if (counted >= expected) {
                    break;
                }
                LockSupport.parkNanos(100_000_000);
            }
        }
        return counted;
    }

    /** Slack calls (posts, replies, edits) per channel: the most in any one second, and the shortest gap. */
    static String pacing(List<ApiCall> calls) {
        Map<String, List<Instant>> byChannel = new HashMap<>();
        for (ApiCall c : calls) {
            if ((c.method().equals("chat.postMessage") || c.method().equals("chat.update"))
                    && c.param("channel") != null) {
                byChannel
                        .computeIfAbsent(c.param("channel"), k -> new ArrayList<>())
                        .add(c.at());
            }
        }
        StringBuilder b = new StringBuilder();
        byChannel.forEach((ch, times) -> {
            Collections.sort(times);
            long minGap = Long.MAX_VALUE;
            int maxInSecond = 0;
            for (int i = 0; i < times.size(); i++) {
                if (i > 0) {
                    minGap = Math.min(
                            minGap,
                            Duration.between(times.get(i - 1), times.get(i)).toMillis());
                }
                int j = i;
                while (j < times.size()
                        && Duration.between(times.get(i), times.get(j)).toMillis() < 1000) {
                    j++;
                }
                maxInSecond = Math.max(maxInSecond, j - i);
            }
            b.append(ch)
                    .append(": ")
                    .append(times.size())
                    .append(" calls, at most ")
                    .append(maxInSecond)
                    .append(" in any second, shortest gap ")
                    .append(minGap == Long.MAX_VALUE ? "-" : minGap + " ms")
                    .append("; ");
        });
        return b.length() == 0 ? "none" : b.toString().replaceAll("; $", "");
    }

    /** The database file's size after a checkpoint (the WAL's size says when SQLite last checkpointed, not what grew). */
    private static long size(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            c.createStatement().execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        return Files.size(db);
    }

    private static long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
