package dev.healthbot.slack.transport;

import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.methods.MethodsClient;
import com.slack.api.model.view.View;
import com.slack.api.webhook.WebhookResponse;
import dev.healthbot.slack.command.Responder;
import dev.healthbot.slack.view.Reply;
import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Responder} of one slash command: runs the work on the bot's executor and answers
 * through the command's {@code response_url} (retried a few times) or {@code views.open}.
 * Thread-safe; one per command.
 */
final class BoltResponder implements Responder {

    private static final Logger LOG = LoggerFactory.getLogger(BoltResponder.class);
    private static final int RESPOND_ATTEMPTS = 3;

    private final SlashCommandContext ctx;
    private final Executor work;
    private final MethodsClient methods;

    BoltResponder(SlashCommandContext ctx, Executor work, MethodsClient methods) {
        this.ctx = ctx;
        this.work = work;
        this.methods = methods;
    }

    @Override
    public void respondLater(Supplier<Reply> job) {
        work.execute(() -> {
            Reply reply;
            try {
                reply = job.get();
            } catch (RuntimeException e) {
                LOG.error("command work failed error={}", e.toString(), e);
                reply = Reply.text(":warning: Something went wrong on our side; it is logged.");
            }
            Reply r = reply;
            respondWithRetry(() ->
                    ctx.respond(b -> b.responseType("ephemeral").text(r.text()).blocks(r.blocks())));
        });
    }

    @Override
    public void openModal(View view) {
        String trigger = ctx.getRequestUserId() == null ? null : ctx.getTriggerId();
        work.execute(() -> {
            try {
                var response = methods.viewsOpen(r -> r.triggerId(trigger).view(view));
                if (!response.isOk()) {
                    LOG.warn("modal refused error={}", response.getError());
                    respondWithRetry(() -> ctx.respond(":warning: Slack did not open the form (" + response.getError()
                            + "). Try the command again."));
                }
            } catch (Exception e) {
                LOG.warn("modal failed error={}", e.toString());
            }
        });
    }

    /** A response_url call that may fail. */
    interface Call {
        WebhookResponse send() throws IOException;
    }

    /** Sends {@code call}, again after a pause when Slack answers 429 or 5xx or cannot be reached; logs a give-up. */
    static void respondWithRetry(Call call) {
        for (int attempt = 1; attempt <= RESPOND_ATTEMPTS; attempt++) {
            try {
                var response = call.send();
                if (response.getCode() != null && response.getCode() < 300) {
                    return;
                }
                LOG.warn("respond refused attempt={} status={}", attempt, response.getCode());
                if (response.getCode() != null && response.getCode() < 500 && response.getCode() != 429) {
                    return;
                }
            } catch (IOException e) {
                LOG.warn("respond failed attempt={} error={}", attempt, e.toString());
            }
            try {
                TimeUnit.MILLISECONDS.sleep(500L * attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        LOG.error("respond gave up after {} attempts", RESPOND_ATTEMPTS);
    }
}
