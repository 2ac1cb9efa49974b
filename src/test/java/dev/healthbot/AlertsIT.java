package dev.healthbot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.healthbot.fakeslack.Failure;
import dev.healthbot.fakeslack.FakeSlack;
import dev.healthbot.fakeslack.Message;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outages posted to subscribed channels, recoveries in the thread, through Slack failures. */
class AlertsIT {

    static final String OPS = "C0OPS00001";
    static final String OTHER = "C0OTHER001";
    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    BotHarness h;
    Targets target;

    @BeforeEach
    void start() {
        target = new Targets();
        h = new BotHarness(dir).start();
    }

    @AfterEach
    void stop() {
        h.close();
        target.close();
    }

    private void subscribe(String channel, String args) {
        int before = h.slack.responseUrlPosts().size();
        h.command("subscribe " + args, FakeSlack.DEFAULT_USER_ID, channel);
        h.slack.awaitResponseUrlPost(
                p -> h.slack.responseUrlPosts().indexOf(p) >= before
                        && p.text() != null
                        && p.text().contains("now gets alerts"),
                WAIT);
    }

    private List<Message> topLevel(String channel) {
        return h.slack.messages(channel).stream().filter(m -> !m.isReply()).toList();
    }

    private void awaitUp(String name) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            var m = h.bot.monitors().find(name).orElseThrow();
            if (h.bot.monitors().state(m.id()).orElseThrow().status() == dev.healthbot.monitor.Status.UP) {
                return;
            }
            LockSupport.parkNanos(20_000_000);
        }
        throw new AssertionError(name + " never came UP");
    }

    @Test
    void anOutageIsPostedOnceAndItsRecoveryRepliesInTheThreadAndEditsThePost() {
        subscribe(OPS, "LIVE");
        subscribe(OTHER, "DEV");
        h.command("add api-live " + target.url("/health") + " env=LIVE every=1s timeout=500ms");
        awaitUp("api-live");
        assertThat(h.slack.messages(OPS))
                .as("a new server's first UP is not news")
                .isEmpty();

        target.status.set(503);
        Message outage = h.slack.awaitMessage(OPS, m -> !m.isReply(), WAIT);
        assertThat(outage.text())
                .contains("api-live is DOWN")
                .contains("HTTP_STATUS")
                .contains("503");
        assertThat(outage.blocks().toString())
                .contains("LIVE")
                .contains("<!date^")
                .contains("Failed checks");

        target.status.set(200);
        Message reply = h.slack.awaitMessage(OPS, Message::isReply, WAIT);
        assertThat(reply.threadTs()).isEqualTo(outage.ts());
        assertThat(reply.text()).contains("api-live is back UP after");
        Message edited = awaitEdited(OPS, outage.ts());
        assertThat(edited.text()).contains("resolved");

        assertThat(topLevel(OPS)).hasSize(1);
        assertThat(h.slack.replies(OPS, outage.ts())).hasSize(1);
        assertThat(h.slack.messages(OTHER)).isEmpty();

        // Down again: a new post and a new thread.
        target.status.set(500);
        h.slack.awaitMessage(OPS, m -> !m.isReply() && !m.ts().equals(outage.ts()), WAIT);
        assertThat(topLevel(OPS)).hasSize(2);
    }

    private Message awaitEdited(String channel, String ts) {
        return h.slack.awaitMessage(channel, m -> m.ts().equals(ts) && m.updates() > 0, WAIT);
    }

    @Test
    void aWebSocketServerThatStopsAndStartsIsReportedAndRecovers() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        WebSocketServer ws = echo(port);
        subscribe(OPS, "");
        h.command("add socket ws://127.0.0.1:" + port + "/ every=1s timeout=1s");
        awaitUp("socket");
        ws.stop(1000);
        Message outage = h.slack.awaitMessage(OPS, m -> !m.isReply(), WAIT);
        assertThat(outage.text()).contains("socket is DOWN").contains("REFUSED");
        WebSocketServer again = echo(port);
        try {
            Message reply = h.slack.awaitMessage(OPS, Message::isReply, WAIT);
            assertThat(reply.threadTs()).isEqualTo(outage.ts());
            awaitEdited(OPS, outage.ts());
        } finally {
            again.stop(1000);
        }
    }

    private static WebSocketServer echo(int port) throws InterruptedException {
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        WebSocketServer server = new WebSocketServer(new InetSocketAddress("127.0.0.1", port)) {
            @Override
            public void onOpen(WebSocket conn, ClientHandshake handshake) {}

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
        server.setReuseAddr(true);
        server.start();
        assertThat(started.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return server;
    }

    @Test
    void slackErrorsAreRetriedUntilTheOutageIsDeliveredExactlyOnce() {
        subscribe(OPS, "");
        target.status.set(503);
        h.slack.failNext("chat.postMessage", 3, Failure.http500());
        h.command("add shaky " + target.url("/x") + " every=1h timeout=500ms failures=1");
        h.slack.awaitCall("chat.postMessage", c -> c.httpStatus() == 500, WAIT);
        h.slack.failNext("chat.postMessage", 1, Failure.rateLimited(1));
        Message outage = h.slack.awaitMessage(OPS, m -> !m.isReply(), Duration.ofSeconds(40));
        assertThat(outage.text()).contains("shaky is DOWN");
        assertThat(h.slack.calls("chat.postMessage"))
                .filteredOn(c -> c.httpStatus() == 429)
                .isNotEmpty();
        assertThat(topLevel(OPS)).hasSize(1);
    }

    @Test
    void aChannelThatIsGoneIsNotRetriedForeverAndChannelsShowsWhy() {
        subscribe(OPS, "");
        h.slack.failNext("chat.postMessage", 1, Failure.error("channel_not_found"));
        target.status.set(503);
        h.command("add gone " + target.url("/x") + " every=1h timeout=500ms failures=1");
        h.slack.awaitCall("chat.postMessage", c -> "channel_not_found".equals(c.error()), WAIT);
        long deadline = System.nanoTime() + WAIT.toNanos();
        String text = "";
        while (System.nanoTime() < deadline && !text.contains("channel_not_found")) {
            text = h.command("channels").text();
            LockSupport.parkNanos(50_000_000);
        }
        assertThat(text).contains("failing").contains("channel_not_found");
        assertThat(h.slack.calls("chat.postMessage")).hasSize(1);
        assertThat(topLevel(OPS)).isEmpty();
    }

    @Test
    void noPostWhileAServersAlertsAreOff() {
        subscribe(OPS, "");
        h.command("add quiet " + target.url("/q") + " every=1s timeout=500ms failures=1 successes=1");
        awaitUp("quiet");
        assertThat(h.command("alerts off quiet").text()).contains("Alerts are off");
        target.status.set(503);
        awaitStatus("quiet", dev.healthbot.monitor.Status.DOWN);
        target.status.set(200);
        awaitUp("quiet");
        // A later server that does alert proves the loop ran past the quiet outage.
        target.status.set(503);
        h.command("add loud " + target.url("/l") + " every=1h timeout=500ms failures=1");
        Message loud = h.slack.awaitMessage(OPS, m -> !m.isReply(), WAIT);
        assertThat(loud.text()).contains("loud");
        assertThat(h.slack.messages(OPS))
                .noneMatch(m -> m.text() != null && m.text().contains("quiet"));
    }

    @Test
    void aPausedChannelHearsNothingAndAPrivateChannelAsksForAnInvite() {
        subscribe(OPS, "");
        subscribe(OTHER, "");
        assertThat(h.command("alerts off", FakeSlack.DEFAULT_USER_ID, OTHER).text())
                .contains("paused");
        assertThat(h.command("channels").text()).contains("alerts off").contains("alerts on");
        target.status.set(503);
        h.command("add paused-test " + target.url("/p") + " every=1h timeout=500ms failures=1");
        h.slack.awaitMessage(OPS, m -> !m.isReply(), WAIT);
        assertThat(h.command("alerts on", FakeSlack.DEFAULT_USER_ID, OTHER).text())
                .contains("back on");
        // A later outage reaches the resumed channel, which proves the earlier silence was the pause.
        h.command("add resumed-test " + target.url("/r") + " every=1h timeout=500ms failures=1");
        Message later = h.slack.awaitMessage(OTHER, m -> !m.isReply(), WAIT);
        assertThat(later.text()).contains("resumed-test");
        assertThat(h.slack.messages(OTHER)).noneMatch(m -> m.text().contains("paused-test"));

        int before = h.slack.responseUrlPosts().size();
        h.command("subscribe", FakeSlack.DEFAULT_USER_ID, "G0PRIVATE1");
        var answer = h.slack.awaitResponseUrlPost(
                p -> h.slack.responseUrlPosts().indexOf(p) >= before && p.text() != null, WAIT);
        assertThat(answer.text()).contains("/invite @healthbot");
        assertThat(h.command("channels").text()).doesNotContain("G0PRIVATE1");
    }

    private void awaitStatus(String name, dev.healthbot.monitor.Status wanted) {
        h.awaitStatus(name, wanted, WAIT);
    }

    @Test
    void twoHundredServersFailingTogetherAreAllDeliveredPacedPerChannel() throws Exception {
        int servers = 200, channels = 10;
        StringBuilder yaml = new StringBuilder("servers:\n");
        for (int i = 0; i < servers; i++) {
            yaml.append("  - {name: s")
                    .append(i)
                    .append(", url: \"")
                    .append(target.url("/s" + i))
                    .append("\", interval: 1h, timeout: 1s, failures_before_down: 1}\n");
        }
        Path file = dir.resolve("storm.yml");
        Files.writeString(file, yaml);
        h.stopBot();
        h.env.put("HEALTHBOT_SERVERS_FILE", file.toString());
        h.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline
                && h.bot.monitors().list().stream()
                        .anyMatch(e -> e.state().status() != dev.healthbot.monitor.Status.UP)) {
            LockSupport.parkNanos(100_000_000);
        }
        assertThat(h.bot.monitors().list()).allMatch(e -> e.state().status() == dev.healthbot.monitor.Status.UP);
        for (int c = 0; c < channels; c++) {
            StringBuilder names = new StringBuilder();
            for (int i = c; i < servers; i += channels) {
                names.append(" s").append(i);
            }
            subscribe(channel(c), names.toString().strip());
        }
        int before = h.slack.calls("chat.postMessage").size();
        target.status.set(503);
        h.bot.monitors().list().forEach(e -> h.bot.monitors()
                .checkNow(e.monitor().name()));

        Duration storm = Duration.ofSeconds(servers / channels * 2L + 30);
        for (int c = 0; c < channels; c++) {
            String ch = channel(c);
            long end = System.nanoTime() + storm.toNanos();
            while (System.nanoTime() < end
                    && h.slack.messages(ch).stream()
                                    .filter(m -> !m.isReply() && m.text().contains("is DOWN"))
                                    .count()
                            < servers / channels) {
                LockSupport.parkNanos(100_000_000);
            }
        }
        for (int c = 0; c < channels; c++) {
            String ch = channel(c);
            List<Message> downs = h.slack.messages(ch).stream()
                    .filter(m -> !m.isReply() && m.text().contains("is DOWN"))
                    .toList();
            assertThat(downs).as("outages in " + ch).hasSize(servers / channels);
        }
        // Pacing: per channel, no two posts less than ~1 s apart (the fake records call times).
        Map<String, List<java.time.Instant>> times = new TreeMap<>();
        h.slack.calls("chat.postMessage").stream()
                .skip(before)
                .filter(dev.healthbot.fakeslack.ApiCall::ok)
                .forEach(c -> times.computeIfAbsent(c.param("channel"), k -> new ArrayList<>())
                        .add(c.at()));
        times.forEach((ch, list) -> {
            for (int i = 1; i < list.size(); i++) {
                assertThat(Duration.between(list.get(i - 1), list.get(i)))
                        .as("gap in " + ch)
                        .isGreaterThanOrEqualTo(Duration.ofMillis(950));
            }
        });
        assertThat(h.slack.calls("chat.postMessage")).noneMatch(c -> c.httpStatus() == 429);
    }

    private static String channel(int c) {
        return String.format("C0STORM%03d", c);
    }
}
