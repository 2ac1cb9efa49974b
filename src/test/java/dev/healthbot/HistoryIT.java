package dev.healthbot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.healthbot.fakeslack.FakeSlack;
import dev.healthbot.fakeslack.Message;
import dev.healthbot.monitor.Status;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code /health history} end to end: a server with a known outage, the bot's clock moved on by a
 * {@link SkewClock}, the answer through the fake Slack with the outage post's permalink.
 */
class HistoryIT extends BotFixture {

    static final String OPS = "C0OPS00001";
    static final String USER = FakeSlack.DEFAULT_USER_ID;
    static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void historyShowsTheUptimeToTwoDecimalsAndTheIncidentLinkedToItsPost() {
        h = new BotHarness(dir);
        SkewClock clock = new SkewClock();
        h.clock = clock;
        h.start();
        int before = h.slack.responseUrlPosts().size();
        h.command("subscribe", USER, OPS);
        h.slack.awaitResponseUrlPost(
                p -> h.slack.responseUrlPosts().indexOf(p) >= before
                        && p.text() != null
                        && p.text().contains("now gets alerts"),
                WAIT);

        // Added DOWN: its first check opens the incident and the outage is posted.
        target.status.set(503);
        assertThat(h.command("add api " + target.url("/api") + " every=1h timeout=1s failures=1 successes=1")
                        .text())
                .contains("registered");
        Message post = h.slack.awaitMessage(
                OPS, m -> !m.isReply() && m.text() != null && m.text().contains("api is DOWN"), WAIT);

        // Down for 30 minutes, then up for 60: 60 of 90 minutes up, 66.666… %, shown rounded down to two
        // decimals; the real seconds the test itself takes add a little uptime (1.6 s is 0.01 %).
        clock.advance(Duration.ofMinutes(30));
        target.status.set(200);
        h.command("check api");
        h.awaitStatus("api", Status.UP, WAIT);
        // The incident is resolved when the dispatcher claims the recovery: its thread reply says so.
        h.slack.awaitMessage(OPS, m -> post.ts().equals(m.threadTs()), WAIT);
        clock.advance(Duration.ofMinutes(60));

        String answer = h.commandLater("history api", t -> t.contains("uptime over"));
        assertThat(answer).matches("api: 66\\.(6[6-9]|7\\d) % uptime over the last 24h, 1 incident");
        String blocks = h.slack
                .responseUrlPosts()
                .get(h.slack.responseUrlPosts().size() - 1)
                .body()
                .toString();
        assertThat(blocks)
                .contains("History of api · last 24h")
                .containsPattern("Uptime \\*66\\.(6[6-9]|7\\d) %\\*")
                .contains("MTTR 30m")
                .contains("lasted 30m")
                .contains("HTTP_STATUS")
                .contains("https://fake.slack.com/archives/" + OPS + "/p"
                        + post.ts().replace(".", ""));

        String month = h.commandLater("history api 30d", t -> t.contains("over the last 30d"));
        assertThat(month).containsPattern("66\\.(6[6-9]|7\\d) % uptime");
        String monthBlocks = h.slack
                .responseUrlPosts()
                .get(h.slack.responseUrlPosts().size() - 1)
                .body()
                .toString();
        // 29 days before the server existed (28 if the run crossed midnight UTC), one in the legend, and
        // today: red (30 minutes of 90 watched is over 1 %).
        assertThat(monthBlocks.split(":white_large_square:", -1).length - 1).isBetween(28 + 1, 29 + 1);
        assertThat(monthBlocks).contains(":red_square:");

        assertThat(h.command("history api 5y").text()).contains("Unknown period `5y`");
        assertThat(h.command("history nope").text()).contains("nope");
        assertThat(h.slack.violations()).isEmpty();
    }
}
