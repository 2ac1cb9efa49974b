package dev.healthbot;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.healthbot.config.HealthBotConfig;
import dev.healthbot.fakeslack.Ack;
import dev.healthbot.monitor.FailureKind;
import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.MonitorState;
import dev.healthbot.monitor.ProbeResult;
import dev.healthbot.monitor.Status;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and broken targets, all at once, next to healthy ones, in the real bot: each hostile one is
 * classified (failure kind and detail) within its timeout plus one second, the healthy ones stay UP
 * on their interval, and the bot's threads and heap come back where they were. Everything runs on
 * loopback; host names resolve through a test resolver, so no DNS query leaves the machine.
 */
class HostileTargetsIT {

    static final Duration INTERVAL = Duration.ofSeconds(2);
    static final Duration TIMEOUT = Duration.ofSeconds(1);
    /** How long the hostile targets run: enough rounds for a leak per round to show. */
    static final Duration RUN = Duration.ofSeconds(16);
    /** Live threads may end this far above the start once the hostile targets are gone. */
    static final int THREAD_BOUND = 6;
    /** Used heap after GC may end this far above the start. */
    static final long HEAP_BOUND = 16L * 1024 * 1024;

    static final String PASS = "changeit";
    static final long GIB = 1024L * 1024 * 1024;

    @TempDir
    Path dir;

