package dev.healthbot.monitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the request settings of a draft (method, body, content type, headers, TLS verification) into
 * {@link RequestOptions}, putting a reason per field into the errors; pure. A reason never quotes a
 * header's value: it is a secret.
 */
final class RequestValidator {

    static final int MAX_HEADERS = 20;
    static final int MAX_HEADER = 1000;
    static final int MAX_BODY = 3000;

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}");
    private static final Pattern CONTENT_TYPE = Pattern.compile("[\\w.+-]+/[\\w.+-]+( *;[ -~]*)?");

    /** Headers the probe sets itself (or that the body's settings set). */
    private static final Set<String> RESERVED =
            Set.of("host", "content-length", "transfer-encoding", "connection", "content-type", "upgrade", "te");

    private RequestValidator() {}

    static RequestOptions validate(MonitorDraft d, Target target, Map<Field, String> errors) {
        String method = RequestOptions.DEFAULT.method();
        String typed = d.more(Field.METHOD);
        if (typed != null && !typed.isBlank()) {
            method = typed.strip().toUpperCase(Locale.ROOT);
            if (!RequestOptions.METHODS.contains(method)) {
                errors.put(Field.METHOD, "method must be GET, HEAD, POST or PUT");
                method = RequestOptions.DEFAULT.method();
            }
        }
        String body = blank(d.more(Field.BODY)) ? null : d.more(Field.BODY);
        if (body != null && body.length() > MAX_BODY) {
            errors.put(Field.BODY, "a request body is at most " + MAX_BODY + " characters");
        } else if (body != null && !method.equals("POST") && !method.equals("PUT")) {
            errors.put(Field.BODY, "a request body needs method=POST or PUT");
        }
        String contentType = blank(d.more(Field.CONTENT_TYPE))
                ? null
                : d.more(Field.CONTENT_TYPE).strip();
        if (contentType != null
                && (contentType.length() > 200
                        || !CONTENT_TYPE.matcher(contentType).matches())) {
            errors.put(Field.CONTENT_TYPE, "a content type looks like application/json or text/plain; charset=utf-8");
        } else if (contentType != null && body == null) {
            errors.put(Field.CONTENT_TYPE, "a content type goes with a request body");
        }
        List<RequestOptions.Header> headers = headers(d.more(Field.HEADERS), errors);
        boolean tlsVerify = MonitorValidator.onOff(d.more(Field.TLS_VERIFY), true, Field.TLS_VERIFY, errors);
        boolean follow = MonitorValidator.onOff(d.more(Field.FOLLOW_REDIRECTS), true, Field.FOLLOW_REDIRECTS, errors);
        RequestOptions r = new RequestOptions(method, body, contentType, headers, tlsVerify, follow);
        if (target != null && target.kind() != ProbeKind.HTTP && !r.equals(RequestOptions.DEFAULT)) {
            errors.putIfAbsent(
                    firstSet(d),
                    "method, body, headers, tls_verify and follow_redirects need an http:// or https:// URL");
        }
        boolean readsBody = !blank(d.more(Field.EXPECT_JSON)) || !blank(d.more(Field.EXPECT_BODY));
        if (method.equals("HEAD") && readsBody) {
            errors.putIfAbsent(Field.METHOD, "HEAD answers have no body for body or JSON assertions");
        }
        return r;
    }

    /** Headers as lines of {@code Name: value}. */
    private static List<RequestOptions.Header> headers(String text, Map<Field, String> errors) {
        List<RequestOptions.Header> headers = new ArrayList<>();
        if (blank(text)) {
            return headers;
        }
        String[] lines = text.split("\\r?\\n");
        int n = 0;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            n++;
            int colon = line.indexOf(':');
            String name = colon < 0 ? "" : line.substring(0, colon).strip();
            String value = colon < 0 ? "" : line.substring(colon + 1).strip();
            String reason = null;
            if (!TOKEN.matcher(name).matches()) {
                reason = "header " + n + " must look like Name: value";
            } else if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
                reason = "header " + name + " is set by the probe itself"
                        + (name.equalsIgnoreCase("content-type") ? "; use content_type" : "");
            } else if (line.length() > MAX_HEADER
                    || !value.chars().allMatch(c -> c == '\t' || c >= 0x20 && c != 0x7f)) {
                // the value is a secret: the reason names the header only
                reason = "the value of header " + name + " must be one line of at most " + MAX_HEADER + " characters";
            }
            if (reason != null) {
                errors.putIfAbsent(Field.HEADERS, reason);
                continue;
            }
            headers.add(new RequestOptions.Header(name, value));
        }
        if (headers.size() > MAX_HEADERS) {
            errors.putIfAbsent(Field.HEADERS, "at most " + MAX_HEADERS + " headers");
        }
        return headers;
    }

    private static Field firstSet(MonitorDraft d) {
        for (Field f : List.of(Field.METHOD, Field.BODY, Field.HEADERS, Field.TLS_VERIFY, Field.FOLLOW_REDIRECTS)) {
            if (d.more(f) != null) {
                return f;
            }
        }
        return Field.METHOD;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
