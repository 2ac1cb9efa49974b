package dev.healthbot.fakeslack;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.methods.MethodsConfig;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.socket_mode.SocketModeClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the real Bolt Socket Mode stack against the fake to prove the two speak the same wire format. */
@Timeout(60)
class FakeSlackBoltCompatibilityTest {

    private static final Logger log = LoggerFactory.getLogger(FakeSlackBoltCompatibilityTest.class);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final AtomicInteger INSTANCE = new AtomicInteger();

    private FakeSlack fake;
    private Slack slack;
    private SocketModeApp socketModeApp;

    @BeforeEach
    void setUp() {
        fake = FakeSlack.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            if (socketModeApp != null) {
                socketModeApp.close();
            }
        } finally {
            try {
                if (slack != null) {
                    slack.close();
                }
            } finally {
                fake.close();
            }
        }
    }

    /** The wiring production code should copy: one SlackConfig, one Slack, used by both App and SocketModeApp. */
    private App newApp() {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(fake.apiUrl());
        config.setProxyUrl(null);
        MethodsConfig methods = new MethodsConfig();
        // The async client's executors are static per name; a distinct name keeps tests apart.
        methods.setExecutorName("fakeslack-compat-" + INSTANCE.incrementAndGet());
        config.setMethodsConfig(methods);
        slack = Slack.getInstance(config);
        return new App(AppConfig.builder()
                .singleTeamBotToken(FakeSlack.BOT_TOKEN)
                .slack(slack)
                .build());
    }

    private void start(App app) throws Exception {
        // SocketModeApp builds its client from app.slack(), so apps.connections.open goes to the fake too.
        socketModeApp = new SocketModeApp(FakeSlack.APP_TOKEN, SocketModeClient.Backend.JavaWebSocket, app);
        long started = System.nanoTime();
        socketModeApp.startAsync();
        log.info("startAsync returned after {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        fake.awaitConnected(WAIT);
        log.info("connected {} ms after startAsync", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    @Test
    void slashCommandIsAnsweredInTheAckAndAgainAfterADisconnect() throws Exception {
        App app = newApp();
        app.command("/health", (req, ctx) -> ctx.ack("pong " + req.getPayload().getText()));
        start(app);

        Ack ack = fake.slashCommand("hello").get(5, TimeUnit.SECONDS);
        assertThat(ack.text()).isEqualTo("pong hello");
        log.info("ack took {} ms", ack.elapsed().toMillis());

        int before = fake.connectionsOpenedTotal();
        log.info(
                "before disconnect: opened {}, open {}, apps.connections.open calls {}",
                before,
                fake.openConnections(),
                fake.calls("apps.connections.open").size());
        long disconnected = System.nanoTime();
        fake.sendDisconnect();
        fake.awaitConnectionsOpenedTotal(before + 1, WAIT);
        log.info(
                "reconnected {} ms after disconnect; open now {}",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - disconnected),
                fake.openConnections());

        long replaced = System.nanoTime();
        fake.awaitOpenConnections(1, WAIT);
        log.info(
                "old socket closed {} ms after the new one opened",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - replaced));
        Ack again = fake.slashCommand("again").get(5, TimeUnit.SECONDS);
        assertThat(again.text()).isEqualTo("pong again");

        assertThat(fake.calls("auth.test")).isNotEmpty().allSatisfy(c -> assertThat(c.ok())
                .isTrue());
        assertThat(fake.calls("apps.connections.open"))
                .hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(c -> assertThat(c.token()).isEqualTo(FakeSlack.APP_TOKEN));
        log.info(
                "auth.test calls {} (tokens {}), apps.connections.open calls {}",
                fake.calls("auth.test").size(),
                fake.calls("auth.test").stream()
                        .map(c -> FakeSlack.mask(c.token()))
                        .toList(),
                fake.calls("apps.connections.open").size());
        fake.assertNoViolations();
    }

    @Test
    void droppedSocketIsReplacedByTheSdk() throws Exception {
        App app = newApp();
        app.command("/health", (req, ctx) -> ctx.ack("pong " + req.getPayload().getText()));
        start(app);

        int before = fake.connectionsOpenedTotal();
        long dropped = System.nanoTime();
        fake.dropSocket();
        // The SDK's session monitor checks every few seconds, so allow well beyond its first check.
        fake.awaitConnectionsOpenedTotal(before + 1, Duration.ofSeconds(20));
        log.info("reconnected {} ms after drop", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - dropped));

        assertThat(fake.slashCommand("after drop").get(5, TimeUnit.SECONDS).text())
                .isEqualTo("pong after drop");
        long closing = System.nanoTime();
        socketModeApp.close();
        socketModeApp = null;
        slack.close();
        slack = null;
        log.info("SocketModeApp and Slack closed in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closing));
        fake.assertNoViolations();
    }

    @Test
    void handlersCanUseTheWebApiAndResponseUrl() throws Exception {
        App app = newApp();
        app.command("/health", (req, ctx) -> {
            ChatPostMessageResponse posted = ctx.client()
                    .chatPostMessage(r -> r.channel(req.getPayload().getChannelId())
                            .text("check added: " + req.getPayload().getText()));
            if (!posted.isOk()) {
                return ctx.ack("failed: " + posted.getError());
            }
            ctx.respond("done in " + posted.getTs());
            return ctx.ack();
        });
        app.viewSubmission("add_check", (req, ctx) -> {
            String url = req.getPayload()
                    .getView()
                    .getState()
                    .getValues()
                    .get("url_block")
                    .get("url_input")
                    .getValue();
            if (!url.startsWith("https://")) {
                return ctx.ack(r -> r.responseAction("errors").errors(Map.of("url_block", "Use https")));
            }
            return ctx.ack();
        });
        app.blockAction("ack_incident", (req, ctx) -> {
            ctx.client().chatUpdate(r -> r.channel(req.getPayload().getChannel().getId())
                    .ts(req.getPayload().getContainer().getMessageTs())
                    .text("acknowledged by <@" + req.getPayload().getUser().getId() + ">"));
            return ctx.ack();
        });
        start(app);

        Ack ack = fake.slashCommand("add https://example.org").get(5, TimeUnit.SECONDS);
        assertThat(ack.payload()).isNull();
        Message posted = fake.awaitMessage(FakeSlack.DEFAULT_CHANNEL_ID, m -> true, WAIT);
        assertThat(posted.text()).isEqualTo("check added: add https://example.org");
        ResponseUrlPost response = fake.awaitResponseUrlPost(p -> true, WAIT);
        assertThat(response.text()).isEqualTo("done in " + posted.ts());

        JsonObject values = JsonParser.parseString(
                        "{\"url_block\":{\"url_input\":{\"type\":\"plain_text_input\",\"value\":\"ftp://x\"}}}")
                .getAsJsonObject();
        Ack rejected = fake.viewSubmission("add_check", "", values, FakeSlack.DEFAULT_USER_ID)
                .get(5, TimeUnit.SECONDS);
        assertThat(rejected.payload().get("response_action").getAsString()).isEqualTo("errors");
        assertThat(rejected.payload().getAsJsonObject("errors").get("url_block").getAsString())
                .isEqualTo("Use https");

        fake.blockAction("ack_incident", "incident", "1", "U0USER0002", FakeSlack.DEFAULT_CHANNEL_ID, null)
                .get(5, TimeUnit.SECONDS);
        Message updated = fake.awaitMessage(FakeSlack.DEFAULT_CHANNEL_ID, m -> m.updates() == 1, WAIT);
        assertThat(updated.text()).isEqualTo("acknowledged by <@U0USER0002>");
        fake.assertNoViolations();
    }
}
