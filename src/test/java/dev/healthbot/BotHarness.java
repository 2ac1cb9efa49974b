package dev.healthbot;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.healthbot.config.HealthBotConfig;
import dev.healthbot.fakeslack.Ack;
import dev.healthbot.fakeslack.FakeSlack;
import dev.healthbot.fakeslack.ResponseUrlPost;
import dev.healthbot.probe.LoopbackResolver;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts the real bot, wired as {@code main} wires it, against a fake Slack and a fresh SQLite file. */
final class BotHarness implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(15);

    final FakeSlack slack;
    final Path db;
    final Map<String, String> env = new HashMap<>();
    /** The bot's clock; a test may set a {@link SkewClock} before {@link #start} to move time on. */
    InstantSource clock = InstantSource.system();

    Bot bot;

    BotHarness(Path dir) {
        this(FakeSlack.start(), dir.resolve("healthbot.db"));
    }

    BotHarness(FakeSlack slack, Path db) {
        this.slack = slack;
        this.db = db;
        env.put("SLACK_BOT_TOKEN", FakeSlack.BOT_TOKEN);
        env.put("SLACK_APP_TOKEN", FakeSlack.APP_TOKEN);
        env.put("SLACK_API_URL", slack.apiUrl());
        env.put("HEALTHBOT_DB", db.toString());
        env.put("HEALTHBOT_HTTP_ADDR", "127.0.0.1:0"); // a free port: bots in one run never collide
    }

    /** Starts the bot with {@link #clock} as its clock. */
    BotHarness start() {
        return start(clock);
    }

    /** Starts the bot with {@code clock} as its clock (tests that move time). */
    BotHarness start(InstantSource clock) {
        // No DNS query leaves the machine: literal addresses and localhost only.
        bot = Bot.start(HealthBotConfig.fromEnvironment(env), clock, LoopbackResolver.INSTANCE);
        slack.awaitConnected(WAIT);
        return this;
    }

    Ack command(String text) {
        return command(text, FakeSlack.DEFAULT_USER_ID, FakeSlack.DEFAULT_CHANNEL_ID);
    }

    Ack command(String text, String user, String channel) {
        try {
            Ack ack = slack.slashCommand(text, user, channel).get(10, TimeUnit.SECONDS);
            assertThat(ack.elapsed()).isLessThan(Duration.ofSeconds(3));
            return ack;
        } catch (Exception e) {
            throw new AssertionError("no ack for /health " + text, e);
        }
    }

    /** Sends a command and waits for the later answer the bot posts to its response_url. */
    String commandLater(String text, java.util.function.Predicate<String> done) {
        int before = slack.responseUrlPosts().size();
        command(text);
        ResponseUrlPost post = slack.awaitResponseUrlPost(
                p -> slack.responseUrlPosts().indexOf(p) >= before && p.text() != null && done.test(p.text()), WAIT);
        return post.text();
    }

    Ack submit(String callbackId, String metadata, JsonObject values) {
        try {
            return slack.viewSubmission(callbackId, metadata, values, FakeSlack.DEFAULT_USER_ID)
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no ack for submission " + callbackId, e);
        }
    }

    /** A view_submission's state values: one text input per block, action id "value". */
    static JsonObject values(Map<String, String> byBlock) {
        JsonObject values = new JsonObject();
        byBlock.forEach((block, value) -> {
            JsonObject input = new JsonObject();
            if (block.equals("environment")) {
                input.addProperty("type", "static_select");
                JsonObject option = new JsonObject();
                JsonObject text = new JsonObject();
                text.addProperty("type", "plain_text");
                text.addProperty("text", value);
                option.add("text", text);
                option.addProperty("value", value);
                input.add("selected_option", option);
            } else {
                input.addProperty("type", "plain_text_input");
                input.addProperty("value", value);
            }
            JsonObject action = new JsonObject();
            action.add("value", input);
            values.add(block, action);
        });
        return values;
    }

    /** Waits, polling with a deadline, until the server named {@code name} has the status {@code wanted}. */
    void awaitStatus(String name, dev.healthbot.monitor.Status wanted, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            var m = bot.monitors().find(name).orElseThrow();
            if (bot.monitors().state(m.id()).orElseThrow().status() == wanted) {
                return;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
        }
        throw new AssertionError(name + " never became " + wanted);
    }

    void stopBot() {
        if (bot != null) {
            bot.close();
            bot = null;
        }
    }

    @Override
    public void close() {
        stopBot();
        try {
            slack.assertNoViolations();
        } finally {
            slack.close();
        }
    }
}
