package dev.healthbot.slack.transport;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.slack.api.bolt.App;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.socket_mode.request.SocketModeRequest;
import com.slack.api.bolt.socket_mode.request.SocketModeRequestParser;
import com.slack.api.socket_mode.SocketModeClient;
import com.slack.api.socket_mode.queue.SocketModeMessageQueue;
import com.slack.api.socket_mode.response.AckResponse;
import com.slack.api.util.json.GsonFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the Socket Mode client so that nothing Slack sends can crash the socket or go unanswered:
 * frames that are not JSON objects are logged and dropped before the SDK parses them; envelopes of
 * an unknown type, without a payload, with a payload of the wrong shape, or that no handler takes
 * (an unknown callback, action or event) are logged and acked, so Slack does not resend them.
 * The listener runs on the SDK's message-processor threads; stateless apart from the client.
 */
final class EnvelopeGuard {

    private static final Logger LOG = LoggerFactory.getLogger(EnvelopeGuard.class);
    private static final Set<String> TYPES = Set.of("slash_commands", "interactive", "events_api");
    private static final Set<String> CONTROL = Set.of("hello", "disconnect");
    private static final int MAX_REASON = 200;

    private EnvelopeGuard() {}

    /** A factory for {@code new SocketModeApp(factory, app)}: the Java-WebSocket backend with the guard installed. */
    static Supplier<SocketModeClient> clientFactory(App app, String appToken) {
        return () -> {
            SocketModeClient client;
            try {
                client = app.slack().socketMode(appToken, SocketModeClient.Backend.JavaWebSocket);
            } catch (IOException e) {
                // The message carries no token: the SDK names the method and the HTTP failure only.
                throw new UncheckedIOException(
                        "cannot open the Socket Mode connection: "
                                + e.getClass().getSimpleName(),
                        e);
            }
            client.setMessageQueue(new Filter(client, client.getMessageQueue()));
            SocketModeRequestParser parser = new SocketModeRequestParser(app.config());
            Gson gson = GsonFactory.createSnakeCase(app.slack().getConfig());
            client.addWebSocketMessageListener(message -> handle(app, client, parser, gson, message));
            return client;
        };
    }

    private static void handle(
            App app, SocketModeClient client, SocketModeRequestParser parser, Gson gson, String message) {
        String envelopeId = null;
        String type = null;
        try {
            JsonObject frame = JsonParser.parseString(message).getAsJsonObject();
            envelopeId = string(frame, "envelope_id");
            type = string(frame, "type");
            if (envelopeId == null || type == null || !TYPES.contains(type)) {
                return; // the filter has answered these already
            }
            SocketModeRequest req = parser.parse(message);
            Response response = app.run(req.getBoltRequest());
            if (response.getStatusCode() != 200) {
                LOG.warn(
                        "envelope unhandled type={} envelope={} status={} reason={}",
                        type,
                        envelopeId,
                        response.getStatusCode(),
                        reason(response.getBody()));
                ack(client, envelopeId);
                return;
            }
            if (response.getBody() == null) {
                ack(client, envelopeId);
                return;
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("envelope_id", envelopeId);
            if (response.getContentType() != null && response.getContentType().startsWith("application/json")) {
                answer.put("payload", gson.fromJson(response.getBody(), JsonElement.class));
            } else {
                answer.put("payload", Map.of("text", response.getBody()));
            }
            client.sendSocketModeResponse(gson.toJson(answer));
        } catch (Exception e) {
            // A payload the SDK cannot read is Slack's doing, not a bug of ours: log it briefly and ack it.
            LOG.warn(
                    "envelope malformed type={} envelope={} reason=unreadable_payload detail={}",
                    type,
                    envelopeId,
                    reason(e.getMessage()));
            if (envelopeId != null) {
                ack(client, envelopeId);
            }
        }
    }

    private static void ack(SocketModeClient client, String envelopeId) {
        try {
            client.sendSocketModeResponse(new AckResponse(envelopeId));
        } catch (RuntimeException e) {
            LOG.warn(
                    "envelope ack failed envelope={} error={}",
                    envelopeId,
                    e.getClass().getSimpleName());
        }
    }

    private static String string(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }

    private static String reason(String text) {
        if (text == null) {
            return "none";
        }
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() > MAX_REASON ? oneLine.substring(0, MAX_REASON) + "…" : oneLine;
    }

    /**
     * Sits in front of the SDK's queue: only JSON objects get through; an envelope the SDK would
     * drop (unknown type, missing or non-object payload) is acked here and never queued.
     */
    private static final class Filter implements SocketModeMessageQueue {
        private final SocketModeClient client;
        private final SocketModeMessageQueue queue;

        Filter(SocketModeClient client, SocketModeMessageQueue queue) {
            this.client = client;
            this.queue = queue;
        }

        @Override
        public void add(String message) {
            JsonObject frame;
            try {
                JsonElement e = JsonParser.parseString(message);
                if (!e.isJsonObject()) {
                    LOG.warn("socket frame dropped reason=not_a_json_object length={}", message.length());
                    return;
                }
                frame = e.getAsJsonObject();
            } catch (RuntimeException e) {
                LOG.warn("socket frame dropped reason=not_json length={}", message.length());
                return;
            }
            String type = string(frame, "type");
            String envelopeId = string(frame, "envelope_id");
            if (envelopeId == null) {
                if (type == null || !CONTROL.contains(type)) {
                    LOG.warn("socket frame dropped reason=no_envelope_id type={}", reason(type));
                    return;
                }
                queue.add(message);
                return;
            }
            if (type == null || !TYPES.contains(type)) {
                LOG.warn("envelope unknown type={} envelope={}", reason(type), envelopeId);
                ack(client, envelopeId);
                return;
            }
            JsonElement payload = frame.get("payload");
            if (payload == null || !payload.isJsonObject()) {
                LOG.warn("envelope malformed type={} envelope={} reason=payload_not_an_object", type, envelopeId);
                ack(client, envelopeId);
                return;
            }
            queue.add(message);
        }

        @Override
        public String poll() {
            return queue.poll();
        }
    }
}
