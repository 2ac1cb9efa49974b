package dev.healthbot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.healthbot.config.HealthBotConfig;
import dev.healthbot.fakeslack.Ack;
import dev.healthbot.fakeslack.FakeSlack;
import dev.healthbot.slack.transport.SlackStartException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole bot against the fake Slack: help, unknown commands, reconnects, the Home tab, refused tokens. */
class FoundationIT {

    @TempDir
    Path dir;

    BotHarness h;

    @BeforeEach
    void start() {
        h = new BotHarness(dir).start();
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void helpIsAckedWithinThreeSecondsAndListsEveryCommand() {
        for (String text : List.of("", "help", "HELP")) {
            Ack ack = h.command(text);
            assertThat(ack.text())
                    .contains("/health help")
                    .contains("/health add")
                    .contains("/health list")
                    .contains("/health check <name>")
                    .contains("/health edit <name>")
                    .contains("/health remove <name>");
            assertThat(ack.payload().get("response_type").getAsString()).isEqualTo("ephemeral");
        }
    }

    @Test
    void anUnknownCommandPointsToHelp() {
        Ack ack = h.command("frobnicate now");
        assertThat(ack.text())
                .contains("Unknown command")
                .contains("frobnicate")
                .contains("/health help");
    }

    @Test
    void afterADisconnectFrameTheBotReconnectsAndAnswersAgain() {
        int opened = h.slack.connectionsOpenedTotal();
        h.slack.sendDisconnect();
        h.slack.awaitConnectionsOpenedTotal(opened + 1, BotHarness.WAIT);
        assertThat(h.command("help").text()).contains("/health add");
    }

    @Test
    void openingTheHomeTabPublishesTheHomeView() throws Exception {
        h.slack.appHomeOpened("U0HOME0001").get(5, TimeUnit.SECONDS);
        var call = h.slack.awaitCall("views.publish", c -> "U0HOME0001".equals(c.param("user_id")), BotHarness.WAIT);
        assertThat(call.json("view").getAsJsonObject().get("type").getAsString())
                .isEqualTo("home");
        assertThat(call.json("view").toString()).contains("healthbot").contains("/health add");
    }

    @Test
    void aRefusedBotTokenStopsTheStartWithOneLine() {
        try (FakeSlack other = FakeSlack.start()) {
            other.rejectAuth("invalid_auth");
            BotHarness refused = new BotHarness(other, dir.resolve("other.db"));
            SlackStartException e = catchThrowableOfType(
                    SlackStartException.class,
                    () -> Bot.start(HealthBotConfig.fromEnvironment(refused.env), InstantSource.system()));
            assertThat(e.getMessage())
                    .contains("SLACK_BOT_TOKEN")
                    .contains("invalid_auth")
                    .doesNotContain("\n");
            assertThat(e.getMessage()).doesNotContain(FakeSlack.BOT_TOKEN);
        }
    }

    @Test
    void aRefusedAppTokenStopsTheStartWithOneLine() {
        try (FakeSlack other = FakeSlack.start()) {
            other.rejectConnectionsOpen("invalid_auth");
            BotHarness refused = new BotHarness(other, dir.resolve("other.db"));
            SlackStartException e = catchThrowableOfType(
                    SlackStartException.class,
                    () -> Bot.start(HealthBotConfig.fromEnvironment(refused.env), InstantSource.system()));
            assertThat(e.getMessage())
                    .contains("SLACK_APP_TOKEN")
                    .contains("invalid_auth")
                    .doesNotContain("\n");
        }
    }
}
