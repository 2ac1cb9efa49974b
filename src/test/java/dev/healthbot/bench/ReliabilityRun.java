package dev.healthbot.bench;

import dev.healthbot.LoadKillIT;
import dev.healthbot.fakeslack.FakeSlack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The long reliability runs, outside {@code mvn verify}: the jar through 100 dropped sockets and
 * 100 disconnect frames, and through repeated SIGKILLs under the load of 1,000 servers every
 * second. Writes its figures between the markers in docs/RELIABILITY.md. Run with
 * {@code mvn -B -q -Preliability -DskipTests package}. Bounded: about six minutes.
 */
public final class ReliabilityRun {

    static final Path JAR = Path.of("target/healthbot.jar");
    static final Path DOC = Path.of("docs/RELIABILITY.md");
    static final Duration WAIT = Duration.ofSeconds(60);
    static final int CYCLES = 100;
    static final int KILLS = 5;

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("healthbot-reliability");
        String sockets = sockets(work);
        System.out.println(sockets);
        String load = loadAndKills(work.resolve("load"));
        System.out.println(load);
        replace("reconnects", sockets);
        replace("load-and-kill", load);
    }

    // ------------------------------------------------------------------ sockets

    static String sockets(Path work) throws Exception {
        Files.createDirectories(work);
        try (FakeSlack slack = FakeSlack.start()) {
            Process p = launch(slack, work.resolve("sockets.db"), work.resolve("sockets.log"));
            try {
                slack.awaitConnected(WAIT);
                for (int i = 0; i < 5; i++) {
                    cycle(slack, false, new ArrayList<>(), new ArrayList<>());
                }
                long threadsBefore = threads(p);
                List<Long> rotateMs = new ArrayList<>();
                List<Long> rotateAckMs = new ArrayList<>();
                for (int i = 0; i < CYCLES; i++) {
                    cycle(slack, false, rotateMs, rotateAckMs);
                }
                List<Long> dropMs = new ArrayList<>();
                List<Long> dropAckMs = new ArrayList<>();
                for (int i = 0; i < CYCLES; i++) {
                    cycle(slack, true, dropMs, dropAckMs);
                }
                slack.awaitOpenConnections(1, WAIT);
                long threadsAfter = settledThreads(p, threadsBefore);
                int open = slack.openConnections();
                int opened = slack.connectionsOpenedTotal();
                String log = Files.readString(work.resolve("sockets.log"));
                long errors = log.lines().filter(l -> l.contains(" ERROR ")).count();
                return """
                        Run on %s, the jar against the fake Slack on loopback (2-core machine).

                        | what | tries | answered after each | new socket, median / p95 / max | ack of the next `/health help`, median / max |
                        |---|---|---|---|---|
                        | `disconnect` frame (rotation) | %d | %s | %d / %d / %d ms | %d / %d ms |
                        | TCP connection dropped, no close frame | %d | %s | %d / %d / %d ms | %d / %d ms |

                        - Live threads of the bot process (`/proc/<pid>/status`): %d after warm-up, %d after the %d cycles.
                        - Open sockets at the end: %d (sockets opened in all: %d). ERROR lines in the bot's log: %d.
                        """
                        .formatted(
                                LocalDate.now(),
                                CYCLES,
                                rotateAckMs.size() == CYCLES ? "yes" : "no",
                                pct(rotateMs, 50),
                                pct(rotateMs, 95),
                                pct(rotateMs, 100),
                                pct(rotateAckMs, 50),
                                pct(rotateAckMs, 100),
                                CYCLES,
                                dropAckMs.size() == CYCLES ? "yes" : "no",
                                pct(dropMs, 50),
                                pct(dropMs, 95),
                                pct(dropMs, 100),
                                pct(dropAckMs, 50),
                                pct(dropAckMs, 100),
                                threadsBefore,
                                threadsAfter,
                                2 * CYCLES,
                                open,
                                opened,
                                errors);
            } finally {
                p.destroy();
                p.waitFor(15, TimeUnit.SECONDS);
            }
        }
    }

    static void cycle(FakeSlack slack, boolean drop, List<Long> reconnectMs, List<Long> ackMs) throws Exception {
        slack.awaitOpenConnections(1, WAIT);
        int opened = slack.connectionsOpenedTotal();
        long t0 = System.nanoTime();
        if (drop) {
            slack.dropSocket();
        } else {
            slack.sendDisconnect();
        }
        slack.awaitConnectionsOpenedTotal(opened + 1, WAIT);
        reconnectMs.add((System.nanoTime() - t0) / 1_000_000);
        var ack = slack.slashCommand("help").get(10, TimeUnit.SECONDS);
        if (ack.text() == null || !ack.text().contains("/health add")) {
            throw new AssertionError("unexpected answer: " + ack.text());
        }
        ackMs.add(ack.elapsed().toMillis());
    }

    static long threads(Process p) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + p.pid() + "/status"))) {
            if (line.startsWith("Threads:")) {
                return Long.parseLong(line.substring("Threads:".length()).strip());
            }
        }
        throw new IllegalStateException("no thread count for pid " + p.pid());
    }

    /** The thread count once it is back at {@code target} or below, or after 10 s the last one seen. */
    static long settledThreads(Process p, long target) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long n = threads(p);
        while (n > target && System.nanoTime() < deadline) {
            LockSupport.parkNanos(100_000_000);
            n = threads(p);
        }
        return n;
    }

    // ------------------------------------------------------------------ load and kill -9

    static String loadAndKills(Path dir) throws Exception {
        Files.createDirectories(dir);
        Path db = dir.resolve("load.db");
        List<Double> rates = new ArrayList<>();
        List<Long> ackMs = new ArrayList<>();
        List<String> integrity = new ArrayList<>();
        int commands = 0;
        int busy = 0;
        int errorLines = 0;
        int announced = 0;
        long stopMs;
        int stopExit;
        try (FakeSlack slack = FakeSlack.start();
                LoadKillIT.LoadTargets targets = new LoadKillIT.LoadTargets()) {
            Path servers = LoadKillIT.serversFile(dir, targets, LoadKillIT.SERVERS);
            for (int round = 0; round < KILLS; round++) {
                String logName = "kill-" + round + ".log";
                Process p = LoadKillIT.launch(dir, slack, servers, logName);
                List<String> answers;
                List<dev.healthbot.fakeslack.Message> posted;
                try {
                    slack.awaitConnectionsOpenedTotal(round + 1, WAIT);
                    if (round == 0) {
                        slack.slashCommand("subscribe", FakeSlack.DEFAULT_USER_ID, LoadKillIT.OPS)
                                .get(20, TimeUnit.SECONDS);
                    }
                    LoadKillIT.awaitLog(dir.resolve(logName), "scheduled servers=");
                    LoadKillIT.awaitProbes(db, LoadKillIT.SERVERS);
                    long n0 = LoadKillIT.probesSoFar(db);
                    long t0 = System.nanoTime();
                    answers = LoadKillIT.runCommands(slack, targets, Duration.ofSeconds(20), ackMs);
                    long n1 = LoadKillIT.probesSoFar(db);
                    rates.add((n1 - n0) / ((System.nanoTime() - t0) / 1e9));
                    posted = slack.messages(LoadKillIT.OPS);
                } finally {
                    p.destroyForcibly();
                    p.waitFor(10, TimeUnit.SECONDS);
                }
                commands += answers.size();
                busy += (int) answers.stream()
                        .filter(a -> a.toLowerCase().contains("busy")
                                || a.toLowerCase().contains("locked")
                                || a.contains("went wrong"))
                        .count();
                String log = Files.readString(dir.resolve(logName));
                errorLines += (int) log.lines()
                        .filter(l -> l.contains(" ERROR ") || l.contains("SQLITE_BUSY"))
                        .count();
                announced += (int) LoadKillIT.ANNOUNCED.matcher(log).results().count();
                LoadKillIT.assertConsistentAfterKill(db, log, posted);
                integrity.add(LoadKillIT.integrityCheck(db));
            }
            Process last = LoadKillIT.launch(dir, slack, servers, "term.log");
            try {
                slack.awaitConnectionsOpenedTotal(KILLS + 1, WAIT);
                LoadKillIT.awaitLog(dir.resolve("term.log"), "scheduled servers=");
                LoadKillIT.awaitProbes(db, 2L * LoadKillIT.SERVERS);
            } finally {
                long t0 = System.nanoTime();
                last.destroy();
                last.waitFor(30, TimeUnit.SECONDS);
                stopMs = (System.nanoTime() - t0) / 1_000_000;
                stopExit = last.exitValue();
            }
            integrity.add(LoadKillIT.integrityCheck(db));
        }
        Collections.sort(rates);
        return """
                Run on %s: %d servers in a servers file, every 1 s, timeout 1 s, %d of them flapping
                between 200 and 503 every %d s; one loopback HTTP server (8 threads) serves them all.

                | what | figure |
                |---|---|
                | SIGKILLs under load, each on the same database file | %d |
                | `PRAGMA integrity_check` after each kill, and after the final SIGTERM | %s |
                | status changes the bot announced before a kill (alert log lines), missing afterwards | 0 of %d |
                | state rows disagreeing with their last result or last change | 0 (checked for every server after every kill) |
                | probes stored per second during the command load, min / max over the runs | %.0f / %.0f |
                | commands and modal submissions (list, check, add, edit) during the load | %d |
                | answers mentioning busy / locked / "went wrong" | %d |
                | ERROR or SQLITE_BUSY lines in the bot's logs | %d |
                | ack time of those commands, median / p95 / max | %d / %d / %d ms |
                | SIGTERM under load to exit | %d ms, exit code %d |
                """
                .formatted(
                        LocalDate.now(),
                        LoadKillIT.SERVERS,
                        LoadKillIT.FLAPPERS,
                        LoadKillIT.FLIP_MS / 1000,
                        KILLS,
                        String.join(", ", integrity),
                        announced,
                        rates.get(0),
                        rates.get(rates.size() - 1),
                        commands,
                        busy,
                        errorLines,
                        pct(ackMs, 50),
                        pct(ackMs, 95),
                        pct(ackMs, 100),
                        stopMs,
                        stopExit);
    }

    // ------------------------------------------------------------------ helpers

    static Process launch(FakeSlack slack, Path db, Path log) throws IOException {
        return dev.healthbot.BotProcess.launch(db, slack, log, java.util.Map.of());
    }

    static long pct(List<Long> values, int p) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    /** Replaces the text between {@code <!-- reliability-run:NAME -->} and {@code <!-- /reliability-run:NAME -->}. */
    static void replace(String name, String body) throws IOException {
        String open = "<!-- reliability-run:" + name + " -->";
        String close = "<!-- /reliability-run:" + name + " -->";
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int a = doc.indexOf(open);
        int b = doc.indexOf(close);
        if (a < 0 || b < a) {
            throw new IllegalStateException(DOC + " has no markers for " + name);
        }
        Files.writeString(
                DOC, doc.substring(0, a + open.length()) + "\n" + body + doc.substring(b), StandardCharsets.UTF_8);
    }
}
