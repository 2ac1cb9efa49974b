package dev.healthbot.errors;

import java.util.List;
import java.util.Map;

/**
 * A report made safe to keep and show: redacted, every field capped, the stack and the request
 * details rendered as plain text (escaping for the chat platform is the adapter's job); immutable.
 */
public record ErrorSample(
        ErrorLevel level,
        String type,
        String message,
        String service,
        String environment,
        String release,
        String stack,
        String details) {

    public static final int MESSAGE_MAX = 1000;
    public static final int SHORT_MAX = 200;
    public static final int STACK_MAX = 16_000;
    public static final int DETAILS_MAX = 6_000;
    public static final int FRAMES_MAX = 100;
    public static final int MAP_ENTRIES_MAX = 50;
    public static final int BREADCRUMBS_MAX = 10;

    /** Redacts and caps a report. */
    public static ErrorSample of(ErrorReport r) {
        String type = cap(Redaction.text(r.type()), SHORT_MAX);
        String message = cap(Redaction.text(r.message()), MESSAGE_MAX);
        return new ErrorSample(
                r.level(),
                type == null || type.isBlank() ? "Error" : type,
                message,
                cap(Redaction.text(r.service()), SHORT_MAX),
                cap(Redaction.text(r.environment()), SHORT_MAX),
                cap(Redaction.text(r.release()), SHORT_MAX),
                cap(stack(r), STACK_MAX),
                cap(details(r), DETAILS_MAX));
    }

    private static String stack(ErrorReport r) {
        StringBuilder b = new StringBuilder();
        List<ErrorReport.Frame> frames = r.frames();
        for (int i = 0; i < frames.size() && i < FRAMES_MAX; i++) {
            ErrorReport.Frame f = frames.get(i);
            b.append(Boolean.TRUE.equals(f.inApp()) ? "> " : "  ").append("at ");
            String where = f.module() != null && f.function() != null
                    ? f.module() + "." + f.function()
                    : f.function() != null ? f.function() : f.module() != null ? f.module() : "?";
            b.append(cap(where, SHORT_MAX));
            if (f.file() != null) {
                b.append(" (").append(cap(f.file(), SHORT_MAX));
                if (f.line() != null) {
                    b.append(':').append(f.line());
                }
                b.append(')');
            }
            b.append('\n');
        }
        if (frames.size() > FRAMES_MAX) {
            b.append("  … ").append(frames.size() - FRAMES_MAX).append(" more frames\n");
        }
        if (r.stackText() != null && !r.stackText().isBlank()) {
            b.append(r.stackText().strip()).append('\n');
        }
        if (b.length() == 0 && r.file() != null) {
            b.append("at ").append(r.file());
            if (r.line() != null) {
                b.append(':').append(r.line());
            }
            b.append('\n');
        }
        return Redaction.text(b.toString().stripTrailing());
    }

    private static String details(ErrorReport r) {
        StringBuilder b = new StringBuilder();
        if (r.request() != null) {
            ErrorReport.Request q = r.request();
            b.append("Request: ")
                    .append(q.method() == null ? "" : q.method() + " ")
                    .append(q.url() == null ? "" : Redaction.text(cap(q.url(), 1000)));
            if (q.status() != null) {
                b.append(" → ").append(q.status());
            }
            if (q.id() != null) {
                b.append(" (id ").append(cap(Redaction.text(q.id()), SHORT_MAX)).append(')');
            }
            b.append('\n');
            entries(b, "Header", q.headers());
        }
        if (r.file() != null && !r.frames().isEmpty()) {
            b.append("File: ").append(cap(r.file(), SHORT_MAX));
            if (r.line() != null) {
                b.append(':').append(r.line());
            }
            b.append('\n');
        }
        if (r.userAgent() != null) {
            b.append("User agent: ")
                    .append(cap(Redaction.text(r.userAgent()), SHORT_MAX))
                    .append('\n');
        }
        entries(b, "Tag", r.tags());
        entries(b, "Extra", r.extra());
        List<String> crumbs = r.breadcrumbs();
        int from = Math.max(0, crumbs.size() - BREADCRUMBS_MAX);
        for (int i = from; i < crumbs.size(); i++) {
            b.append("Breadcrumb: ")
                    .append(cap(Redaction.text(crumbs.get(i)), SHORT_MAX))
                    .append('\n');
        }
        return b.toString().stripTrailing();
    }

    private static void entries(StringBuilder b, String label, Map<String, String> fields) {
        int n = 0;
        for (Map.Entry<String, String> e : Redaction.map(fields).entrySet()) {
            if (n++ == MAP_ENTRIES_MAX) {
                b.append(label)
                        .append(": … ")
                        .append(fields.size() - MAP_ENTRIES_MAX)
                        .append(" more\n");
                break;
            }
            b.append(label)
                    .append(' ')
                    .append(cap(e.getKey(), SHORT_MAX))
                    .append(": ")
                    .append(cap(e.getValue(), 500))
                    .append('\n');
        }
    }

    /** Cuts to at most {@code max} characters with a marker saying how much was cut; null stays null. */
    public static String cap(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        String marker = "… (" + (s.length() - max) + " more characters cut)";
        int keep = Math.max(0, max - marker.length());
        return s.substring(0, keep) + marker;
    }
}
