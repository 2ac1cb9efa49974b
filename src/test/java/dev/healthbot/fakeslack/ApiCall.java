package dev.healthbot.fakeslack;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Web API call the fake received, with what it answered; immutable.
 *
 * @param method the method name, e.g. {@code chat.postMessage}
 * @param token the token from {@code Authorization: Bearer} or the {@code token} parameter, {@code null} if none
 * @param params the request parameters; JSON values (blocks, view) stay JSON strings, see {@link #json}
 * @param at when the fake received it
 * @param httpStatus the HTTP status the fake answered
 * @param error the {@code error} the fake answered, {@code null} when it answered {@code ok:true}
 */
public record ApiCall(
        String method, String token, Map<String, String> params, Instant at, int httpStatus, String error) {

    public ApiCall {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** A parameter's value, or {@code null}. */
    public String param(String name) {
        return params.get(name);
    }

    /** A parameter parsed as JSON, or {@code null} when it is absent or not valid JSON. */
    public JsonElement json(String name) {
        String raw = params.get(name);
        if (raw == null) {
            return null;
        }
        try {
            return JsonParser.parseString(raw);
        } catch (JsonParseException e) {
            return null;
        }
    }

    /** Whether the fake answered {@code ok:true}. */
    public boolean ok() {
        return error == null;
    }

    @Override
    public String toString() {
        // Tokens are credentials in real deployments; keep them out of assertion messages and logs.
        return "ApiCall[" + method + " token=" + FakeSlack.mask(token) + " params=" + params + " at=" + at + " status="
                + httpStatus + " error=" + error + "]";
    }
}
