package dev.healthbot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.healthbot.fakeslack.FakeLimits;
import dev.healthbot.fakeslack.FakeSlack;
import dev.healthbot.fakeslack.Message;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar killed with SIGKILL at the worst instant: the fake Slack has accepted (stored) a post and holds its answer,
 * so the bot never learns the post's {@code ts}. After a restart the bot finds its own post by its message metadata
 * and adopts it: one outage post, one recovery reply under it. Without the history scopes it posts again, and says
 * why in its log.
 */
class ExactlyOnceIT {

    static final String OPS = "C0EXACT001";
    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    Path dir;

    private Process launch(FakeSlack slack, String log) throws Exception {
        return BotProcess.launch(dir, slack, log);
    }

    /**
     * Runs a slash command and waits for its answer; asks again (at most 3 times) when the bot answers "try again in a
     * moment" because a first Slack call of a cold JVM on a loaded machine missed its 1.5 s bound.
     */
    private static void command(FakeSlack slack, String text, String expect) throws Exception {
        for (int attempt = 1; ; attempt++) {
            int before = slack.responseUrlPosts().size();
            var ack = slack.slashCommand(text, FakeSlack.DEFAULT_USER_ID, OPS).get(10, TimeUnit.SECONDS);
            if (ack.text() != null && ack.text().contains(expect)) {
                return;
            }
            var answer = slack.awaitResponseUrlPost(
                    p -> slack.responseUrlPosts().indexOf(p) >= before
                            && p.text() != null
                            && (p.text().contains(expect) || p.text().contains("Try again in a moment")),
                    WAIT);
            if (answer.text().contains(expect)) {
                return;
            }
            assertThat(attempt).as("answer to %s: %s", text, answer.text()).isLessThan(3);
        }
    }

    private String awaitLog(String log, String text) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            String all = Files.readString(dir.resolve(log));
            for (String line : all.lines().toList()) {
                if (line.contains(text)) {
                    return line;
                }
            }
            LockSupport.parkNanos(20_000_000);
        }
        throw new AssertionError(log + " never said: " + text + "\n" + Files.readString(dir.resolve(log)));
    }

    /** SIGKILL, then the held answer is let go (it is never sent). */
    private static void kill(Process p, FakeLimits.Hold hold) throws Exception {
        p.destroyForcibly();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(137);
        hold.release();
    }

    private static void stop(Process p) throws Exception {
        if (p.isAlive()) {
            p.destroy();
            p.waitFor(15, TimeUnit.SECONDS);
        }
    }

    private static Process startFirst(ExactlyOnceIT it, FakeSlack slack, Targets target) throws Exception {
        Process first = it.launch(slack, "first.log");
        slack.awaitConnected(WAIT);
        command(slack, "subscribe", "now gets alerts");
        command(slack, "add api " + target.url("/h") + " every=1s timeout=500ms failures=1 successes=1", "registered");
        return first;
    }

    private static List<Message> topLevel(FakeSlack slack) {
        return slack.messages(OPS).stream().filter(m -> !m.isReply()).toList();
    }

    @Test
    void aKillAfterSlackAcceptedThePostsIsHealedByFindingThemNotByPostingAgain() throws Exception {
        try (FakeSlack slack = FakeSlack.start();
                Targets target = new Targets()) {
            slack.tsClock(InstantSource.system());
            Process first = null;
            Process second = null;
            Process third = null;
            try {
                first = startFirst(this, slack, target);
                FakeLimits.Hold outageHold =
                        slack.holdPost(m -> !m.isReply() && m.text().contains("api is DOWN"));
                target.status.set(503);
                Message outage = outageHold.awaitHeld(WAIT);
                assertThat(outage.metadata().get("event_type").getAsString()).isEqualTo("healthbot_alert");
                kill(first, outageHold);

                int opened = slack.connectionsOpenedTotal();
                second = launch(slack, "second.log");
                slack.awaitConnectionsOpenedTotal(opened + 1, WAIT);
                assertThat(awaitLog("second.log", "alert adopted")).contains("kind=OUTAGE", "ts=" + outage.ts());
                slack.awaitCall(
                        "conversations.history", c -> OPS.equals(c.params().get("channel")), WAIT);

                // Now the recovery reply: Slack stores it in the thread, the bot dies before the answer.
                FakeLimits.Hold replyHold = slack.holdPost(Message::isReply);
                target.status.set(200);
                Message reply = replyHold.awaitHeld(WAIT);
                assertThat(reply.threadTs()).isEqualTo(outage.ts());
                kill(second, replyHold);

                opened = slack.connectionsOpenedTotal();
                third = launch(slack, "third.log");
                slack.awaitConnectionsOpenedTotal(opened + 1, WAIT);
                assertThat(awaitLog("third.log", "alert adopted")).contains("kind=RECOVERY", "ts=" + reply.ts());
                slack.awaitMessage(OPS, m -> m.ts().equals(outage.ts()) && m.updates() > 0, WAIT);
                slack.awaitCall(
                        "conversations.replies",
                        c -> outage.ts().equals(c.params().get("ts")),
                        WAIT);
                awaitLog("third.log", "alert sent delivery=");

                assertThat(topLevel(slack)).extracting(Message::ts).containsExactly(outage.ts());
                assertThat(slack.replies(OPS, outage.ts()))
                        .extracting(Message::ts)
                        .containsExactly(reply.ts());
                assertThat(slack.calls("chat.postMessage")).hasSize(2);
            } finally {
                for (Process p : new Process[] {first, second, third}) {
                    if (p != null) {
                        stop(p);
                    }
                }
            }
            slack.assertNoViolations();
        }
    }

    @Test
    void withoutTheHistoryScopesTheOutageIsPostedAgainAndTheLogSaysWhy() throws Exception {
        try (FakeSlack slack = FakeSlack.start();
                Targets target = new Targets()) {
            slack.tsClock(InstantSource.system());
            Process first = null;
            Process second = null;
            try {
                first = startFirst(this, slack, target);
                FakeLimits.Hold outageHold =
                        slack.holdPost(m -> !m.isReply() && m.text().contains("api is DOWN"));
                target.status.set(503);
                Message outage = outageHold.awaitHeld(WAIT);
                kill(first, outageHold);
                slack.revokeScope("channels:history");

                second = launch(slack, "second.log");
                String why = awaitLog("second.log", "alert lookup unavailable");
                assertThat(why).contains("reason=missing_scope", "action=post-again");
                Message again = slack.awaitMessage(OPS, m -> !m.isReply() && !m.ts().equals(outage.ts()), WAIT);
                assertThat(again.text()).contains("api is DOWN");
                assertThat(topLevel(slack)).hasSize(2);
                assertThat(slack.calls("conversations.history")).allMatch(c -> "missing_scope".equals(c.error()));
            } finally {
                if (first != null) {
                    stop(first);
                }
                if (second != null) {
                    stop(second);
                }
            }
            slack.assertNoViolations();
        }
    }
}
