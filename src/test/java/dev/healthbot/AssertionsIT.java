package dev.healthbot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.healthbot.fakeslack.Ack;
import dev.healthbot.fakeslack.FakeSlack;
import dev.healthbot.fakeslack.Message;
import dev.healthbot.monitor.Assertions;
import dev.healthbot.monitor.Status;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Assertions end to end: the real bot, the fake Slack, and a real local server whose JSON health changes. */
class AssertionsIT extends BotFixture {

    static final String OPS = "C0ASSERT01";
    static final Duration WAIT = Duration.ofSeconds(20);

    @BeforeEach
    void startBot() {
        target.body.set("{\"status\":\"UP\",\"measurements\":[{\"value\":0.42}]}");
        h = new BotHarness(dir).start();
    }

    private String url() {
        return target.url("/actuator/health");
    }

    private void awaitStatus(String name, Status wanted) {
        h.awaitStatus(name, wanted, WAIT);
    }

    @Test
    void aJsonHealthThatTurnsDownPostsAnOutageNamingTheFailedRule() {
        int before = h.slack.responseUrlPosts().size();
        h.command("subscribe", FakeSlack.DEFAULT_USER_ID, OPS);
        h.slack.awaitResponseUrlPost(
                p -> h.slack.responseUrlPosts().indexOf(p) >= before
                        && p.text() != null
                        && p.text().contains("now gets alerts"),
                WAIT);
        // Slack sends < escaped as &lt; in a command's text.
        Ack added = h.command("add orders " + url()
                + " env=LIVE every=2s timeout=2s expect=actuator expect_json=$.measurements[0].value &lt; 0.9"
                + " failures=1");
        assertThat(added.text()).contains("orders").contains("registered");
        Assertions saved = h.bot.monitors()
                .find("orders")
                .orElseThrow()
                .settings()
                .options()
                .assertions();
        assertThat(saved.json())
                .extracting(Object::toString)
                .containsExactly("$.status == \"UP\"", "$.measurements[0].value < 0.9");
        awaitStatus("orders", Status.UP);

        target.body.set("{\"status\":\"DOWN\",\"measurements\":[{\"value\":0.42}]}");
        Message outage = h.slack.awaitMessage(OPS, m -> !m.isReply(), WAIT);
        assertThat(outage.text()).contains("orders is DOWN").contains("ASSERTION");
        assertThat(outage.blocks().toString()).contains("$.status was \\\"DOWN\\\", expected \\\"UP\\\"");

        target.body.set("{\"status\":\"UP\",\"measurements\":[{\"value\":0.42}]}");
        Message reply = h.slack.awaitMessage(OPS, Message::isReply, WAIT);
        assertThat(reply.threadTs()).isEqualTo(outage.ts());

        // The check command shows the failed rule of a metric over its threshold.
        target.body.set("{\"status\":\"UP\",\"measurements\":[{\"value\":0.97}]}");
        String check = h.commandLater("check orders", t -> t.contains("orders is"));
        assertThat(check).contains("$.measurements[0].value was 0.97, expected &lt; 0.9");
    }

    @Test
    void aBadRuleIsRefusedWithItsReasonAndNothingIsSaved() {
        Ack refused = h.command("add orders " + url() + " expect_json=status == \"UP\"");
        assertThat(refused.text()).contains("Nothing was saved").contains("starts with a path like $.status");
        assertThat(h.bot.monitors().find("orders")).isEmpty();

        Ack form = h.submit(
                "server_add",
                "",
                BotHarness.values(Map.of("name", "orders", "url", url(), "expect_json", "$.status = \"UP\"")));
        assertThat(form.payload().get("response_action").getAsString()).isEqualTo("errors");
        assertThat(form.payload().getAsJsonObject("errors").get("expect_json").getAsString())
                .contains("two equals signs");
        assertThat(h.bot.monitors().find("orders")).isEmpty();
    }

    @Test
    void theEditFormKeepsTheSettingsItDoesNotShow() {
        Ack added = h.command("add orders " + url() + " expect_body_not=\"OUT_OF_SERVICE\" latency_max=300ms");
        assertThat(added.text()).contains("registered");
        Ack saved = h.submit(
                "server_edit",
                "orders",
                BotHarness.values(Map.of(
                        "name", "orders", "url", url(), "expect_json", "$.status == \"UP\"", "latency_max", "")));
        assertThat(saved.payload() == null || !saved.payload().has("errors")).isTrue();
        Assertions a = h.bot.monitors()
                .find("orders")
                .orElseThrow()
                .settings()
                .options()
                .assertions();
        assertThat(a.bodyNotContains()).isEqualTo("OUT_OF_SERVICE");
        assertThat(a.json()).extracting(Object::toString).containsExactly("$.status == \"UP\"");
        assertThat(a.latencyMax())
                .as("a field the form shows and the user emptied")
                .isNull();
    }
}
