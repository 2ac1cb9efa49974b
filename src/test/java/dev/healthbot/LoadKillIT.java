package dev.healthbot;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.healthbot.fakeslack.Ack;
import dev.healthbot.fakeslack.FakeSlack;
import dev.healthbot.fakeslack.Message;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar with 1,000 servers checked every second, some flapping, while users run commands: no
 * SQLITE_BUSY (or any error) reaches a user or the log; then SIGKILL mid-load: the database passes
 * {@code PRAGMA integrity_check}, every status change the bot announced is in it and every
 * server's state row agrees with its last result and last change; then a restart on the same file
 * under load stops on SIGTERM with exit 0 within 10 s. Figures: bench/ReliabilityRun.
 */
public class LoadKillIT {

    public static final int SERVERS = 1000;
    /** Servers whose target flips between 200 and 503 every {@link #FLIP_MS}, so status changes happen. */
    public static final int FLAPPERS = 40;

    public static final long FLIP_MS = 3000;
    public static final String OPS = "C0LOAD0001";
    public static final Duration WAIT = Duration.ofSeconds(60);
    public static final Duration LOAD = Duration.ofSeconds(15);
    public static final Pattern ANNOUNCED = Pattern.compile("alert (outage|recovery) change=(\\d+)");

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    /** 1,000 paths on one loopback server; {@code /s<i>} for i below FLAPPERS flips, the rest answer 200. */
    public static final class LoadTargets implements AutoCloseable {
        final HttpServer server;
        final ExecutorService pool = Executors.newFixedThreadPool(8);
        public final AtomicLong hits = new AtomicLong();

        public LoadTargets() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
            server.createContext("/", ex -> {
                hits.incrementAndGet();
                int i = Integer.parseInt(ex.getRequestURI().getPath().substring(2));
                boolean down = i < FLAPPERS && ((System.currentTimeMillis() / FLIP_MS) + i) % 2 == 0;
                ex.sendResponseHeaders(down ? 503 : 200, -1);
                ex.close();
            });
            server.setExecutor(pool);
            server.start();
        }

