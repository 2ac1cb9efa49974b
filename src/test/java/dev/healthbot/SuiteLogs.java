package dev.healthbot;

import java.util.List;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Captures every log line of the whole test JVM from the start of the JUnit session, so that the
 * last integration test can scan what the bot logged during the entire suite. Registered through
 * META-INF/services; thread-safe.
 */
public final class SuiteLogs implements LauncherSessionListener {

    private static volatile LogCapture capture;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (capture == null) {
            capture = LogCapture.attach();
        }
    }

    /** Every line captured so far, rendered with its exceptions; empty when no session captured. */
    public static List<String> lines() {
        LogCapture c = capture;
        return c == null
                ? List.of()
                : c.lines().stream().map(LogCapture.Line::toString).toList();
    }
}
