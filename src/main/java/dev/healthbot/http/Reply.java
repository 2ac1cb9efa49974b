package dev.healthbot.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A route's answer: status, content type, body and extra headers; immutable. */
public record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {

    public Reply {
        headers = Map.copyOf(headers);
    }

    public static Reply text(int status, String text) {
        return new Reply(status, "text/plain; charset=utf-8", (text + "\n").getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public static Reply json(int status, String json) {
        return new Reply(status, "application/json", json.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** This reply with one more header. */
    public Reply with(String name, String value) {
        var h = new java.util.HashMap<>(headers);
        h.put(name, value);
        return new Reply(status, contentType, body, h);
    }
}
