package dev.healthbot.probe;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/** Small helpers shared by the probes: timers, durations, safe messages. */
final class ProbeSupport {

    static final String USER_AGENT = "healthbot/0.1";

    /** How long after its deadline a probe's own guard gives up on a stuck lookup or queue. */
    static final Duration GUARD_SLACK = Duration.ofMillis(250);

    private static final Pattern URL = Pattern.compile("(?i)\\b[a-z][a-z0-9+.-]*://\\S*");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final int MAX_MESSAGE = 160;

    private ProbeSupport() {}

    /** A single daemon timer thread; cancelled tasks are removed at once. */
    static ScheduledExecutorService newTimer(String name) {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemonThreads(name));
        timer.setRemoveOnCancelPolicy(true);
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return timer;
    }

    static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread t = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    static Duration since(long startNanos) {
        return Duration.ofNanos(Math.max(0, System.nanoTime() - startNanos));
    }

    /** "3 s", "1.5 s" or "500 ms". */
    static String human(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + " s";
        }
        return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    /** An exception or server message made safe to show: no URLs, no control characters, short. */
    static String clean(String message) {
        if (message == null) {
            return "";
        }
        String out = URL.matcher(message).replaceAll("[url]");
        out = CONTROL.matcher(out).replaceAll(" ").strip();
        return out.length() > MAX_MESSAGE ? out.substring(0, MAX_MESSAGE - 1) + "…" : out;
    }

    /** The first throwable of the given type in the cause chain, or null. */
    static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** Whether any message in the cause chain contains the text, ignoring case. */
    static boolean chainMentions(Throwable e, String text) {
        String needle = text.toLowerCase(Locale.ROOT);
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage();
            if (m != null && m.toLowerCase(Locale.ROOT).contains(needle)) {
                return true;
            }
        }
        return false;
    }
}
