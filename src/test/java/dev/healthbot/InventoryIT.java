package dev.healthbot;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.healthbot.fakeslack.FakeSlack;
import dev.healthbot.fakeslack.Message;
import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.Origin;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Servers from an inventory, end to end: the real bot and the fake Slack, a local HTTP server playing
 * the inventory (read every 300 ms), a watched servers file, and another HTTP server as the
 * servers' targets. One bot for the class (its start is most of the time): the two tests use distinct
 * sources and server names.
 */
class InventoryIT {

    static final Duration WAIT = BotHarness.WAIT;
    static final String CHANNEL = FakeSlack.DEFAULT_CHANNEL_ID;
    static final String HEADER_SECRET = "inventory-secret-0123456789";

    @TempDir
    static Path dir;

    static BotHarness h;
    static HttpServer targets;
    static HttpServer inventory;
    static Path file;
    static final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    static final AtomicReference<String> body = new AtomicReference<>("servers: []\n");
    static final AtomicInteger status = new AtomicInteger(200);
    static final AtomicInteger reads = new AtomicInteger();
    static final AtomicInteger notModified = new AtomicInteger();
    static final List<String> authorizations = new CopyOnWriteArrayList<>();
    static int targetPort;

    @BeforeAll
    static void start() throws Exception {
        targets = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        targets.createContext("/", ex -> {
            hits.computeIfAbsent(ex.getRequestURI().getPath(), k -> new AtomicInteger())
                    .incrementAndGet();
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        targets.start();
        targetPort = targets.getAddress().getPort();
        inventory = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        inventory.createContext("/servers", ex -> {
            reads.incrementAndGet();
            authorizations.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
            String b = body.get();
            String etag = "\"" + Integer.toHexString(b.hashCode()) + "\"";
            if (status.get() != 200) {
                ex.sendResponseHeaders(status.get(), -1);
            } else if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                notModified.incrementAndGet();
                ex.sendResponseHeaders(304, -1);
            } else {
                byte[] bytes = b.getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("ETag", etag);
                ex.sendResponseHeaders(200, bytes.length);
                ex.getResponseBody().write(bytes);
            }
            ex.close();
        });
        inventory.start();
        file = dir.resolve("servers.yml");
        Files.writeString(file, yaml(List.of("file-1", "file-2")));
        h = new BotHarness(dir);
        h.env.put("HEALTHBOT_SERVERS_FILE", file.toString());
        h.env.put(
                "HEALTHBOT_SERVERS_URL",
                "http://127.0.0.1:" + inventory.getAddress().getPort() + "/servers");
        h.env.put("HEALTHBOT_SERVERS_REFRESH", "300ms");
        h.env.put("HEALTHBOT_SERVERS_URL_HEADER", "Authorization: Bearer " + HEADER_SECRET);
        h.start();
        subscribe();
    }

    @AfterAll
    static void stop() {
        if (h != null) {
            h.close();
        }
        inventory.stop(0);
        targets.stop(0);
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + targetPort + path;
    }

    /** The servers-file format (YAML) listing {@code names}, each checked at /<name> hourly. */
    private static String yaml(List<String> names) {
        return "servers:\n"
                + names.stream()
                        .map(n -> "  - name: " + n + "\n    url: " + url("/" + n)
                                + "\n    environment: LIVE\n    interval: 1h\n")
                        .collect(Collectors.joining());
    }

    /** Prometheus HTTP SD JSON: one named group per name, plus {@code unnamed} groups without a name label. */
    private String sd(List<String> names, boolean unnamed) {
        String groups = names.stream()
                .map(n -> "{\"targets\": [\"127.0.0.1:" + targetPort + "\"], \"labels\": {\"name\": \"" + n
                        + "\", \"__metrics_path__\": \"/" + n + "\", \"environment\": \"LIVE\", \"interval\": \"1h\"}}")
                .collect(Collectors.joining(",\n "));
        if (unnamed) {
            groups += ",\n {\"targets\": [\"localhost:" + targetPort + "\"], \"labels\": {\"__metrics_path__\":"
                    + " \"/unnamed\", \"environment\": \"DEV\", \"interval\": \"1h\", \"timeout\": \"2s\"}}";
        }
        return "[" + groups + "]";
    }

    private static void await(String what, BooleanSupplier done) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (done.getAsBoolean()) {
                return;
            }
            LockSupport.parkNanos(20_000_000);
        }
        throw new AssertionError("never: " + what);
    }

    private static List<Monitor> fromInventory() {
        return h.bot.monitors().all().stream()
                .filter(m -> m.origin() == Origin.INVENTORY)
                .toList();
    }

    private int hitsOf(String name) {
        return hits.getOrDefault("/" + name, new AtomicInteger()).get();
    }

    private List<String> posts(String containing) {
        return h.slack.messages(CHANNEL).stream()
                .map(Message::text)
                .filter(t -> t != null && t.contains(containing))
                .toList();
    }

    private static void subscribe() {
        int before = h.slack.responseUrlPosts().size();
        h.command("subscribe");
        h.slack.awaitResponseUrlPost(
                p -> h.slack.responseUrlPosts().indexOf(p) >= before
                        && p.text() != null
                        && p.text().contains("now gets alerts"),
                WAIT);
    }

    /** Waits for the inventory to be read {@code n} more times: the bot has seen the current answer. */
    private void awaitReads(int n) {
        int target = reads.get() + n;
        await(n + " more reads of the inventory", () -> reads.get() >= target);
    }

    @Test
    void theBotFollowsTheInventoryInBothFormatsAndSurvivesItsFailures() {
        List<String> five =
                IntStream.rangeClosed(1, 5).mapToObj(i -> "inv-" + i).toList();

        // Added in the inventory: registered and probed within one refresh; one summary line.
        body.set(yaml(five));
        await("every listed server probed", () -> five.stream().allMatch(n -> hitsOf(n) > 0));
        h.slack.awaitMessage(CHANNEL, m -> m.text().contains("inventory: 5 added"), WAIT);
        Monitor one = h.bot.monitors().find("inv-1").orElseThrow();
        assertThat(one.origin()).isEqualTo(Origin.INVENTORY);
        assertThat(authorizations).contains("Bearer " + HEADER_SECRET);

        // Unchanged: answered with 304, nothing changes.
        await("a 304", () -> notModified.get() > 0);

        // Slack may not edit, switch or remove a server from the inventory, and says why.
        assertThat(h.command("edit inv-1").text()).contains("comes from the inventory");
        assertThat(h.command("remove inv-1").text()).contains("comes from the inventory");
        assertThat(h.command("list").payload().toString()).contains("inventory");

        // Removed from the inventory (1 of 5): removed, its probes stop, with the inventory as the actor.
        body.set(yaml(five.subList(0, 4)));
        await("inv-5 removed", () -> h.bot.monitors().find("inv-5").isEmpty());
        h.slack.awaitMessage(CHANNEL, m -> m.text().contains("inventory: 1 removed"), WAIT);

        // A 500 changes nothing and posts one notice, however long it lasts; then one "back".
        status.set(500);
        h.slack.awaitMessage(CHANNEL, m -> m.text().contains("inventory unreachable since"), WAIT);
        awaitReads(2);
        assertThat(posts("unreachable")).hasSize(1);
        assertThat(fromInventory()).hasSize(4);
        assertThat(h.command("about").text())
                .contains("inventory unreachable since")
                .contains("HTTP 500");
        status.set(200);
        h.slack.awaitMessage(CHANNEL, m -> m.text().contains("inventory is back"), WAIT);

        // Prometheus HTTP SD JSON: the same four by their name label, and one without a name.
        body.set(sd(five.subList(0, 4), true));
        String unnamed = "localhost-" + targetPort;
        await(
                "the unnamed target registered and probed",
                () -> h.bot.monitors().find(unnamed).isPresent() && hitsOf("unnamed") > 0);
        assertThat(fromInventory())
                .extracting(Monitor::name)
                .containsExactlyInAnyOrder("inv-1", "inv-2", "inv-3", "inv-4", unnamed);
        assertThat(h.bot.monitors().find(unnamed).orElseThrow().settings().timeout())
                .hasSeconds(2);

        // 80 % of the entries missing: held back, reported once, nothing removed.
        body.set(sd(five.subList(0, 1), false));
        h.slack.awaitMessage(CHANNEL, m -> m.text().contains("held back a list that would remove 4 of its 5"), WAIT);
        awaitReads(2);
        assertThat(posts("held back")).hasSize(1);
        assertThat(fromInventory()).hasSize(5);

        // An invalid document changes nothing either, and says where it is wrong.
        body.set("[{\"targets\": [\"127.0.0.1:1\"], \"labels\": {\"interval\": \"soon\"}}]");
        h.slack.awaitMessage(
                CHANNEL, m -> m.text().contains("unreachable") && m.text().contains("group 1 target 1"), WAIT);
        assertThat(fromInventory()).hasSize(5);
        assertThat(h.slack.messages(CHANNEL).stream().map(Message::text).collect(Collectors.joining("\n")))
                .doesNotContain(HEADER_SECRET);
    }

    @Test
    void aChangedServersFileIsAppliedWithoutARestartAndAnInvalidOneChangesNothing() throws Exception {
        assertThat(h.bot.monitors().find("file-1").orElseThrow().origin()).isEqualTo(Origin.FILE);

        Files.writeString(file, yaml(List.of("file-1", "file-2", "file-3")));
        await("file-3 added and probed", () -> h.bot.monitors().find("file-3").isPresent() && hitsOf("file-3") > 0);
        h.slack.awaitMessage(CHANNEL, m -> m.text().contains("servers file: 1 added"), WAIT);

        Files.writeString(file, yaml(List.of("file-1", "file-2", "file-3")).replace("interval: 1h", "interval: often"));
        h.slack.awaitMessage(
                CHANNEL, m -> m.text().contains("servers file") && m.text().contains("line 5"), WAIT);
        assertThat(h.bot.monitors().all().stream().filter(m -> m.origin() == Origin.FILE))
                .hasSize(3);

        Files.writeString(file, yaml(List.of("file-1", "file-2")));
        await("file-3 removed", () -> h.bot.monitors().find("file-3").isEmpty());
        h.slack.awaitMessage(CHANNEL, m -> m.text().contains("servers file is back"), WAIT);
        assertThat(h.command("edit file-1").text()).contains("servers file");
    }
}
