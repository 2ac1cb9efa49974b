package dev.healthbot.http;

import static dev.healthbot.http.ReportBodies.cut;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.healthbot.errors.ErrorLevel;
import dev.healthbot.errors.ErrorReport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sentry's wire formats, read from Sentry's public protocol documentation: the envelope (a header
 * line, then items each with a header line and a payload, by {@code length} or up to the next newline)
 * and the event payload (exception values with stack frames, message, level, environment, release,
 * request, tags, extra, fingerprint, breadcrumbs). Only {@code event} items are read; other item types
 * are skipped. A truncated envelope is refused. Pure.
 */
final class SentryReports {

    static final int ITEMS_MAX = 100;
    static final int BREADCRUMBS_KEPT = 5;
    private static final Pattern AUTH_KEY = Pattern.compile("(?i)sentry_key\\s*=\\s*([^,\\s&]+)");
    private static final Pattern DSN_KEY = Pattern.compile("^[a-z]+://([^:@/]+)(?::[^@/]*)?@");

    private SentryReports() {}

    /** The public key from {@code X-Sentry-Auth} or the {@code sentry_key} query parameter. */
    static Optional<String> key(Optional<String> authHeader, String query) {
        if (authHeader.isPresent()) {
            Matcher m = AUTH_KEY.matcher(authHeader.get());
            if (m.find()) {
                return Optional.of(m.group(1));
            }
        }
        if (query != null) {
            for (String part : query.split("&")) {
                if (part.startsWith("sentry_key=") && part.length() > 11) {
                    return Optional.of(java.net.URLDecoder.decode(part.substring(11), StandardCharsets.UTF_8));
                }
            }
        }
        return Optional.empty();
    }

    /** An envelope's header and the event it carries, if any. */
    record Envelope(JsonObject header, Optional<JsonObject> event) {
        /** The key of the DSN in the envelope header, which browser SDKs send instead of a header. */
        Optional<String> dsnKey() {
            JsonElement dsn = header.get("dsn");
            if (dsn == null || !dsn.isJsonPrimitive()) {
                return Optional.empty();
            }
            Matcher m = DSN_KEY.matcher(dsn.getAsString());
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        }
    }

    static Envelope envelope(byte[] body) throws BadReport {
        int pos = 0;
        int nl = indexOf(body, pos);
        if (nl == 0 || body.length == 0) {
            throw new BadReport("the envelope has no header line");
        }
        int end = nl < 0 ? body.length : nl;
        JsonObject header = ReportBodies.object(ReportBodies.utf8(slice(body, 0, end)), "the envelope header");
        pos = nl < 0 ? body.length : nl + 1;
        JsonObject event = null;
        int items = 0;
        while (pos < body.length) {
            if (body[pos] == '\n') { // tolerate blank lines between items
                pos++;
                continue;
            }
            if (++items > ITEMS_MAX) {
                throw new BadReport("the envelope has more than " + ITEMS_MAX + " items");
            }
            nl = indexOf(body, pos);
            if (nl < 0) {
                throw new BadReport("the envelope is truncated: item " + items + " has a header but no payload");
            }
            JsonObject itemHeader =
                    ReportBodies.object(ReportBodies.utf8(slice(body, pos, nl)), "item " + items + "'s header");
            pos = nl + 1;
            String type = ReportBodies.string(itemHeader, "type", "item " + items + "'s header: ");
            if (type == null) {
                throw new BadReport("item " + items + "'s header has no type");
            }
            Integer length = ReportBodies.integer(itemHeader, "length", "item " + items + "'s header: ");
            int payloadEnd;
            if (length != null) {
                if (length < 0 || (long) pos + length > body.length) {
                    throw new BadReport("the envelope is truncated: item " + items + " says " + length + " bytes, "
                            + Math.max(0, body.length - pos) + " follow");
                }
                payloadEnd = pos + length;
            } else {
                int next = indexOf(body, pos);
                payloadEnd = next < 0 ? body.length : next;
            }
            if (type.equals("event") && event == null) {
                event = ReportBodies.object(ReportBodies.utf8(slice(body, pos, payloadEnd)), "the event");
            }
            pos = payloadEnd;
            if (pos < body.length && body[pos] == '\n') {
                pos++;
            }
        }
        return new Envelope(header, Optional.ofNullable(event));
    }