        public String url(int i) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/s" + i;
        }

        @Override
        public void close() {
            server.stop(0);
            pool.shutdownNow();
        }
    }

    public static Path serversFile(Path dir, LoadTargets targets, int count) throws IOException {
        StringBuilder yaml = new StringBuilder("servers:\n");
        for (int i = 0; i < count; i++) {
            yaml.append("  - name: s").append(i).append('\n');
            yaml.append("    url: ").append(targets.url(i)).append('\n');
            yaml.append("    interval: 1s\n    timeout: 1s\n");
            if (i < FLAPPERS) {
                yaml.append("    failures_before_down: 1\n    successes_before_up: 1\n");
            }
        }
        Path file = dir.resolve("servers.yml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }

    public static Process launch(Path dir, FakeSlack slack, Path servers, String log) throws IOException {
        return BotProcess.launch(
                dir, dir.resolve("load.db"), slack, log, Map.of("HEALTHBOT_SERVERS_FILE", servers.toString()));
    }

    public static Connection readOnly(Path db) throws SQLException {
        org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(10_000);
        return DriverManager.getConnection("jdbc:sqlite:" + db, config.toProperties());
    }

    public static long probesSoFar(Path db) throws SQLException {
        try (Connection c = readOnly(db);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT coalesce(max(id), 0) FROM probe_results")) {
            return r.getLong(1);
        }
    }

    /** Waits until the bot has stored at least {@code more} further probe results. */
    public static void awaitProbes(Path db, long more) throws SQLException {
        long start = probesSoFar(db);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (probesSoFar(db) < start + more) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("fewer than " + more + " probes stored within " + WAIT);
            }
            LockSupport.parkNanos(200_000_000);
        }
    }

    public static void awaitLog(Path file, String text) throws IOException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!Files.readString(file).contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(file.getFileName() + " never said: " + text);
            }
            LockSupport.parkNanos(100_000_000);
        }
    }

    /** Commands, as users would run them, for {@code LOAD}: read-only ones and writes through command and modal. */
    public static List<String> runCommands(FakeSlack slack, LoadTargets targets, Duration load, List<Long> ackMs)
            throws Exception {
        List<String> answers = new ArrayList<>();
        long deadline = System.nanoTime() + load.toNanos();
        for (int round = 0; round < 200 && System.nanoTime() < deadline; round++) {
            String extra = "extra-" + round + "-" + System.nanoTime() % 100_000;
            List<Ack> acks = new ArrayList<>();
            acks.add(slack.slashCommand("list", FakeSlack.DEFAULT_USER_ID, OPS).get(20, TimeUnit.SECONDS));
            acks.add(slack.slashCommand("check s" + (round * 7 % SERVERS), FakeSlack.DEFAULT_USER_ID, OPS)
                    .get(20, TimeUnit.SECONDS));
            acks.add(slack.slashCommand(
                            "add " + extra + " " + targets.url(SERVERS - 1) + " every=1s timeout=1s",
                            FakeSlack.DEFAULT_USER_ID,
                            OPS)
                    .get(20, TimeUnit.SECONDS));
            acks.add(slack.viewSubmission(
                            "server_edit",
                            extra,
                            BotHarness.values(Map.of(
                                    "name", extra,
                                    "url", targets.url(SERVERS - 2),
                                    "environment", "STAGE",
                                    "interval", "2s",
                                    "timeout", "1s")),
                            FakeSlack.DEFAULT_USER_ID)
                    .get(20, TimeUnit.SECONDS));
            for (Ack a : acks) {
                ackMs.add(a.elapsed().toMillis());
                answers.add(a.payload() == null ? "" : a.payload().toString());
            }
        }
        return answers;
    }

    @Test
    void underLoadNoBusyErrorReachesAnyoneAndAKillLosesNoStatusChange() throws Exception {
        Path db = dir.resolve("load.db");
        try (FakeSlack slack = FakeSlack.start();
                LoadTargets targets = new LoadTargets()) {
            Path servers = serversFile(dir, targets, SERVERS);
            Process first = launch(dir, slack, servers, "first.log");
            List<String> answers;
            List<Message> postedBeforeKill;
            try {
                slack.awaitConnected(WAIT);
                slack.slashCommand("subscribe", FakeSlack.DEFAULT_USER_ID, OPS).get(20, TimeUnit.SECONDS);
                awaitLog(dir.resolve("first.log"), "scheduled servers=" + SERVERS);
                awaitProbes(db, 2 * SERVERS);

                answers = runCommands(slack, targets, LOAD, new ArrayList<>());

                awaitLog(dir.resolve("first.log"), "alert outage change=");
                postedBeforeKill = slack.messages(OPS);
            } finally {
                first.destroyForcibly(); // SIGKILL, mid-load
                assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
            }
            String firstLog = Files.readString(dir.resolve("first.log"));

            // Nothing about a busy database reached a user or the log, and nothing else failed.
            for (String a : answers) {
                assertThat(a.toLowerCase()).doesNotContain("busy").doesNotContain("locked");
                assertThat(a).doesNotContain("went wrong");
            }
            assertThat(slack.responseUrlPosts())
                    .allSatisfy(p -> assertThat(p.body().toString().toLowerCase())
                            .doesNotContain("busy")
                            .doesNotContain("locked")
                            .doesNotContain("went wrong"));
            assertThat(firstLog).doesNotContain("SQLITE_BUSY").doesNotContain("database is locked");
            assertThat(firstLog.lines().filter(l -> l.contains(" ERROR ")))
                    .as("error lines")
                    .isEmpty();

            assertConsistentAfterKill(db, firstLog, postedBeforeKill);

            // The same file, reopened by a new process under the same load, stops cleanly on SIGTERM.
            Process second = launch(dir, slack, servers, "second.log");
            try {
                slack.awaitConnectionsOpenedTotal(2, WAIT);
                awaitLog(dir.resolve("second.log"), "scheduled servers=");
                awaitProbes(db, 2 * SERVERS);
            } finally {
                second.destroy(); // SIGTERM
            }
            assertThat(second.waitFor(10, TimeUnit.SECONDS))
                    .as("exit within 10 s of SIGTERM")
                    .isTrue();
            assertThat(second.exitValue()).isZero();
            assertThat(Files.readString(dir.resolve("second.log"))).contains("stopped");
            assertThat(integrityCheck(db)).isEqualTo("ok");
        }
    }

    public static String integrityCheck(Path db) throws SQLException {
        try (Connection c = readOnly(db);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
            return r.getString(1);
        }
    }

    /**
     * After the kill: integrity_check is ok; every change the bot announced (logged as claimed for
     * an alert, or posted to Slack) is in status_changes; every server's state row shows the status
     * of its latest change and the time and verdict of its latest stored result.
     */
    public static void assertConsistentAfterKill(Path db, String log, List<Message> posted) throws SQLException {
        assertThat(integrityCheck(db)).isEqualTo("ok");
        try (Connection c = readOnly(db);
                Statement s = c.createStatement()) {
            Map<Long, String> changes = new HashMap<>();
            Set<String> wentDown = new HashSet<>();
            try (ResultSet r = s.executeQuery("SELECT id, monitor_name, to_status FROM status_changes")) {
                while (r.next()) {
                    changes.put(r.getLong(1), r.getString(3));
                    if (r.getString(3).equals("DOWN")) {
                        wentDown.add(r.getString(2));
                    }
                }
            }
            Matcher m = ANNOUNCED.matcher(log);
            int announced = 0;
            while (m.find()) {
                announced++;
                long id = Long.parseLong(m.group(2));
                assertThat(changes).as("announced change %d", id).containsKey(id);
                assertThat(changes.get(id)).isEqualTo(m.group(1).equals("outage") ? "DOWN" : "UP");
            }
            assertThat(announced).isPositive();
            for (Message msg : posted) {
                Matcher down = Pattern.compile("(s\\d+) is DOWN").matcher(msg.text());
                if (!msg.isReply() && down.find()) {
                    assertThat(wentDown)
                            .as("posted outage of %s", down.group(1))
                            .contains(down.group(1));
                }
            }
            try (ResultSet r = s.executeQuery(
                    """
                    SELECT m.name, st.status, st.last_at, st.last_up,
                           (SELECT to_status FROM status_changes c WHERE c.monitor_id = m.id ORDER BY c.id DESC LIMIT 1),
                           (SELECT at FROM probe_results p WHERE p.monitor_id = m.id ORDER BY p.id DESC LIMIT 1),
                           (SELECT up FROM probe_results p WHERE p.monitor_id = m.id ORDER BY p.id DESC LIMIT 1)
                    FROM monitors m JOIN monitor_state st ON st.monitor_id = m.id
                    """)) {
                int rows = 0;
                while (r.next()) {
                    rows++;
                    String name = r.getString(1);
                    String lastChange = r.getString(5);
                    assertThat(r.getString(2))
                            .as("state of %s", name)
                            .isEqualTo(lastChange == null ? "PENDING" : lastChange);
                    r.getLong(6);
                    if (!r.wasNull()) {
                        assertThat(r.getLong(3)).as("last_at of %s", name).isEqualTo(r.getLong(6));
                        assertThat(r.getInt(4)).as("last_up of %s", name).isEqualTo(r.getInt(7));
                    }
                }
                assertThat(rows).isGreaterThanOrEqualTo(SERVERS);
            }
        }
    }
}
