package dev.healthbot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.healthbot.fakeslack.FakeSlack;
import dev.healthbot.fakeslack.Message;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jar killed with SIGKILL mid-outage: after a restart nothing is lost or posted twice. */
class CrashIT {

    static final String OPS = "C0CRASH001";
    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    Path dir;

    private Process launch(FakeSlack slack, String log) throws Exception {
        return BotProcess.launch(dir, slack, log);
    }

    private static void command(FakeSlack slack, String text, String expect) throws Exception {
        int before = slack.responseUrlPosts().size();
        var ack = slack.slashCommand(text, FakeSlack.DEFAULT_USER_ID, OPS).get(10, TimeUnit.SECONDS);
        if (ack.text() != null && ack.text().contains(expect)) {
            return;
        }
        slack.awaitResponseUrlPost(
                p -> slack.responseUrlPosts().indexOf(p) >= before
                        && p.text() != null
                        && p.text().contains(expect),
                WAIT);
    }

    private void awaitLog(String log, String text) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (java.nio.file.Files.readString(dir.resolve(log)).contains(text)) {
                return;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
        }
        throw new AssertionError(log + " never said: " + text);
    }

    @Test
    void aKilledBotResumesAndThreadsTheRecoveryUnderTheOutagePostedBeforeTheKill() throws Exception {
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
                target.status.set(503);
                Message outage = slack.awaitMessage(OPS, m -> !m.isReply(), WAIT);
                assertThat(outage.text()).contains("api is DOWN");
                // Kill once the bot has recorded where the post landed; the kill still lands mid-outage, with
                // the recovery to come. A kill before that record (Slack accepted, ts unknown) is ExactlyOnceIT's.
                awaitLog("first.log", "alert sent");
            } finally {
                first.destroyForcibly(); // SIGKILL: no shutdown hook, no clean close
                assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(first.exitValue()).isEqualTo(137);
            int opened = slack.connectionsOpenedTotal();

            target.status.set(200);
            Process second = launch(slack, "second.log");
            try {
                slack.awaitConnectionsOpenedTotal(opened + 1, WAIT);
                Message reply = slack.awaitMessage(OPS, Message::isReply, WAIT);
                Message outage = slack.messages(OPS).stream()
                        .filter(m -> !m.isReply())
                        .findFirst()
                        .orElseThrow();
                assertThat(reply.threadTs()).isEqualTo(outage.ts());
                slack.awaitMessage(OPS, m -> m.ts().equals(outage.ts()) && m.updates() > 0, WAIT);
                assertThat(slack.messages(OPS).stream().filter(m -> !m.isReply()))
                        .hasSize(1);
                assertThat(slack.replies(OPS, outage.ts())).hasSize(1);
            } finally {
                second.destroy();
                second.waitFor(15, TimeUnit.SECONDS);
            }
            slack.assertNoViolations();
        }
    }
}
