package dev.healthbot.slack.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.healthbot.fakeslack.Ack;
import dev.healthbot.fakeslack.FakeSlack;
import dev.healthbot.slack.AccessPolicy;
import dev.healthbot.slack.Directory;
import dev.healthbot.slack.Permissions;
import dev.healthbot.slack.command.CommandRequest;
import dev.healthbot.slack.command.Handlers;
import dev.healthbot.slack.command.HelpCommand;
import dev.healthbot.slack.command.Subcommand;
import dev.healthbot.slack.view.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real Bolt app over a real socket to the fake Slack, with subcommands that throw: the user
 * gets a clear ephemeral line, the socket stays up and the next command works.
 */
class SlackBotHandlerFailureIT {

    static final Duration WAIT = Duration.ofSeconds(15);

    /** A subcommand that runs {@code body} (which may throw) and counts its calls. */
    static final class Scripted implements Subcommand {
        final String name;
        final AtomicInteger calls = new AtomicInteger();
        volatile Supplier<Reply> body;

        Scripted(String name, Supplier<Reply> body) {
            this.name = name;
            this.body = body;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String usage() {
            return "/health " + name;
        }

        @Override
        public String summary() {
            return "test";
        }

        @Override
        public Reply handle(CommandRequest request) {
            calls.incrementAndGet();
            return body.get();
        }
    }

    FakeSlack slack;
    SlackApi api;
    SlackBot bot;
    Directory directory;
    final List<Subcommand> commands = new ArrayList<>();

    @BeforeEach
    void start() {
        slack = FakeSlack.start();
        api = new SlackApi(FakeSlack.BOT_TOKEN, FakeSlack.APP_TOKEN, slack.apiUrl());
        directory = new Directory(api.methods(), Permissions.CACHE_FOR);
    }

    void startBot(Subcommand... subs) {
        commands.add(new HelpCommand(() -> List.copyOf(commands)));
        commands.addAll(List.of(subs));
        AccessPolicy access = new AccessPolicy(
                directory,
                new Permissions(List.of(), api.methods(), Permissions.CACHE_FOR, Permissions.CALL_BOUND),
                false,
                Permissions.CALL_BOUND);
        bot = new SlackBot(api, new Handlers(commands, List.of(), List.of(), access));
        bot.start(WAIT);
        slack.awaitConnected(WAIT);
    }

    @AfterEach
    void stop() {
        try {
            if (bot != null) {
                bot.close();
            }
            directory.close();
            api.close();
            slack.assertNoViolations();
        } finally {
            slack.close();
        }
    }

    Ack command(String text) throws Exception {
        Ack ack = slack.slashCommand(text).get(10, TimeUnit.SECONDS);
        assertThat(ack.elapsed()).isLessThan(Duration.ofSeconds(3));
        return ack;
    }

    void assertStillServing() throws Exception {
        assertThat(bot.connected()).isTrue();
        assertThat(slack.openConnections()).isEqualTo(1);
        assertThat(command("help").text()).contains("/health boom");
    }

    @Test
    void aCommandThatThrowsGetsAClearEphemeralErrorAndTheNextCommandWorks() throws Exception {
        Scripted boom = new Scripted("boom", () -> {
            throw new IllegalStateException("db exploded at jdbc:sqlite:/secret/path");
        });
        startBot(boom);

        Ack failed = command("boom");

        assertThat(failed.text()).isEqualTo(SlackBot.INTERNAL_ERROR).doesNotContain("Exception");
        assertThat(failed.payload().toString()).contains("ephemeral");
        assertStillServing();
        // The same command, once its cause is gone, works: nothing was left stuck.
        boom.body = () -> Reply.text("boom ok");
        assertThat(command("boom").text()).isEqualTo("boom ok");
        assertThat(boom.calls).hasValue(2);
    }

    @Test
    void handlersThatThrowErrorsDoNotWearDownTheSocket() throws Exception {
        // More than the SDK's ten message-processor tasks: an Error that reached the SDK would end
        // one task each, and the bot would go deaf.
        Scripted boom = new Scripted("boom", () -> {
            throw new AssertionError("handler bug");
        });
        startBot(boom);

        for (int i = 0; i < 15; i++) {
            assertThat(command("boom").text()).isEqualTo(SlackBot.INTERNAL_ERROR);
        }

        assertStillServing();
        assertThat(boom.calls).hasValue(15);
    }

    @Test
    void workHandedToLaterThatThrowsAnswersWithAClearErrorThroughTheResponseUrl() throws Exception {
        Scripted slow = new Scripted("boom", null);
        slow.body = () -> {
            throw new UnsupportedOperationException("not reached");
        };
        Subcommand later = new Subcommand() {
            @Override
            public String name() {
                return "later";
            }

            @Override
            public String usage() {
                return "/health later";
            }

            @Override
            public String summary() {
                return "test";
            }

            @Override
            public Reply handle(CommandRequest request) {
                request.later().respondLater(() -> {
                    throw new IllegalStateException("late failure");
                });
                return Reply.text("working on it");
            }
        };
        startBot(slow, later);

        assertThat(command("later").text()).isEqualTo("working on it");

        var post = slack.awaitResponseUrlPost(p -> p.body().toString().contains("Something went wrong"), WAIT);
        assertThat(post.body().toString()).doesNotContain("late failure").doesNotContain("Exception");
        assertStillServing();
    }
}
