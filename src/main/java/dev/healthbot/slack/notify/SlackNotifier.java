package dev.healthbot.slack.notify;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.model.Message;
import dev.healthbot.alert.Alert;
import dev.healthbot.alert.CertificateAlert;
import dev.healthbot.alert.CertificateNotifier;
import dev.healthbot.alert.DeliveryException;
import dev.healthbot.alert.FollowUpMessage;
import dev.healthbot.alert.Notifier;
import dev.healthbot.alert.PostKey;
import dev.healthbot.alert.PostRef;
import dev.healthbot.alert.PostState;
import dev.healthbot.slack.ChannelAccess;
import dev.healthbot.slack.view.AlertMessages;
import dev.healthbot.slack.view.CertificateMessages;
import dev.healthbot.slack.view.FollowUpMessages;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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

    /** The {@code metadata.event_type} of every alert post; its payload names the delivery. */
    public static final String EVENT_TYPE = "healthbot_alert";

    /** How far before the attempt's own clock reading a lookup starts: room for skew between us and Slack. */
    static final Duration LOOKUP_MARGIN = Duration.ofMinutes(2);

    /** A lookup reads at most this many pages of (by default) {@link #LOOKUP_PAGE} messages, then gives up. */
    static final int LOOKUP_PAGES = 3;

    static final int LOOKUP_PAGE = 200;

    /** Lookup errors that mean the lookup cannot work at all: post again instead. */
    static final Set<String> LOOKUP_UNAVAILABLE = Set.of("missing_scope", "not_allowed_token_type", "no_permission");

    private final MethodsClient methods;
    private final ChannelAccess access;

    private final int lookupPage;

    public SlackNotifier(MethodsClient methods, ChannelAccess access) {
        this(methods, access, LOOKUP_PAGE);
    }

    /** A notifier whose lookups read {@code lookupPage} messages a page (tests of paging). */
    SlackNotifier(MethodsClient methods, ChannelAccess access, int lookupPage) {
        this.methods = methods;
        this.access = access;
        this.lookupPage = lookupPage;
    }

    @Override
    public PostRef postOutage(String channel, Alert alert) throws DeliveryException {
        return postOutage(channel, alert, PostState.NONE);
    }

    @Override
    public PostRef postOutage(String channel, Alert alert, PostState state) throws DeliveryException {
        return postOutage(channel, alert, state, null);
    }

    @Override
    public PostRef postOutage(String channel, Alert alert, PostState state, PostKey key) throws DeliveryException {
        AlertMessages.Message m = AlertMessages.outage(alert, state);
        var response = call(
                "chat.postMessage",
                channel,
                () -> methods.chatPostMessage(r -> r.channel(channel)
                        .metadata(metadata(key))
                        .text(m.text())
                        .blocks(m.blocks())
                        .unfurlLinks(false)
                        .unfurlMedia(false)));
        return new PostRef(response.getChannel(), response.getTs());
    }

    @Override
    public PostRef postRecovery(String channel, String threadTs, Alert alert) throws DeliveryException {
        return postRecovery(channel, threadTs, alert, null);
    }

    @Override
    public PostRef postRecovery(String channel, String threadTs, Alert alert, PostKey key) throws DeliveryException {
        AlertMessages.Message m = AlertMessages.recovery(alert);
        var response = call(
                "chat.postMessage",
                channel,
                () -> methods.chatPostMessage(r -> r.channel(channel)
                        .threadTs(threadTs)
                        .metadata(metadata(key))
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

    /**
     * Reads the channel's history ({@code conversations.history}) or the thread's replies ({@code
     * conversations.replies}) from {@code since} less {@link #LOOKUP_MARGIN}, with all metadata, at
     * most {@link #LOOKUP_PAGES} pages, for a post whose metadata names {@code key}.
     */
    @Override
    public Optional<PostRef> findPost(String channel, String threadTs, PostKey key, Instant since)
            throws DeliveryException {
        String oldest = ts(since.minus(LOOKUP_MARGIN));
        String cursor = null;
        for (int page = 0; page < LOOKUP_PAGES; page++) {
            String from = cursor;
            List<Message> messages;
            String next;
            try {
                if (threadTs == null) {
                    var r = call(
                            "conversations.history",
                            channel,
                            () -> methods.conversationsHistory(q -> q.channel(channel)
                                    .oldest(oldest)
                                    .inclusive(true)
                                    .limit(lookupPage)
                                    .includeAllMetadata(true)
                                    .cursor(from)));
                    messages = r.getMessages();
                    next = r.getResponseMetadata() == null
                            ? null
                            : r.getResponseMetadata().getNextCursor();
                } else {
                    var r = call(
                            "conversations.replies",
                            channel,
                            () -> methods.conversationsReplies(q -> q.channel(channel)
                                    .ts(threadTs)
                                    .oldest(oldest)
                                    .inclusive(true)
                                    .limit(lookupPage)
                                    .includeAllMetadata(true)
                                    .cursor(from)));
                    messages = r.getMessages();
                    next = r.getResponseMetadata() == null
                            ? null
                            : r.getResponseMetadata().getNextCursor();
                }
            } catch (DeliveryException e) {
                if (!e.isPermanent() && LOOKUP_UNAVAILABLE.contains(e.reason())) {
                    throw DeliveryException.permanent(e.reason());
                }
                throw e;
            }
            for (Message m : messages == null ? List.<Message>of() : messages) {
                if (carries(m, key)) {
                    return Optional.of(new PostRef(channel, m.getTs()));
                }
            }
            if (next == null || next.isBlank()) {
                return Optional.empty();
            }
            cursor = next;
        }
        LOG.warn(
                "slack lookup stopped delivery={} channel={} pages={} reason=page-limit; posting again",
                key.deliveryId(),
                channel,
                LOOKUP_PAGES);
        return Optional.empty();
    }

    /** The metadata that names {@code key}'s delivery; null (no metadata) without a key. */
    static Message.Metadata metadata(PostKey key) {
        if (key == null) {
            return null;
        }
        return new Message.Metadata(
                EVENT_TYPE,
                Map.of(
                        "delivery_id", Long.toString(key.deliveryId()),
                        "incident_id", Long.toString(key.incidentId()),
                        "kind", key.kind().name().toLowerCase(Locale.ROOT)));
    }

    /** Whether {@code m}'s metadata names {@code key}'s delivery. */
    static boolean carries(Message m, PostKey key) {
        Message.Metadata md = m.getMetadata();
        if (md == null || !EVENT_TYPE.equals(md.getEventType()) || md.getEventPayload() == null) {
            return false;
        }
        Map<String, Object> p = md.getEventPayload();
        return Objects.equals(text(p.get("delivery_id")), Long.toString(key.deliveryId()))
                && Objects.equals(text(p.get("incident_id")), Long.toString(key.incidentId()));
    }

    /** A payload value as text; a JSON number read as a double still compares as an integer. */
    private static String text(Object v) {
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return Long.toString(n.longValue());
        }
        return v == null ? null : v.toString();
    }

    /** A Slack {@code ts} ("seconds.micros") for an instant. */
    static String ts(Instant t) {
        return String.format(Locale.ROOT, "%d.%06d", t.getEpochSecond(), t.getNano() / 1000);
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
            if (status >= 500) {
                // The request may have been carried out before the server failed.
                throw DeliveryException.outcomeUnknown("Slack answered HTTP " + status, null);
            }
            throw DeliveryException.transientFailure("Slack answered HTTP " + status, null);
        } catch (IOException e) {
            // A timeout or a dropped connection: the request may have arrived and been carried out.
            throw DeliveryException.outcomeUnknown(
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
