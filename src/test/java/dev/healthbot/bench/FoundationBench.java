package dev.healthbot.bench;

import com.sun.net.httpserver.HttpServer;
import dev.healthbot.fakeslack.FakeSlack;
import dev.healthbot.fakeslack.Message;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Measures the runnable jar against the fake Slack on loopback and writes its section of docs/BENCHMARKS.md:
 * start to connected, ack times of {@code /health help}, outage and recovery latency, jar size.
 * Run with {@code mvn -B -q -Pbench -DskipTests package}. Bounded: a few minutes at most.
 */
public final class FoundationBench {

    static final Path JAR = Path.of("target/healthbot.jar");
    static final Duration WAIT = Duration.ofSeconds(60);
    static final String OPS = "C0BENCH001";

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("healthbot-bench");
        List<Long> startMs = new ArrayList<>();
        List<Long> ackMs = new ArrayList<>();
        List<Long> downMs = new ArrayList<>();
        List<Long> upMs = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
            try (FakeSlack slack = FakeSlack.start()) {
                long t0 = System.nanoTime();
                Process p = launch(slack, work.resolve("start-" + run + ".db"), work.resolve("start-" + run + ".log"));
                try {
                    slack.awaitConnected(WAIT);
                    startMs.add((System.nanoTime() - t0) / 1_000_000);
                    if (run == 0) {
                        for (int i = 0; i < 20; i++) {
                            ackMs.add(slack.slashCommand("help")
                                    .get(10, TimeUnit.SECONDS)
                                    .elapsed()
                                    .toMillis());
                        }
                        alertLatency(slack, downMs, upMs);
                    }
                } finally {
                    p.destroy();
                    p.waitFor(15, TimeUnit.SECONDS);
                }
            }
        }
        long jarBytes = Files.size(JAR);
        String doc = render(startMs, ackMs, downMs, upMs, jarBytes);
        // Only its own section: the scale section and the notes around them stay.
        DocSection.write(Path.of("docs/BENCHMARKS.md"), "foundation", doc);
        System.out.println(doc);
    }

    /** Five outages of an every=1s server (default thresholds: 3 failures, 2 successes). */
    static void alertLatency(FakeSlack slack, List<Long> downMs, List<Long> upMs) throws Exception {
        AtomicInteger status = new AtomicInteger(200);
        HttpServer target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        target.createContext("/", ex -> {
            ex.sendResponseHeaders(status.get(), -1);
            ex.close();
        });
        target.start();
        try {
            slack.slashCommand("subscribe", FakeSlack.DEFAULT_USER_ID, OPS).get(10, TimeUnit.SECONDS);
            slack.awaitResponseUrlPost(p -> p.text() != null && p.text().contains("now gets alerts"), WAIT);
            String url = "http://127.0.0.1:" + target.getAddress().getPort() + "/health";
            slack.slashCommand("add bench " + url + " every=1s timeout=500ms", FakeSlack.DEFAULT_USER_ID, OPS)
                    .get(10, TimeUnit.SECONDS);
            // Let it come UP first (its first UP posts nothing).
            waitQuiet(Duration.ofSeconds(3));
            for (int round = 0; round < 5; round++) {
                int posts = top(slack).size();
                Instant failAt = Instant.now();
                status.set(503);
                slack.awaitMessage(OPS, m -> !m.isReply() && top(slack).size() > posts, WAIT);
                Message outage = top(slack).get(top(slack).size() - 1);
                downMs.add(Duration.between(failAt, callTime(slack, outage)).toMillis());
                Instant upAt = Instant.now();
                status.set(200);
                Message reply = slack.awaitMessage(OPS, m -> outage.ts().equals(m.threadTs()), WAIT);
                upMs.add(Duration.between(upAt, callTime(slack, reply)).toMillis());
                slack.awaitMessage(OPS, m -> m.ts().equals(outage.ts()) && m.updates() > 0, WAIT);
            }
        } finally {
            target.stop(0);
        }
    }

    private static Instant callTime(FakeSlack slack, Message m) {
        return slack.calls("chat.postMessage").stream()
                .filter(c -> c.ok() && m.text().equals(c.param("text")))
                .map(c -> c.at())
                .reduce((a, b) -> b)
                .orElseThrow();
    }

    private static List<Message> top(FakeSlack slack) {
        return slack.messages(OPS).stream().filter(m -> !m.isReply()).toList();
    }

    private static void waitQuiet(Duration d) {
        java.util.concurrent.locks.LockSupport.parkNanos(d.toNanos());
    }

    private static Process launch(FakeSlack slack, Path db, Path log) throws IOException {
        return dev.healthbot.BotProcess.launch(db, slack, log, java.util.Map.of());
    }

    private static long median(List<Long> xs) {
        List<Long> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }

    private static long max(List<Long> xs) {
        return Collections.max(xs);
    }

    private static String render(List<Long> start, List<Long> ack, List<Long> down, List<Long> up, long jarBytes) {
        String cpu = Runtime.getRuntime().availableProcessors() + " cores";
        return """
                ## Foundation and alerts

                Measured on %s, on this project's machine (%s, %s, JDK %s), by

                ```sh
                mvn -B -q -Pbench -DskipTests package
                ```

                which builds the jar, then runs `dev.healthbot.bench.FoundationBench` (test code): it starts
                `java -jar target/healthbot.jar` against the fake Slack on 127.0.0.1 and rewrites this section.
                Every figure comes from that run; nothing here is typed by hand.

                ### Foundation

                | figure | value | how |
                |---|---|---|
                | start to connected | median %d ms, worst %d ms (3 starts, fresh database each) | process launch until the fake Slack has an open Socket Mode connection and sent `hello` |
                | ack of `/health help` | median %d ms, worst %d ms (20 commands) | envelope sent until the ack frame arrives, measured by the fake Slack |
                | size of `target/healthbot.jar` | %.1f MiB (%d bytes) | `Files.size` |

                ### Alerts

                One server at `every=1s`, default thresholds (3 failures before DOWN, 2 successes before UP,
                re-checked after 1 s while a verdict forms), one subscribed channel, five outages.

                | figure | median | worst | samples (ms) |
                |---|---|---|---|
                | target starts failing to outage post | %d ms | %d ms | %s |
                | target recovers to thread reply | %d ms | %d ms | %s |

                The floor is set by the thresholds: three failed checks at least 1 s apart before DOWN, two
                good checks 1 s apart before UP.
                """
                .formatted(
                        LocalDate.now(),
                        cpu,
                        System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                        System.getProperty("java.version"),
                        median(start),
                        max(start),
                        median(ack),
                        max(ack),
                        jarBytes / 1048576.0,
                        jarBytes,
                        median(down),
                        max(down),
                        down,
                        median(up),
                        max(up),
                        up);
    }
}
