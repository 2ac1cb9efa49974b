package dev.healthbot.monitor;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What the HTTP probe sends: method, body with its content type, extra headers, whether it verifies
 * the server's certificate and follows redirects; immutable. Header values are secrets like a URL's
 * credentials: they are sent, stored, and shown only as {@code ***} ({@link Header#toString()} masks
 * them too).
 *
 * @param body the request body (POST and PUT only), or null
 * @param contentType the body's content type, or null (then {@link #DEFAULT_CONTENT_TYPE})
 * @param followRedirects whether a redirect whose status is not expected is followed (else it fails)
 */
public record RequestOptions(
        String method,
        String body,
        String contentType,
        List<Header> headers,
        boolean tlsVerify,
        boolean followRedirects) {

    public static final RequestOptions DEFAULT = new RequestOptions("GET", null, null, List.of(), true, true);

    /** The methods a probe may send. */
    public static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT");

    public static final String DEFAULT_CONTENT_TYPE = "application/json";

    /** One extra request header; its value is a secret. */
    public record Header(String name, String value) {
        public Header {
            Objects.requireNonNull(name);
            Objects.requireNonNull(value);
        }

        /** The header as it may be shown: {@code Authorization: ***}. */
        public String masked() {
            return name + ": ***";
        }

        /** The header as typed, value included: for storing and sending only. */
        public String secretText() {
            return name + ": " + value;
        }

        @Override
        public String toString() {
            return masked();
        }
    }

    public RequestOptions {
        method = method.toUpperCase(Locale.ROOT);
        headers = List.copyOf(headers);
    }

    /** The content type sent with the body. */
    public String effectiveContentType() {
        return contentType == null ? DEFAULT_CONTENT_TYPE : contentType;
    }
}