    BotHarness h;
    final List<AutoCloseable> servers = new ArrayList<>();
    // Idle handler threads end after a second, so that they do not blur the bot's thread count.
    final java.util.concurrent.ThreadPoolExecutor handlers = new java.util.concurrent.ThreadPoolExecutor(
            0, Integer.MAX_VALUE, 1, TimeUnit.SECONDS, new java.util.concurrent.SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "hostile-handler");
                t.setDaemon(true);
                return t;
            });
    final CountDownLatch stopServers = new CountDownLatch(1);
    final CountDownLatch releaseSlowDns = new CountDownLatch(1);
    String savedTrustStore;
    String savedTrustStoreType;
    String savedTrustStorePassword;

    @BeforeEach
    void saveTrustStore() {
        savedTrustStore = System.getProperty("javax.net.ssl.trustStore");
        savedTrustStoreType = System.getProperty("javax.net.ssl.trustStoreType");
        savedTrustStorePassword = System.getProperty("javax.net.ssl.trustStorePassword");
    }

    @AfterEach
    void stop() throws Exception {
        releaseSlowDns.countDown();
        stopServers.countDown();
        if (h != null) {
            h.close();
        }
        for (AutoCloseable s : servers) {
            s.close();
        }
        handlers.shutdownNow();
        restore("javax.net.ssl.trustStore", savedTrustStore);
        restore("javax.net.ssl.trustStoreType", savedTrustStoreType);
        restore("javax.net.ssl.trustStorePassword", savedTrustStorePassword);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    /**
     * The test's names: nxdomain does not resolve, slow hangs until released (as a resolver that
     * never answers), metadata is a denied loopback address, wrongname is 127.0.0.1 under a name its
     * certificate does not carry. Literals resolve as usual (no lookup).
     */
    private InetAddress[] resolve(String host) throws UnknownHostException {
        switch (host) {
            case "nxdomain.hostile.test" -> throw new UnknownHostException(host);
            case "slow.hostile.test" -> {
                try {
                    releaseSlowDns.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new UnknownHostException(host);
            }
            case "metadata.hostile.test" -> {
                return new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 3})};
            }
            case "wrongname.hostile.test" -> {
                return new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})};
            }
            default -> {
                if (!host.matches("[0-9.]+|[0-9a-fA-F:]+")) {
                    throw new UnknownHostException(host + " (only literals and *.hostile.test in this test)");
                }
                return InetAddress.getAllByName(host);
            }
        }
    }

    /** What a hostile target must end as. */
    record Expected(String name, String url, String options, FailureKind kind, String detail) {}

    @Test
    void hostileTargetsAreClassifiedInTimeAndHealthyOnesKeepTheirInterval() throws Exception {
        Certificates certs = Certificates.make(dir);

        // Healthy targets, each logging when it is checked.
        Queue<Long> httpHits = new ConcurrentLinkedQueue<>();
        Queue<Long> httpsHits = new ConcurrentLinkedQueue<>();
        Queue<Long> wsHits = new ConcurrentLinkedQueue<>();
        Queue<Long> tcpHits = new ConcurrentLinkedQueue<>();
        HttpServer okHttp = httpServer(s -> s.createContext("/", ex -> {
            httpHits.add(System.nanoTime());
            answer(ex, 200);
        }));
        HttpsServer okHttps = httpsServer(certs.valid, ex -> {
            httpsHits.add(System.nanoTime());
            answer(ex, 200);
        });
        int okWs = webSocketServer(wsHits);
        int okTcp = raw(s -> {
            tcpHits.add(System.nanoTime());
            closeQuietly(s);
        });

        // Hostile targets.
        List<Socket> held = new CopyOnWriteArrayList<>();
        AtomicLong hugeBytes = new AtomicLong();
        AtomicLong hugeConnections = new AtomicLong();
        int silent = raw(held::add);
        int trickleHead = raw(s -> trickle(s, "HTTP/1.1 200 OK\r\nX-Slow: " + "a".repeat(1000)));
        int trickleBody = raw(s -> {
            write(s, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n");
            trickle(s, "b".repeat(1000));
        });
        int huge200 = raw(s -> huge(s, "200 OK", hugeBytes, hugeConnections));
        int huge503 = raw(s -> huge(s, "503 Service Unavailable", hugeBytes, hugeConnections));
        int endless = raw(s -> endless(s, hugeBytes, hugeConnections));
        int closing = raw(HostileTargetsIT::closeQuietly);
        int wsOk200 = raw(s -> {
            readRequest(s);
            write(s, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            closeQuietly(s);
        });
        // A plain HTTP server that answers anything, a TLS hello too, with 400 (as nginx does).
        int plain = raw(s -> {
            try {
                s.setSoTimeout(3000);
                s.getInputStream().read(new byte[4096]);
            } catch (IOException e) {
                // answer anyway
            }
            write(s, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            closeQuietly(s);
        });
        int nothing = closedPort();
        HttpServer redirects = httpServer(s -> {
            s.createContext("/loop", ex -> redirect(ex, "/loop"));
            s.createContext("/file", ex -> redirect(ex, "file:///etc/passwd"));
            s.createContext("/gopher", ex -> redirect(ex, "gopher://127.0.0.1:70/1"));
            s.createContext("/metadata", ex -> redirect(ex, "http://metadata.hostile.test:" + nothing + "/latest/"));
            s.createContext("/", ex -> answer(ex, 200));
        });
        int redirectPort = redirects.getAddress().getPort();
        int selfSigned = httpsServer(certs.selfSigned, ex -> answer(ex, 200))
                .getAddress()
                .getPort();
        int expired =
                httpsServer(certs.expired, ex -> answer(ex, 200)).getAddress().getPort();
        int valid = okHttps.getAddress().getPort();

        String local = "http://127.0.0.1:";
        String only200 = " expect=200";
        List<Expected> hostile = List.of(
                new Expected("silent", local + silent + "/", "", FailureKind.TIMEOUT, "timed out after 1 s"),
                new Expected("trickle-head", local + trickleHead + "/", "", FailureKind.TIMEOUT, "timed out after 1 s"),
                new Expected("trickle-body", local + trickleBody + "/", "", FailureKind.TIMEOUT, "timed out after 1 s"),
                new Expected(
                        "huge-503", local + huge503 + "/", "", FailureKind.HTTP_STATUS, "HTTP 503 Service Unavailable"),
                new Expected(
                        "redirect-loop",
                        local + redirectPort + "/loop",
                        only200,
                        FailureKind.REDIRECT,
                        "redirect loop: " + local + redirectPort + "/loop → " + local + redirectPort + "/loop"),
                new Expected(
                        "redirect-file",
                        local + redirectPort + "/file",
                        only200,
                        FailureKind.REDIRECT,
                        "redirect to file: refused"),
                new Expected(
                        "redirect-gopher",
                        local + redirectPort + "/gopher",
                        only200,
                        FailureKind.REDIRECT,
                        "redirect to gopher: refused"),
                new Expected(
                        "redirect-metadata",
                        local + redirectPort + "/metadata",
                        only200,
                        FailureKind.DENIED,
                        "metadata.hostile.test resolves to 127.0.0.3, which is in a denied range (127.0.0.3/32);"
                                + " see HEALTHBOT_DENY_TARGETS"),
                new Expected(
                        "tls-self-signed",
                        "https://127.0.0.1:" + selfSigned + "/",
                        "",
                        FailureKind.TLS,
                        "TLS: certificate not trusted (self-signed or unknown issuer)"),
                new Expected(
                        "tls-expired",
                        "https://127.0.0.1:" + expired + "/",
                        "",
                        FailureKind.TLS,
                        "TLS: certificate expired"),
                new Expected(
                        "tls-wrong-name",
                        "https://wrongname.hostile.test:" + valid + "/",
                        "",
                        FailureKind.TLS,
                        "TLS: host name mismatch"),
                new Expected(
                        "https-on-plain",
                        "https://127.0.0.1:" + plain + "/",
                        "",
                        FailureKind.TLS,
                        "TLS: server did not speak TLS"),
                new Expected(
                        "ws-silent",
                        "ws://127.0.0.1:" + silent + "/",
                        "",
                        FailureKind.TIMEOUT,
                        "WebSocket handshake timed out after 1 s"),
                new Expected(
                        "ws-200",
                        "ws://127.0.0.1:" + wsOk200 + "/",
                        "",
                        FailureKind.HANDSHAKE,
                        "WebSocket handshake failed: HTTP 200 OK instead of 101"),
                new Expected(
                        "ws-closing",
                        "ws://127.0.0.1:" + closing + "/",
                        "",
                        FailureKind.RESET,
                        "connection closed by the server before the WebSocket handshake completed"),
                new Expected(
                        "nxdomain",
                        "http://nxdomain.hostile.test/",
                        "",
                        FailureKind.DNS,
                        "unknown host nxdomain.hostile.test"),
                new Expected(
                        "slow-dns-http",
                        "http://slow.hostile.test/",
                        "",
                        FailureKind.TIMEOUT,
                        "DNS lookup of slow.hostile.test timed out after 1 s"),
                new Expected(
                        "slow-dns-ws",
                        "ws://slow.hostile.test/",
                        "",
                        FailureKind.TIMEOUT,
                        "DNS lookup of slow.hostile.test timed out after 1 s"),
                new Expected(
                        "slow-dns-tcp",
                        "tcp://slow.hostile.test:80",
                        "",
                        FailureKind.TIMEOUT,
                        "DNS lookup of slow.hostile.test timed out after 1 s"));
        // Hostile, but a 200: up, having read at most 64 KiB of an endless or 1 GiB body.
        Map<String, String> bigBodies = Map.of(
                "huge-200", local + huge200 + "/",
                "endless-chunked", local + endless + "/");
        Map<String, String> healthy = new LinkedHashMap<>();
        healthy.put("ok-http", local + okHttp.getAddress().getPort() + "/");
        healthy.put("ok-https", "https://127.0.0.1:" + valid + "/");
        healthy.put("ok-ws", "ws://127.0.0.1:" + okWs + "/");
        healthy.put("ok-tcp", "tcp://127.0.0.1:" + okTcp);

        // The bot trusts the test CA, as an operator would set javax.net.ssl.trustStore.
        System.setProperty("javax.net.ssl.trustStore", certs.trustStore.toString());
        System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
        System.setProperty("javax.net.ssl.trustStorePassword", PASS);
        h = new BotHarness(dir);
        h.env.put("HEALTHBOT_DENY_TARGETS", "169.254.0.0/16,fd00:ec2::254/128,fe80::/10,127.0.0.3/32");
        h.bot = Bot.start(HealthBotConfig.fromEnvironment(h.env), InstantSource.system(), this::resolve);
        h.slack.awaitConnected(BotHarness.WAIT);

        String every =
                " every=" + INTERVAL.toSeconds() + "s timeout=" + TIMEOUT.toSeconds() + "s failures=1 successes=1";
        healthy.forEach((name, url) -> add(name, url, every));
        for (String name : healthy.keySet()) {
            awaitStatus(name, Status.UP);
        }
        // Start: the healthy targets running, pools warm.
        awaitChecks(httpHits, 2);
        Instant upSince = Instant.now();
        Measure start = Measure.take();

        long hostileFrom = System.nanoTime();
        for (Expected e : hostile) {
            add(e.name(), e.url(), every + e.options());
        }
        bigBodies.forEach((name, url) -> add(name, url, every));

        // Let the hostile targets run for several rounds, watching the peak thread count.
        int peakThreads = 0;
        long end = System.nanoTime() + RUN.toNanos();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        while (System.nanoTime() < end) {
            peakThreads = Math.max(peakThreads, threads.getThreadCount());
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        }
        long hostileTo = System.nanoTime();
        // Lookup threads stuck in the hanging resolver (idle pool threads are not counted).
        int dnsThreads = (int) Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getName().startsWith("healthbot-dns"))
                .filter(e -> java.util.Arrays.stream(e.getValue())
                        .anyMatch(f -> f.getClassName().startsWith(HostileTargetsIT.class.getName())))
                .count();

        // Every hostile target is DOWN with the right kind and detail, found within timeout + 1 s.
        List<String> report = new ArrayList<>();
        for (Expected e : hostile) {
            MonitorState s = state(e.name());
            ProbeResult last = s.last();
            report.add(String.format(
                    Locale.ROOT,
                    "| %s | %s | %s | %d ms | %s |",
                    e.name(),
                    s.status(),
                    last == null ? "-" : last.failure(),
                    last == null ? -1 : last.latency().toMillis(),
                    last == null ? "-" : last.detail()));
            assertThat(s.status()).as(e.name()).isEqualTo(Status.DOWN);
            assertThat(last.failure()).as(e.name() + ": " + last.detail()).isEqualTo(e.kind());
            if (e.name().startsWith("slow-dns")) {
                // The lookup's own deadline or the probe's backstop, whichever fires first.
                assertThat(last.detail())
                        .as(e.name())
                        .isIn(e.detail(), "timed out after 1 s", "connect timed out after 1 s");
            } else {
                // a refused redirect ends with the chain that led to it
                assertThat(last.detail()).as(e.name()).startsWith(e.detail());
            }
            assertThat(last.latency()).as(e.name()).isLessThanOrEqualTo(TIMEOUT.plusSeconds(1));
        }
        for (String name : bigBodies.keySet()) {
            MonitorState s = state(name);
            report.add(String.format(
                    Locale.ROOT,
                    "| %s | %s | %s | %d ms | %s |",
                    name,
                    s.status(),
                    s.last().failure(),
                    s.last().latency().toMillis(),
                    s.last().detail()));
            assertThat(s.status()).as(name).isEqualTo(Status.UP);
            assertThat(s.last().detail()).as(name).isEqualTo("HTTP 200 OK");
            assertThat(s.last().latency()).as(name).isLessThanOrEqualTo(TIMEOUT.plusSeconds(1));
        }
        // The big bodies were cut: far less than 1 GiB went out per connection (the rest is socket buffers).
        long perConnection = hugeBytes.get() / Math.max(1, hugeConnections.get());
        assertThat(hugeConnections.get()).isGreaterThanOrEqualTo(6);
        assertThat(perConnection).isLessThan(64L * 1024 * 1024);

        // The healthy targets stayed UP throughout, checked on their interval.
        Map<String, Long> maxGaps = new LinkedHashMap<>();
        Map<String, Queue<Long>> logs =
                Map.of("ok-http", httpHits, "ok-https", httpsHits, "ok-ws", wsHits, "ok-tcp", tcpHits);
        for (String name : healthy.keySet()) {
            MonitorState s = state(name);
            assertThat(s.status()).as(name).isEqualTo(Status.UP);
            assertThat(s.since()).as(name + " stayed UP").isBefore(upSince);
            List<Long> hits = logs.get(name).stream()
                    .filter(t -> t >= hostileFrom - INTERVAL.toNanos() && t <= hostileTo)
                    .sorted()
                    .toList();
            long maxGap = 0;
            for (int i = 1; i < hits.size(); i++) {
                maxGap = Math.max(maxGap, hits.get(i) - hits.get(i - 1));
            }
            maxGap = Math.max(maxGap, hostileTo - hits.get(hits.size() - 1));
            maxGaps.put(name, TimeUnit.NANOSECONDS.toMillis(maxGap));
            assertThat(hits.size())
                    .as(name + " checks")
                    .isGreaterThanOrEqualTo((int) (RUN.toSeconds() / INTERVAL.toSeconds()) - 1);
            assertThat(Duration.ofNanos(maxGap)).as(name + " longest gap").isLessThanOrEqualTo(INTERVAL.plusSeconds(1));
        }
        // A resolver that never answers holds one lookup thread per name, not one per probe.
        assertThat(dnsThreads).as("lookup threads stuck in the resolver").isEqualTo(1);

        // Remove the hostile targets; let the hanging resolver give up, as a real one does; then
        // threads and heap must come back to where they started.
        for (Expected e : hostile) {
            h.bot.monitors().remove(e.name(), "test");
        }
        bigBodies.keySet().forEach(name -> h.bot.monitors().remove(name, "test"));
        releaseSlowDns.countDown();
        for (Socket s : held) {
            closeQuietly(s);
        }
        long settle = System.nanoTime() + TimeUnit.SECONDS.toNanos(25);
        Measure after = Measure.take();
        while (after.threads() > start.threads() + THREAD_BOUND && System.nanoTime() < settle) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
            after = Measure.take();
        }
        String figures = String.format(
                Locale.ROOT,
                "hostile=%d bigBodies=%d healthy=%d run=%ds threads start=%d peak=%d end=%d"
                        + " heapMiB start=%.1f end=%.1f dnsThreads=%d hugeConnections=%d bytesPerConnection=%d"
                        + " maxGapsMs=%s",
                hostile.size(),
                bigBodies.size(),
                healthy.size(),
                RUN.toSeconds(),
                start.threads(),
                peakThreads,
                after.threads(),
                start.heap() / 1048576.0,
                after.heap() / 1048576.0,
                dnsThreads,
                hugeConnections.get(),
                perConnection,
                maxGaps);
        System.out.println("HostileTargetsIT " + figures);
        report.forEach(System.out::println);
        Files.writeString(Path.of("target", "hostile-targets.txt"), figures + "\n" + String.join("\n", report) + "\n");
        assertThat(after.threads()).as("live threads " + figures).isLessThanOrEqualTo(start.threads() + THREAD_BOUND);
        assertThat(after.heap()).as("used heap " + figures).isLessThanOrEqualTo(start.heap() + HEAP_BOUND);
    }

    @Test
    void aDeniedTargetIsRefusedAtRegistrationAndNothingIsSaved() throws Exception {
        h = new BotHarness(dir);
        h.bot = Bot.start(HealthBotConfig.fromEnvironment(h.env), InstantSource.system(), this::resolve);
        h.slack.awaitConnected(BotHarness.WAIT);

        Ack literal = h.command("add meta http://169.254.169.254/latest/meta-data/");
        assertThat(literal.text())
                .contains("Nothing was saved")
                .contains("169.254.169.254 is in a denied range (169.254.0.0/16); see HEALTHBOT_DENY_TARGETS");
        Ack v6 = h.command("add meta6 ws://[fd00:ec2::254]/");
        assertThat(v6.text()).contains("is in a denied range (fd00:ec2:0:0:0:0:0:254/128)");
        Ack modal = h.submit(
                "server_add", "", BotHarness.values(Map.of("name", "meta", "url", "tcp://169.254.169.254:80")));
        assertThat(modal.payload().get("response_action").getAsString()).isEqualTo("errors");
        assertThat(modal.payload().getAsJsonObject("errors").get("url").getAsString())
                .contains("169.254.169.254 is in a denied range (169.254.0.0/16)");
        // A name that does not resolve may be down for now: it is allowed, and probes check again.
        Ack unknown = h.command("add later http://nxdomain.hostile.test/ every=60s");
        assertThat(unknown.text()).contains("registered");

        assertThat(h.bot.monitors().find("meta")).isEmpty();
        assertThat(h.bot.monitors().find("meta6")).isEmpty();
        assertThat(h.bot.monitors().list()).hasSize(1);
    }

    @Test
    void aNameResolvingToADeniedAddressAndAnAddressOutsideTheAllowListAreRefused() throws Exception {
        h = new BotHarness(dir);
        h.env.put("HEALTHBOT_DENY_TARGETS", "127.0.0.3/32");
        h.env.put("HEALTHBOT_ALLOW_TARGETS", "127.0.0.2/32, 127.0.0.3/32");
        h.bot = Bot.start(HealthBotConfig.fromEnvironment(h.env), InstantSource.system(), this::resolve);
        h.slack.awaitConnected(BotHarness.WAIT);

        Ack named = h.command("add meta http://metadata.hostile.test/");
        assertThat(named.text())
                .contains("metadata.hostile.test resolves to 127.0.0.3, which is in a denied range (127.0.0.3/32);"
                        + " see HEALTHBOT_DENY_TARGETS");
        Ack outside = h.command("add local http://127.0.0.1:" + closedPort() + "/");
        assertThat(outside.text())
                .contains("127.0.0.1 is not in an allowed range (127.0.0.2/32, 127.0.0.3/32);"
                        + " see HEALTHBOT_ALLOW_TARGETS");
        assertThat(h.bot.monitors().list()).isEmpty();
    }

    // --- the bot -------------------------------------------------------------------------------

    private void add(String name, String url, String options) {
        Ack ack = h.command("add " + name + " " + url + options);
        assertThat(ack.text()).as(name).contains("registered");
    }

    private MonitorState state(String name) {
        Monitor m = h.bot.monitors().find(name).orElseThrow();
        return h.bot.monitors().state(m.id()).orElseThrow();
    }

    private void awaitStatus(String name, Status wanted) {
        long deadline = System.nanoTime() + BotHarness.WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (state(name).status() == wanted) {
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        throw new AssertionError(name + " never became " + wanted + ": " + state(name));
    }

    private static void awaitChecks(Queue<Long> hits, int more) {
        int target = hits.size() + more;
        long deadline = System.nanoTime() + BotHarness.WAIT.toNanos();
        while (hits.size() < target && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        assertThat(hits.size()).isGreaterThanOrEqualTo(target);
    }

    /** Live threads and used heap after a full GC. */
    record Measure(int threads, long heap) {
        static Measure take() {
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            return new Measure(
                    ManagementFactory.getThreadMXBean().getThreadCount(),
                    memory.getHeapMemoryUsage().getUsed());
        }
    }

    // --- the servers ---------------------------------------------------------------------------

    private HttpServer httpServer(Consumer<HttpServer> contexts) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        s.setExecutor(handlers);
        contexts.accept(s);
        s.start();
        servers.add(() -> s.stop(0));
        return s;
    }

    private HttpsServer httpsServer(Path keystore, com.sun.net.httpserver.HttpHandler handler) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, PASS.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASS.toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        HttpsServer s = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        s.setHttpsConfigurator(new HttpsConfigurator(ctx));
        s.setExecutor(handlers);
        s.createContext("/", handler);
        s.start();
        servers.add(() -> s.stop(0));
        return s;
    }

    private int webSocketServer(Queue<Long> hits) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        WebSocketServer ws = new WebSocketServer(new InetSocketAddress("127.0.0.1", 0)) {
            @Override
            public void onOpen(WebSocket conn, ClientHandshake handshake) {
                hits.add(System.nanoTime());
            }

            @Override
            public void onClose(WebSocket conn, int code, String reason, boolean remote) {}

            @Override
            public void onMessage(WebSocket conn, String message) {}

            @Override
            public void onError(WebSocket conn, Exception ex) {}

            @Override
            public void onStart() {
                started.countDown();
            }
        };
        ws.setDaemon(true);
        ws.setReuseAddr(true);
        ws.start();
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        servers.add(() -> ws.stop(1000));
        return ws.getPort();
    }

    /** A raw TCP server on loopback handing each accepted connection to {@code onAccept} on its own thread. */
    private int raw(Consumer<Socket> onAccept) throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress("127.0.0.1", 0), 100);
        Thread acceptor = new Thread(
                () -> {
                    while (!server.isClosed()) {
                        try {
                            Socket s = server.accept();
                            handlers.execute(() -> onAccept.accept(s));
                        } catch (IOException | java.util.concurrent.RejectedExecutionException e) {
                            // closed
                        }
                    }
                },
                "hostile-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        servers.add(() -> {
            server.close();
            acceptor.join(5000);
        });
        return server.getLocalPort();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    /** Sends {@code text} one byte a second until the client goes away or the test ends. */
    private void trickle(Socket s, String text) {
        try (s) {
            readRequest(s);
            OutputStream out = s.getOutputStream();
            for (int i = 0; ; i = (i + 1) % text.length()) {
                out.write(text.charAt(i));
                out.flush();
                if (stopServers.await(1, TimeUnit.SECONDS)) {
                    return;
                }
            }
        } catch (IOException e) {
            // the probe gave up and closed the connection: expected
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Announces a 1 GiB body and writes it until the client goes away. */
    private static void huge(Socket s, String status, AtomicLong bytes, AtomicLong connections) {
        connections.incrementAndGet();
        try (s) {
            readRequest(s);
            write(s, "HTTP/1.1 " + status + "\r\nContent-Length: " + GIB + "\r\n\r\n");
            byte[] block = new byte[64 * 1024];
            OutputStream out = s.getOutputStream();
            for (long sent = 0; sent < GIB; sent += block.length) {
                out.write(block);
                bytes.addAndGet(block.length);
            }
        } catch (IOException e) {
            // cut by the probe: expected
        }
    }

    /** A chunked body that never ends, until the client goes away. */
    private static void endless(Socket s, AtomicLong bytes, AtomicLong connections) {
        connections.incrementAndGet();
        try (s) {
            readRequest(s);
            write(s, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
            byte[] chunk = ("2000\r\n" + "c".repeat(0x2000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            OutputStream out = s.getOutputStream();
            for (long sent = 0; sent < GIB; sent += chunk.length) {
                out.write(chunk);
                bytes.addAndGet(chunk.length);
            }
        } catch (IOException e) {
            // cut by the probe: expected
        }
    }

    /** Reads the request head (up to a blank line, 16 KiB at most, 3 s at most). */
    private static void readRequest(Socket s) {
        try {
            s.setSoTimeout(3000);
            InputStream in = s.getInputStream();
            int state = 0;
            for (int i = 0; i < 16 * 1024 && state < 4; i++) {
                int c = in.read();
                if (c < 0) {
                    return;
                }
                state = (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3))
                        ? state + 1
                        : 0;
            }
        } catch (IOException e) {
            // answer anyway
        }
    }

    private static void write(Socket s, String text) {
        try {
            s.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
        } catch (IOException e) {
            // the client went away
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    private static void answer(HttpExchange ex, int code) throws IOException {
        try (ex) {
            ex.sendResponseHeaders(code, -1);
        }
    }

    private static void redirect(HttpExchange ex, String location) throws IOException {
        try (ex) {
            ex.getResponseHeaders().add("Location", location);
            ex.sendResponseHeaders(302, -1);
        }
    }

    /** Key stores made with the JDK's keytool: a CA, and server certificates self-signed, expired and valid. */
    record Certificates(Path trustStore, Path selfSigned, Path expired, Path valid) {

        static Certificates make(Path dir) throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                List<Future<?>> first = List.of(
                        pool.submit(() -> keytool(
                                dir,
                                "-genkeypair",
                                "-alias",
                                "ca",
                                "-keyalg",
                                "EC",
                                "-dname",
                                "CN=healthbot hostile CA",
                                "-ext",
                                "bc:c",
                                "-validity",
                                "3",
                                "-keystore",
                                "ca.p12")),
                        pool.submit(() -> keypair(dir, "self.p12")),
                        pool.submit(() -> keypair(dir, "server.p12")));
                for (Future<?> f : first) {
                    f.get(120, TimeUnit.SECONDS);
                }
                Files.copy(dir.resolve("server.p12"), dir.resolve("expired.p12"));
                List<Future<?>> second = List.of(
                        pool.submit(() ->
                                keytool(dir, "-exportcert", "-alias", "ca", "-keystore", "ca.p12", "-file", "ca.cer")),
                        pool.submit(() -> keytool(
                                dir,
                                "-certreq",
                                "-alias",
                                "server",
                                "-keystore",
                                "server.p12",
                                "-file",
                                "server.csr")));
                for (Future<?> f : second) {
                    f.get(120, TimeUnit.SECONDS);
                }
                List<Future<?>> third = List.of(
                        pool.submit(() -> gencert(dir, "valid.cer", "-validity", "2")),
                        pool.submit(() -> gencert(dir, "expired.cer", "-startdate", "-3d", "-validity", "1")),
                        pool.submit(() -> keytool(
                                dir, "-importcert", "-alias", "ca", "-keystore", "trust.p12", "-file", "ca.cer")));
                for (Future<?> f : third) {
                    f.get(120, TimeUnit.SECONDS);
                }
                List<Future<?>> fourth = List.of(
                        pool.submit(() -> {
                            keytool(dir, "-importcert", "-alias", "ca", "-keystore", "server.p12", "-file", "ca.cer");
                            return keytool(
                                    dir,
                                    "-importcert",
                                    "-alias",
                                    "server",
                                    "-keystore",
                                    "server.p12",
                                    "-file",
                                    "valid.cer");
                        }),
                        pool.submit(() -> {
                            keytool(dir, "-importcert", "-alias", "ca", "-keystore", "expired.p12", "-file", "ca.cer");
                            return keytool(
                                    dir,
                                    "-importcert",
                                    "-alias",
                                    "server",
                                    "-keystore",
                                    "expired.p12",
                                    "-file",
                                    "expired.cer");
                        }));
                for (Future<?> f : fourth) {
                    f.get(120, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            return new Certificates(
                    dir.resolve("trust.p12"),
                    dir.resolve("self.p12"),
                    dir.resolve("expired.p12"),
                    dir.resolve("server.p12"));
        }

        private static Void keypair(Path dir, String file) throws Exception {
            return keytool(
                    dir,
                    "-genkeypair",
                    "-alias",
                    "server",
                    "-keyalg",
                    "EC",
                    "-dname",
                    "CN=127.0.0.1",
                    "-ext",
                    "san=ip:127.0.0.1",
                    "-validity",
                    "2",
                    "-keystore",
                    file);
        }

        private static Void gencert(Path dir, String out, String... validity) throws Exception {
            List<String> args = new ArrayList<>(List.of(
                    "-gencert",
                    "-alias",
                    "ca",
                    "-keystore",
                    "ca.p12",
                    "-infile",
                    "server.csr",
                    "-outfile",
                    out,
                    "-ext",
                    "san=ip:127.0.0.1"));
            args.addAll(List.of(validity));
            return keytool(dir, args.toArray(String[]::new));
        }

        private static Void keytool(Path dir, String... args) throws Exception {
            List<String> command = new ArrayList<>();
            command.add(
                    Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
            command.addAll(List.of(args));
            command.addAll(List.of("-storepass", PASS, "-storetype", "PKCS12", "-noprompt"));
            Path log = Files.createTempFile(dir, "keytool", ".log");
            Process p = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("keytool finished").isTrue();
            assertThat(p.exitValue())
                    .as("keytool " + String.join(" ", args) + ": " + Files.readString(log))
                    .isZero();
            return null;
        }
    }
}
