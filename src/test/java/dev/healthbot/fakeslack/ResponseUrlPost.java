package dev.healthbot.fakeslack;

import com.google.gson.JsonObject;
import java.time.Instant;

/**
 * One JSON body the app POSTed to a {@code response_url} the fake issued; immutable, the body must be treated as
 * read-only.
 *
 * @param path the request path, {@code /response/<uuid>}
 * @param body the parsed JSON body (an empty object when the body was not a JSON object)
 * @param at when the fake received it
 */
public record ResponseUrlPost(String path, JsonObject body, Instant at) {

    /** The body's {@code text}, or {@code null}. */
    public String text() {
        return body.has("text") && body.get("text").isJsonPrimitive()
                ? body.get("text").getAsString()
                : null;
    }
}