    private static int indexOf(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static byte[] slice(byte[] b, int from, int to) {
        byte[] out = new byte[to - from];
        System.arraycopy(b, from, out, 0, out.length);
        return out;
    }

    /** A Sentry event payload as a report. */
    static ErrorReport event(JsonObject e) throws BadReport {
        String type = null;
        String value = null;
        List<ErrorReport.Frame> frames = new ArrayList<>();
        JsonArray values = exceptionValues(e.get("exception"));
        if (values != null && !values.isEmpty()) {
            // Sentry lists chained exceptions oldest first: the last one is the one that was thrown.
            JsonElement last = values.get(values.size() - 1);
            if (!last.isJsonObject()) {
                throw new BadReport("exception.values must hold objects");
            }
            JsonObject ex = last.getAsJsonObject();
            type = ReportBodies.string(ex, "type", "exception.");
            value = ReportBodies.string(ex, "value", "exception.");
            String module = ReportBodies.string(ex, "module", "exception.");
            if (type != null && module != null && !type.contains(".")) {
                type = module + "." + type;
            }
            JsonObject st = ReportBodies.objectField(ex, "stacktrace", "exception.");
            if (st != null && st.get("frames") != null && st.get("frames").isJsonArray()) {
                JsonArray fs = st.getAsJsonArray("frames");
                // Oldest call first on the wire; healthbot keeps the frame that threw first.
                for (int i = fs.size() - 1; i >= 0 && frames.size() < PlainReports.FRAMES_MAX; i--) {
                    if (fs.get(i).isJsonObject()) {
                        frames.add(frame(fs.get(i).getAsJsonObject()));
                    }
                }
            }
        }
        String message = value;
        String logged = message(e);
        if (message == null || message.isBlank()) {
            message = logged;
        }
        if (message == null || message.isBlank()) {
            message = type != null ? type : "(no message)";
        }
        String levelText = ReportBodies.string(e, "level", "");
        ErrorLevel level = levelText == null
                ? ErrorLevel.ERROR
                : ErrorLevel.parse(levelText).orElse(ErrorLevel.ERROR);
        ErrorReport.Request request = null;
        JsonObject r = ReportBodies.objectField(e, "request", "");
        String userAgent = null;
        if (r != null) {
            Map<String, String> headers = ReportBodies.flat(r.get("headers"));
            for (Map.Entry<String, String> h : headers.entrySet()) {
                if (h.getKey().equalsIgnoreCase("user-agent")) {
                    userAgent = h.getValue();
                }
            }
            String url = ReportBodies.string(r, "url", "request.");
            String query =
                    r.get("query_string") != null && r.get("query_string").isJsonPrimitive()
                            ? r.get("query_string").getAsString()
                            : null;
            if (url != null && query != null && !query.isEmpty() && !url.contains("?")) {
                url = url + "?" + query;
            }
            request = new ErrorReport.Request(ReportBodies.string(r, "method", "request."), url, null, null, headers);
        }
        Map<String, String> tags = ReportBodies.flat(e.get("tags"));
        String service = tags.get("service");
        if (service == null) {
            service = e.get("server_name") != null && e.get("server_name").isJsonPrimitive()
                    ? e.get("server_name").getAsString()
                    : null;
        }
        return new ErrorReport(
                message,
                type,
                level,
                ReportBodies.string(e, "environment", ""),
                ReportBodies.text(e, "release", ""),
                service,
                frames,
                null,
                request,
                null,
                null,
                userAgent,
                tags,
                ReportBodies.flat(e.get("extra")),
                PlainReports.fingerprint(e.get("fingerprint")),
                breadcrumbs(e.get("breadcrumbs")));
    }

    private static JsonArray exceptionValues(JsonElement ex) throws BadReport {
        if (ex == null || ex.isJsonNull()) {
            return null;
        }
        if (ex.isJsonArray()) {
            return ex.getAsJsonArray();
        }
        if (ex.isJsonObject()) {
            JsonElement v = ex.getAsJsonObject().get("values");
            if (v == null || v.isJsonNull()) {
                return null;
            }
            if (v.isJsonArray()) {
                return v.getAsJsonArray();
            }
        }
        throw new BadReport("exception must be an object with a values list");
    }

    private static String message(JsonObject e) throws BadReport {
        for (String field : new String[] {"logentry", "message"}) {
            JsonElement m = e.get(field);
            if (m == null || m.isJsonNull()) {
                continue;
            }
            if (m.isJsonPrimitive()) {
                return m.getAsString();
            }
            if (m.isJsonObject()) {
                String f = ReportBodies.string(m.getAsJsonObject(), "formatted", field + ".");
                if (f == null) {
                    f = ReportBodies.string(m.getAsJsonObject(), "message", field + ".");
                }
                if (f != null) {
                    return f;
                }
            }
        }
        return null;
    }

    private static ErrorReport.Frame frame(JsonObject f) throws BadReport {
        String file = f.get("filename") != null && f.get("filename").isJsonPrimitive()
                ? f.get("filename").getAsString()
                : f.get("abs_path") != null && f.get("abs_path").isJsonPrimitive()
                        ? f.get("abs_path").getAsString()
                        : null;
        Integer line = null;
        try {
            line = ReportBodies.integer(f, "lineno", "frame.");
        } catch (BadReport e) {
            line = null;
        }
        Boolean inApp = f.get("in_app") != null
                        && f.get("in_app").isJsonPrimitive()
                        && f.get("in_app").getAsJsonPrimitive().isBoolean()
                ? f.get("in_app").getAsBoolean()
                : null;
        return new ErrorReport.Frame(
                prim(f, "function"), prim(f, "module"), file == null ? null : cut(file, 300), line, inApp);
    }

    private static String prim(JsonObject o, String field) {
        JsonElement e = o.get(field);
        return e != null && e.isJsonPrimitive() ? cut(e.getAsString(), 300) : null;
    }

    private static List<String> breadcrumbs(JsonElement b) {
        JsonArray values = null;
        if (b != null && b.isJsonArray()) {
            values = b.getAsJsonArray();
        } else if (b != null
                && b.isJsonObject()
                && b.getAsJsonObject().get("values") != null
                && b.getAsJsonObject().get("values").isJsonArray()) {
            values = b.getAsJsonObject().getAsJsonArray("values");
        }
        if (values == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = Math.max(0, values.size() - BREADCRUMBS_KEPT); i < values.size(); i++) {
            JsonElement c = values.get(i);
            if (!c.isJsonObject()) {
                continue;
            }
            JsonObject o = c.getAsJsonObject();
            String category = prim(o, "category");
            String message = prim(o, "message");
            String line = (category == null ? "" : category + ": ") + (message == null ? "" : message);
            if (message == null && o.get("data") != null) {
                line = line + cut(o.get("data").toString(), 300);
            }
            out.add(cut(line, 300));
        }
        return Collections.unmodifiableList(out);
    }
}
