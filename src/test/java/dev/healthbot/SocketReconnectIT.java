package dev.healthbot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.healthbot.fakeslack.Ack;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real bot keeps answering through 100 socket losses in a row: Slack's {@code disconnect}
 * (rotation) frames and abruptly dropped TCP connections, with no thread or socket left behind.
 * The long run of 100 drops is {@code bench/ReliabilityRun} (docs/RELIABILITY.md).
 */
class SocketReconnectIT {

    static final int CYCLES = 100;
    /** Cycles that drop the TCP connection instead of sending a disconnect frame. */
    static final Set<Integer> DROPS = Set.of(30, 60, 90);
    /** Threads that may come and go with no leak: pool workers, a closing socket's last thread. */
    static final int THREAD_SLACK = 6;

    @TempDir
    Path dir;

    @Test
    void theBotAnswersAfterEachOfAHundredDisconnectsAndDropsAndLeaksNoThreadOrSocket() {
        try (BotHarness h = new BotHarness(dir).start()) {
            // Warm-up: the first cycles start pools and load classes; count threads after them.
            for (int i = 0; i < 5; i++) {
                reconnectAndAnswer(h, false);
            }
            int before = settledThreadCount(Integer.MAX_VALUE);

            for (int cycle = 1; cycle <= CYCLES; cycle++) {
                reconnectAndAnswer(h, DROPS.contains(cycle));
            }

            h.slack.awaitOpenConnections(1, BotHarness.WAIT);
            assertThat(h.bot.connected()).isTrue();
            int after = settledThreadCount(before + THREAD_SLACK);
            assertThat(after)
                    .as("live threads after the cycles (before: %d)", before)
                    .isLessThanOrEqualTo(before + THREAD_SLACK);
            assertThat(h.slack.openConnections()).isEqualTo(1);
        }
    }

    /** Loses the socket one way or the other, then waits for the new one and for an answer on it. */
    static void reconnectAndAnswer(BotHarness h, boolean drop) {
        h.slack.awaitOpenConnections(1, BotHarness.WAIT);
        int opened = h.slack.connectionsOpenedTotal();
        if (drop) {
            h.slack.dropSocket();
        } else {
            h.slack.sendDisconnect();
        }
        h.slack.awaitConnectionsOpenedTotal(opened + 1, drop ? Duration.ofSeconds(30) : BotHarness.WAIT);
        Ack ack = h.command("help");
        assertThat(ack.text()).contains("/health add");
    }

    /**
     * The live thread count once it is at or below {@code bound}, or, when it does not get there
     * within a few seconds (threads of closed sockets end asynchronously), the last count seen.
     */
    static int settledThreadCount(int bound) {
        var threads = ManagementFactory.getThreadMXBean();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int count = threads.getThreadCount();
        while (count > bound && System.nanoTime() < deadline) {
            LockSupport.parkNanos(50_000_000);
            count = threads.getThreadCount();
        }
        return count;
    }
}
