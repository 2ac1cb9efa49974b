package dev.healthbot;

import dev.healthbot.fakeslack.FakeSlack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Captures every log line of the whole test JVM from the start of the JUnit session, so that a scan
 * after the integration suite can check what the bot logged during all of it. The integration
 * tests run in several forked JVMs: when the system property {@value #SCAN_DIR} names a directory,
 * each JVM writes what it logged and what it sent to any fake Slack there when its session closes,
 * one file each, and {@link SecretsAcrossTheSuiteIT} (a later failsafe execution) reads them all.
 * Registered through META-INF/services; thread-safe.
 */
public final class SuiteLogs implements LauncherSessionListener {

    /** The system property naming the directory the forks write their scan files into. */
    static final String SCAN_DIR = "healthbot.suiteScan";

    private static volatile LogCapture capture;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (capture == null) {
            capture = LogCapture.attach();
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        String dir = System.getProperty(SCAN_DIR);
        if (dir == null || dir.isBlank()) {
            return;
        }
        long pid = ProcessHandle.current().pid();
        Path out = Path.of(dir);
        try {
            Files.createDirectories(out);
            Files.write(out.resolve("logs-" + pid + ".txt"), oneLineEach(lines()), StandardCharsets.UTF_8);
            List<String> sent = FakeSlack.sentToEveryClosedInstance().stream()
                    .map(s -> s.where() + "\t" + s.text())
                    .toList();
            Files.write(out.resolve("sent-" + pid + ".txt"), oneLineEach(sent), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the suite scan files to " + out, e);
        }
    }

    /** Every line captured so far, rendered with its exceptions; empty when no session captured. */
    public static List<String> lines() {
        LogCapture c = capture;
        return c == null
                ? List.of()
                : c.lines().stream().map(LogCapture.Line::toString).toList();
    }

    /** The entries written by every forked JVM into {@code dir}, by kind ("logs" or "sent"). */
    static List<String> written(Path dir, String kind) {
        List<String> all = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return all;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith(kind + "-"))
                    .sorted()
                    .toList()) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    all.add(line.replace(NEWLINE, "\n"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the suite scan files in " + dir, e);
        }
        return all;
    }

    /** Stands for a line break inside one entry, so that each entry is one line of its file. */
    private static final String NEWLINE = "\u2028";

    private static List<String> oneLineEach(List<String> entries) {
        return entries.stream()
                .map(e -> e.replace("\r\n", NEWLINE).replace("\n", NEWLINE))
                .toList();
    }
}
