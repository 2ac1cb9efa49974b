package dev.healthbot.slack.notify;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import dev.healthbot.alert.Alert;
import dev.healthbot.alert.CertificateAlert;
import dev.healthbot.alert.CertificateNotifier;
import dev.healthbot.alert.DeliveryException;
import dev.healthbot.alert.FollowUpMessage;
import dev.healthbot.alert.Notifier;
import dev.healthbot.alert.PostRef;
import dev.healthbot.alert.PostState;
import dev.healthbot.slack.ChannelAccess;
import dev.healthbot.slack.view.AlertMessages;
import dev.healthbot.slack.view.CertificateMessages;
import dev.healthbot.slack.view.FollowUpMessages;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts alerts with {@code chat.postMessage} and edits them with {@code chat.update}, using the bot
 * token; classifies every failure for the dispatcher and never retries on its own. Nothing goes into a channel
 * {@link ChannelAccess} refuses (shared with another organisation). Called from the alert loop's single thread.
 */
public final class SlackNotifier implements Notifier, CertificateNotifier, dev.healthbot.alert.TextNotifier {

    private static final Logger LOG = LoggerFactory.getLogger(SlackNotifier.class);

    /** Errors that will not heal on retry. */
    static final Set<String> PERMANENT = Set.of(
            "channel_not_found",
            "not_in_channel",
            "is_archived",
            "invalid_auth",
            "not_authed",
            "account_inactive",
            "token_revoked",
            "token_expired",
            "missing_scope",
            "no_permission",
            "restricted_action",
            "msg_too_long",
            "invalid_blocks",
            "msg_blocks_too_long",
            "cant_update_message",
            "message_not_found",
            "edit_window_closed",
            "thread_not_found",
            "team_access_not_granted",
            "ekm_access_denied");

    private final MethodsClient methods;
    private final ChannelAccess access;

    public SlackNotifier(MethodsClient methods, ChannelAccess access) {
        this.methods = methods;
        this.access = access;
    }

    @Override
    public PostRef postOutage(String channel, Alert alert) throws DeliveryException {
        return postOutage(channel, alert, PostState.NONE);
    }

    @Override
    public PostRef postOutage(String channel, Alert alert, PostState state) throws DeliveryException {
        AlertMessages.Message m = AlertMessages.outage(alert, state);
        var response = call(
                "chat.postMessage",
                channel,
                () -> methods.chatPostMessage(r -> r.channel(channel)
                        .text(m.text())
                        .blocks(m.blocks())
                        .unfurlLinks(false)
                        .unfurlMedia(false)));
        return new PostRef(response.getChannel(), response.getTs());
    }

    @Override
    public PostRef postRecovery(String channel, String threadTs, Alert alert) throws DeliveryException {
        AlertMessages.Message m = AlertMessages.recovery(alert);
        var response = call(
                "chat.postMessage",
                channel,
                () -> methods.chatPostMessage(r -> r.channel(channel)
                        .threadTs(threadTs)
                        .text(m.text())
                        .blocks(m.blocks())
                        .unfurlLinks(false)
                        .unfurlMedia(false)));
        return new PostRef(response.getChannel(), response.getTs());
    }

    @Override
    public void markResolved(PostRef outagePost, Alert alert) throws DeliveryException {
        markResolved(outagePost, alert, PostState.NONE);
    }

    @Override
    public void markResolved(PostRef outagePost, Alert alert, PostState state) throws DeliveryException {
        update(outagePost, AlertMessages.resolved(alert, state));
    }

    @Override
    public void refresh(PostRef outagePost, Alert alert, PostState state) throws DeliveryException {
        update(outagePost, AlertMessages.outage(alert, state));
    }

    @Override
    public PostRef postFollowUp(String channel, String threadTs, FollowUpMessage message, boolean broadcast)
            throws DeliveryException {
        AlertMessages.Message m = FollowUpMessages.of(message);
        var response = call(
                "chat.postMessage",
                channel,
                () -> methods.chatPostMessage(r -> r.channel(channel)
                        .threadTs(threadTs)
                        .replyBroadcast(threadTs != null && broadcast)
                        .text(m.text())
                        .blocks(m.blocks())
                        .unfurlLinks(false)
                        .unfurlMedia(false)));
        return new PostRef(response.getChannel(), response.getTs());
    }

    private void update(PostRef outagePost, AlertMessages.Message m) throws DeliveryException {
        call(
                "chat.update",
                outagePost.channel(),
                () -> methods.chatUpdate(r -> r.channel(outagePost.channel())
                        .ts(outagePost.ts())
                        .text(m.text())
                        .blocks(m.blocks())));
    }

    @Override
    public PostRef postCertificateWarning(String channel, CertificateAlert alert) throws DeliveryException {
        return post(channel, null, CertificateMessages.warning(alert));
    }

    @Override
    public PostRef postCertificateRenewed(String channel, String threadTs, CertificateAlert alert)
            throws DeliveryException {
        return post(channel, threadTs, CertificateMessages.renewed(alert));
    }

    /** A notice about a source of servers (the inventory, the servers file), at the top level. */
    @Override
    public PostRef postText(String channel, String text) throws DeliveryException {
        return post(channel, null, dev.healthbot.slack.view.SourceMessages.notice(text));
    }

    private PostRef post(String channel, String threadTs, AlertMessages.Message m) throws DeliveryException {
        var response = call(
                "chat.postMessage",
                channel,
                () -> methods.chatPostMessage(r -> r.channel(channel)
                        .threadTs(threadTs)
                        .text(m.text())
                        .blocks(m.blocks())
                        .unfurlLinks(false)
                        .unfurlMedia(false)));
        return new PostRef(response.getChannel(), response.getTs());
    }

    interface SlackCall<T extends SlackApiTextResponse> {
        T send() throws IOException, SlackApiException;
    }

    <T extends SlackApiTextResponse> T call(String method, String channel, SlackCall<T> call) throws DeliveryException {
        access.checkDelivery(channel);
        T response;
        try {
            response = call.send();
        } catch (SlackApiException e) {
            int status = e.getResponse() == null ? 0 : e.getResponse().code();
            if (status == 429) {
                Duration retryAfter = retryAfter(e.getResponse().header("Retry-After"));
                LOG.warn(
                        "slack rate limited method={} channel={} retryAfterS={}",
                        method,
                        channel,
                        retryAfter == null ? "?" : retryAfter.toSeconds());
                throw DeliveryException.transientFailure("rate limited by Slack (HTTP 429)", retryAfter);
            }
            String error = e.getError() == null ? null : e.getError().getError();
            if (error != null && PERMANENT.contains(error)) {
                throw DeliveryException.permanent(error);
            }
            throw DeliveryException.transientFailure("Slack answered HTTP " + status, null);
        } catch (IOException e) {
            throw DeliveryException.transientFailure(
                    "Slack not reachable (" + e.getClass().getSimpleName() + ")", null);
        }
        if (!response.isOk()) {
            String error = response.getError() == null ? "unknown_error" : response.getError();
            if (PERMANENT.contains(error)) {
                throw DeliveryException.permanent(error);
            }
            throw DeliveryException.transientFailure(error, null);
        }
        return response;
    }

    static Duration retryAfter(String header) {
        if (header == null) {
            return null;
        }
        try {
            long s = Long.parseLong(header.strip());
            return s < 0 ? null : Duration.ofSeconds(Math.min(s, 3600));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
