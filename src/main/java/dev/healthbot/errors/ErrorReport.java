package dev.healthbot.errors;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One error as an app reported it, parsed by an adapter (the plain endpoint or a Sentry event) but
 * not yet redacted or capped: everything in it is untrusted. Immutable.
 *
 * @param message required, never blank
 * @param type the exception's class or name; may be null
 * @param level {@link ErrorLevel#ERROR} when the app said nothing
 * @param frames the stack, the frame that threw first; empty when the app sent none or sent {@code stackText}
 * @param stackText the stack as the app printed it; may be null
 * @param request what the failing request was; null when none
 * @param tags flat: nested objects become dotted keys
 * @param extra flat, like {@code tags}
 * @param fingerprint the app's own grouping key; empty to let healthbot group
 * @param breadcrumbs the last few things that happened before the error, one line each
 */
public record ErrorReport(
        String message,
        String type,
        ErrorLevel level,
        String environment,
        String release,
        String service,
        List<Frame> frames,
        String stackText,
        Request request,
        String file,
        Integer line,
        String userAgent,
        Map<String, String> tags,
        Map<String, String> extra,
        List<String> fingerprint,
        List<String> breadcrumbs) {

    public ErrorReport {
        Objects.requireNonNull(message, "message");
        level = level == null ? ErrorLevel.ERROR : level;
        frames = frames == null ? List.of() : List.copyOf(frames);
        tags = tags == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tags));
        extra = extra == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extra));
        fingerprint = fingerprint == null ? List.of() : List.copyOf(fingerprint);
        breadcrumbs = breadcrumbs == null ? List.of() : List.copyOf(breadcrumbs);
    }

    /** A report with only a message, for tests and simple callers. */
    public static ErrorReport of(String type, String message) {
        return new ErrorReport(
                message,
                type,
                ErrorLevel.ERROR,
                null,
                null,
                null,
                List.of(),
                null,
                null,
                null,
                null,
                null,
                Map.of(),
                Map.of(),
                List.of(),
                List.of());
    }

    /**
     * One stack frame.
     *
     * @param inApp true for the app's own code, false for libraries, null when the app did not say
     */
    public record Frame(String function, String module, String file, Integer line, Boolean inApp) {}

    /**
     * The request that failed (a browser's fetch, a backend's incoming request).
     *
     * @param headers flat, as sent: redaction happens later
     */
    public record Request(String method, String url, Integer status, String id, Map<String, String> headers) {
        public Request {
            headers = headers == null
                    ? Map.of()
                    : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
        }
    }
}
