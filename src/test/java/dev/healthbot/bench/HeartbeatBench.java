package dev.healthbot.bench;

import com.sun.net.httpserver.HttpServer;
import dev.healthbot.Bot;
import dev.healthbot.config.HealthBotConfig;
import dev.healthbot.fakeslack.FakeSlack;
import dev.healthbot.monitor.HeartbeatService;
import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.MonitorDraft;
import dev.healthbot.monitor.MonitorService;
import dev.healthbot.monitor.Origin;
import dev.healthbot.monitor.Status;
import dev.healthbot.probe.LoopbackResolver;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Heartbeats beside URL checks, in one bot (in this JVM, with the fake Slack and a loopback target):
 * {@code hb.count} heartbeats each pinged every 60 s over real HTTP beside {@code hb.checks} URL checks
 * every 10 s. Measures the ping answer's p50/p99 at the client, the process CPU per 1,000 pings (the
 * window with pings minus an equal window without them, the client's own work included, so an upper
 * bound), the RSS, and for {@code hb.silenced} heartbeats that stop pinging how long after its deadline
 * each is found DOWN (by the bot's clock). Writes its figures to {@code hb.out} (docs/bench/heartbeats.md).
 *
 * <p>Full size: {@code mvn -B -q -Pheartbeat-bench -DskipTests package} (10,000 + 10,000, 100 silenced,
 * about 4 minutes). Small: add {@code -Dhb.count=300 -Dhb.checks=300 -Dhb.silenced=20}.
 */
public final class HeartbeatBench {

    static final int HEARTBEATS = Integer.getInteger("hb.count", 10_000);
    static final int CHECKS = Integer.getInteger("hb.checks", 10_000);
    static final int SILENCED = Integer.getInteger("hb.silenced", 100);
    static final Duration PERIOD = Duration.ofMinutes(1);
    static final Duration GRACE = Duration.ofMinutes(1);
    static final Duration WINDOW = Duration.ofSeconds(Integer.getInteger("hb.window", 30));

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("healthbot-heartbeat-bench");
        HttpServer target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        target.createContext("/health", ex -> {
            byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, ok.length);
            ex.getResponseBody().write(ok);
            ex.close();
        });
        target.setExecutor(Executors.newFixedThreadPool(4));
        target.start();
        Map<String, String> env = new HashMap<>();
        StringBuilder report = new StringBuilder();
        try (FakeSlack slack = FakeSlack.start()) {
            env.put("SLACK_BOT_TOKEN", FakeSlack.BOT_TOKEN);
            env.put("SLACK_APP_TOKEN", FakeSlack.APP_TOKEN);
            env.put("SLACK_API_URL", slack.apiUrl());
            env.put("HEALTHBOT_DB", dir.resolve("healthbot.db").toString());
            env.put("HEALTHBOT_HTTP_ADDR", "127.0.0.1:0");
            Bot bot =
                    Bot.start(HealthBotConfig.fromEnvironment(env), InstantSource.system(), LoopbackResolver.INSTANCE);
            try {
                run(bot, target.getAddress().getPort(), report);
            } finally {
                bot.close();
            }
        } finally {
            target.stop(0);
            // Its pool's threads are not daemons: left running, they keep exec:java from ending.
            ((java.util.concurrent.ExecutorService) target.getExecutor()).shutdownNow();
        }
        String out = System.getProperty("hb.out", "docs/bench/heartbeats.md");
        Files.createDirectories(Path.of(out).getParent());
        Files.writeString(Path.of(out), report.toString());
        System.out.print(report);
    }

    private static void run(Bot bot, int targetPort, StringBuilder report) throws Exception {
        MonitorService monitors = bot.monitors();
        HeartbeatService heartbeats = bot.heartbeats();
        for (int i = 0; i < CHECKS; i++) {
            var r = monitors.register(
                    new MonitorDraft(
                            "check-" + i,
                            "http://127.0.0.1:" + targetPort + "/health",
                            null,
                            "10s",
                            "2s",
                            null,
                            null,
                            null,
                            null),
                    Origin.SLACK,
                    "bench");
            if (!(r instanceof MonitorService.EditResult.Saved)) {
                throw new IllegalStateException("check not saved: " + r);
            }
        }
        String[] urls = new String[HEARTBEATS];
        long[] ids = new long[HEARTBEATS];
        int port = bot.httpAddress().orElseThrow().getPort();
        for (int i = 0; i < HEARTBEATS; i++) {
            var r = monitors.register(
                    new MonitorDraft("hb-" + i, "heartbeat", null, "1m", "1m", null, null, null, null),
                    Origin.SLACK,
                    "bench");
            Monitor m = ((MonitorService.EditResult.Saved) r).monitor();
            ids[i] = m.id();
            urls[i] = "http://127.0.0.1:" + port + "/ping/"
                    + heartbeats.view(m).record().key().value();
        }
        System.out.println("registered checks=" + CHECKS + " heartbeats=" + HEARTBEATS);

        java.util.concurrent.ExecutorService clientPool = Executors.newFixedThreadPool(8);
        HttpClient client = HttpClient.newBuilder()
                .executor(clientPool)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        // Witness: a window of URL checks alone, then the same window with pings.
        long cpu0 = cpuNanos();
        LockSupport.parkNanos(WINDOW.toNanos());
        long quietCpu = cpuNanos() - cpu0;

        long[] latencies = new long[(int) (HEARTBEATS * (WINDOW.toMillis() / (double) PERIOD.toMillis()) * 2 + 1000)];
        AtomicLong sent = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        ConcurrentHashMap<Integer, Instant> lastPing = new ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicIntegerArray silenced =
                new java.util.concurrent.atomic.AtomicIntegerArray(HEARTBEATS);
        ScheduledExecutorService pingers = Executors.newScheduledThreadPool(8);
        long spread = PERIOD.toNanos() / HEARTBEATS;
        for (int i = 0; i < HEARTBEATS; i++) {
            int n = i;
            pingers.scheduleAtFixedRate(
                    () -> {
                        if (silenced.get(n) == 1) {
                            return;
                        }
                        long t = System.nanoTime();
                        try {
                            HttpResponse<Void> resp = client.send(
                                    HttpRequest.newBuilder(URI.create(urls[n]))
                                            .timeout(Duration.ofSeconds(10))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding());
                            if (resp.statusCode() != 200) {
                                failed.incrementAndGet();
                            }
                            lastPing.put(n, Instant.now());
                        } catch (Exception e) {
                            failed.incrementAndGet();
                        }
                        long idx = sent.getAndIncrement();
                        if (idx < latencies.length) {
                            latencies[(int) idx] = System.nanoTime() - t;
                        }
                    },
                    spread * i,
                    PERIOD.toNanos(),
                    TimeUnit.NANOSECONDS);
        }
        long cpu1 = cpuNanos();
        long sent1 = sent.get();
        LockSupport.parkNanos(WINDOW.toNanos());
        long busyCpu = cpuNanos() - cpu1;
        long pingsInWindow = sent.get() - sent1;
        long rssKb = rssKb();

        // Silence: the first SILENCED heartbeats (pinged within the first seconds) stop pinging.
        for (int i = 0; i < SILENCED; i++) {
            silenced.set(i, 1);
        }
        long[] lateMs = new long[SILENCED];
        Arrays.fill(lateMs, -1);
        long until = System.nanoTime() + PERIOD.plus(GRACE).plus(PERIOD).toNanos();
        int found = 0;
        while (found < SILENCED && System.nanoTime() < until) {
            Instant now = Instant.now();
            for (int i = 0; i < SILENCED; i++) {
                if (lateMs[i] >= 0) {
                    continue;
                }
                var state = monitors.state(ids[i]).orElseThrow();
                if (state.status() == Status.DOWN) {
                    Instant deadline = state.since();
                    lateMs[i] = Duration.between(deadline, now).toMillis();
                    found++;
                }
            }
            LockSupport.parkNanos(10_000_000);
        }
        pingers.shutdownNow();
        clientPool.shutdownNow();
        long[] sorted = Arrays.copyOf(latencies, (int) Math.min(sent.get(), latencies.length));
        Arrays.sort(sorted);
        long[] late = Arrays.stream(lateMs).filter(x -> x >= 0).sorted().toArray();
        double cpuPer1000 = pingsInWindow == 0 ? 0 : (busyCpu - quietCpu) / 1e6 / pingsInWindow * 1000;
        report.append("# Heartbeats beside URL checks (HeartbeatBench, ")
                .append(Instant.now())
                .append(")\n\n");
        report.append("Generated by `mvn -B -q -Pheartbeat-bench -DskipTests package`");
        if (HEARTBEATS != 10_000 || CHECKS != 10_000) {
            report.append(" at a small size (NOT the figures the issue asks for)");
        }
        report.append(".\n\n");
        report.append("| figure | value |\n|---|---|\n");
        report.append("| heartbeats (each pinged every 60 s) | ")
                .append(HEARTBEATS)
                .append(" |\n");
        report.append("| URL checks (every 10 s) | ").append(CHECKS).append(" |\n");
        report.append("| cores | ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" |\n");
        report.append("| pings sent / failed | ")
                .append(sent.get())
                .append(" / ")
                .append(failed.get())
                .append(" |\n");
        report.append("| ping answer p50 / p99 / max (client side) | ")
                .append(ms(pct(sorted, 0.50)))
                .append(" / ")
                .append(ms(pct(sorted, 0.99)))
                .append(" / ")
                .append(ms(sorted.length == 0 ? 0 : sorted[sorted.length - 1]))
                .append(" |\n");
        report.append("| process CPU per 1,000 pings (window with pings minus one without, client included) | ")
                .append(String.format("%.0f ms", cpuPer1000))
                .append(" |\n");
        report.append("| CPU without pings / with, per ")
                .append(WINDOW.toSeconds())
                .append(" s window | ")
                .append(quietCpu / 1_000_000)
                .append(" ms / ")
                .append(busyCpu / 1_000_000)
                .append(" ms |\n");
        report.append("| RSS of the process (bot, fake Slack, target, pingers) | ")
                .append(rssKb / 1024)
                .append(" MiB |\n");
        report.append("| silenced heartbeats found DOWN | ")
                .append(late.length)
                .append(" of ")
                .append(SILENCED)
                .append(" |\n");
        report.append("| found after the deadline: median / max | ")
                .append(late.length == 0 ? "-" : late[late.length / 2] + " ms")
                .append(" / ")
                .append(late.length == 0 ? "-" : late[late.length - 1] + " ms")
                .append(" |\n");
        report.append("| all found within 1 s of the deadline | ")
                .append(late.length == SILENCED && (late.length == 0 || late[late.length - 1] <= 1000) ? "yes" : "NO")
                .append(" |\n");
    }

    private static String ms(long nanos) {
        return String.format("%.1f ms", nanos / 1e6);
    }

    private static long pct(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long rssKb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }

    private HeartbeatBench() {}
}
