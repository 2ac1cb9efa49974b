package dev.healthbot.fakeslack;

import com.google.gson.JsonObject;
import java.time.Duration;

/**
 * The app's acknowledgement of one Socket Mode envelope; immutable apart from the JSON payload, which callers
 * must treat as read-only.
 *
 * @param envelopeId the envelope the app acknowledged
 * @param payload the ack's {@code payload}, or {@code null} when the ack carried none
 * @param elapsed time between sending the envelope and receiving the ack
 */
public record Ack(String envelopeId, JsonObject payload, Duration elapsed) {

    /** The ack payload's {@code text}, or {@code null} when there is no payload or no text. */
    public String text() {
        if (payload == null || !payload.has("text") || !payload.get("text").isJsonPrimitive()) {
            return null;
        }
        return payload.get("text").getAsString();
    }
}
