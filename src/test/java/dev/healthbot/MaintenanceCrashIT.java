package dev.healthbot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.healthbot.fakeslack.FakeSlack;
import dev.healthbot.fakeslack.Message;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar killed with SIGKILL inside a maintenance window, with a server down in it: after a restart the window
 * still holds the outage back, then its end post and the outage post each arrive once.
 */
class MaintenanceCrashIT {

    static final String OPS = "C0MAINT001";
    static final Duration WAIT = Duration.ofSeconds(90);
    /** Long enough for the 30-second window to end after a restart on a loaded machine. */
    static final Duration WINDOW_END = Duration.ofSeconds(200);

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    Path dir;

    private Process launch(FakeSlack slack, String log) throws Exception {
        return BotProcess.launch(dir, slack, log);
    }

    /**
     * Sends a command until its answer (the ack or the later response_url post) says {@code expect}: on a loaded
     * machine the permission check may answer "try again" first.
     */
    private static void command(FakeSlack slack, String text, String expect) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            int before = slack.responseUrlPosts().size();
            var ack = slack.slashCommand(text, FakeSlack.DEFAULT_USER_ID, OPS).get(10, TimeUnit.SECONDS);
            if (ack.text() != null && ack.text().contains(expect)) {
                return;
            }
            if (ack.text() != null && ack.text().contains("Try again")) {
                continue;
            }
            slack.awaitResponseUrlPost(
                    p -> slack.responseUrlPosts().indexOf(p) >= before
                            && p.text() != null
                            && p.text().contains(expect),
                    WAIT);
            return;
        }
        throw new AssertionError("/health " + text + " never answered " + expect);
    }

    /** Asks {@code /health list} until the server shows DOWN, polling with a deadline. */
    private static void awaitDown(FakeSlack slack) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            var ack = slack.slashCommand("list", FakeSlack.DEFAULT_USER_ID, OPS).get(10, TimeUnit.SECONDS);
            if (ack.text() != null && ack.text().contains("api DOWN")) {
                return;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(200_000_000);
        }
        throw new AssertionError("api never showed DOWN");
    }

    @Test
    void aBotKilledInsideAWindowPostsItsEndAndTheHeldOutageOnceAfterTheRestart() throws Exception {
        try (FakeSlack slack = FakeSlack.start();
                Targets target = new Targets()) {
            Process first = launch(slack, "first.log");
            try {
                slack.awaitConnected(WAIT);
                command(slack, "subscribe", "now gets alerts");
                command(
                        slack,
                        "add api " + target.url("/h") + " every=1s timeout=500ms failures=1 successes=1",
                        "registered");
                // A window of 30 s, ended by an ISO time (durations start at 1m): the kill below comes a few seconds
                // in, and the check before the restart (no outage post yet) proves it landed inside the window.
                String end = java.time.Instant.now()
                        .plusSeconds(30)
                        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                        .toString();
                command(slack, "maintenance api " + end + " kill test", "Maintenance #1");
                slack.awaitMessage(OPS, m -> !m.isReply() && m.text().contains("Maintenance #1"), WAIT);
                target.status.set(503);
                awaitDown(slack);
            } finally {
                first.destroyForcibly(); // SIGKILL: no shutdown hook, no clean close
                assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(slack.messages(OPS)).noneMatch(m -> m.text().contains("api is DOWN"));

            Process second = launch(slack, "second.log");
            try {
                Message outage =
                        slack.awaitMessage(OPS, m -> !m.isReply() && m.text().contains("api is DOWN"), WINDOW_END);
                Message end =
                        slack.awaitMessage(OPS, m -> !m.isReply() && m.text().contains("ended"), WAIT);
                assertThat(end.text()).contains("1 outage during the window");
                // One more pass of the loop proves nothing follows: a later command answers after it.
                command(slack, "maintenance list", "No maintenance windows");
                assertThat(slack.messages(OPS))
                        .filteredOn(m -> m.text().contains("api is DOWN"))
                        .containsExactly(outage);
                assertThat(slack.messages(OPS))
                        .filteredOn(m -> m.text().contains("Maintenance #1"))
                        .hasSize(2);
            } finally {
                second.destroy();
                second.waitFor(15, TimeUnit.SECONDS);
            }
            slack.assertNoViolations();
        }
    }
}
