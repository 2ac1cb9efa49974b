package dev.healthbot.probe;

import java.util.Map;

/** How a probe names an HTTP answer in a result: {@code HTTP 503 Service Unavailable}. */
final class HttpStatusText {

    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(200, "OK"),
            Map.entry(201, "Created"),
            Map.entry(202, "Accepted"),
            Map.entry(204, "No Content"),
            Map.entry(301, "Moved Permanently"),
            Map.entry(302, "Found"),
            Map.entry(303, "See Other"),
            Map.entry(304, "Not Modified"),
            Map.entry(307, "Temporary Redirect"),
            Map.entry(308, "Permanent Redirect"),
            Map.entry(400, "Bad Request"),
            Map.entry(401, "Unauthorized"),
            Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"),
            Map.entry(405, "Method Not Allowed"),
            Map.entry(408, "Request Timeout"),
            Map.entry(429, "Too Many Requests"),
            Map.entry(500, "Internal Server Error"),
            Map.entry(501, "Not Implemented"),
            Map.entry(502, "Bad Gateway"),
            Map.entry(503, "Service Unavailable"),
            Map.entry(504, "Gateway Timeout"));

    private HttpStatusText() {}

    /**
     * {@code HTTP <code> <reason>}: the server's own reason phrase, cleaned and cut at 60 characters,
     * or the standard one when the server sent none (HTTP/2 never does).
     */
    static String of(int code, String reasonPhrase) {
        String reason = ProbeSupport.clean(reasonPhrase);
        if (reason.isEmpty()) {
            reason = REASONS.getOrDefault(code, "");
        }
        if (reason.length() > 60) {
            reason = reason.substring(0, 59) + "…";
        }
        return ("HTTP " + code + " " + reason).strip();
    }
}
