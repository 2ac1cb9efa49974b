package dev.healthbot.http;

import static dev.healthbot.http.ReportBodies.integer;
import static dev.healthbot.http.ReportBodies.objectField;
import static dev.healthbot.http.ReportBodies.string;
import static dev.healthbot.http.ReportBodies.text;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.healthbot.errors.ErrorLevel;
import dev.healthbot.errors.ErrorReport;
import java.util.ArrayList;
import java.util.List;

/**
 * The plain endpoint's JSON ({@code POST /errors/<key>}) read into an {@link ErrorReport}: {@code
 * message} required; {@code type}, {@code stack} (a string or a list of frames), {@code level},
 * {@code environment}, {@code release}, {@code service}, {@code request}, {@code file}, {@code line},
 * {@code user_agent}, {@code tags}, {@code extra}, {@code fingerprint} optional. A field of the wrong
 * type is refused with its name. Pure.
 */
final class PlainReports {

    static final int FRAMES_MAX = 200;

    private PlainReports() {}

    static ErrorReport parse(JsonObject o) throws BadReport {
        String message = string(o, "message", "");
        if (message == null || message.isBlank()) {
            throw new BadReport("message is required: a non-empty string");
        }
        String levelText = string(o, "level", "");
        ErrorLevel level = ErrorLevel.ERROR;
        if (levelText != null) {
            level = ErrorLevel.parse(levelText)
                    .orElseThrow(() -> new BadReport("level must be error, warning or fatal"));
        }
        List<ErrorReport.Frame> frames = new ArrayList<>();
        String stackText = null;
        JsonElement stack = o.get("stack");
        if (stack != null && !stack.isJsonNull()) {
            if (stack.isJsonPrimitive() && stack.getAsJsonPrimitive().isString()) {
                stackText = stack.getAsString();
            } else if (stack.isJsonArray()) {
                int i = 0;
                for (JsonElement f : stack.getAsJsonArray()) {
                    if (i++ >= FRAMES_MAX) {
                        break;
                    }
                    frames.add(frame(f, i - 1));
                }
            } else {
                throw new BadReport("stack must be a string or a list of frames");
            }
        }
        ErrorReport.Request request = null;
        JsonObject r = objectField(o, "request", "");
        if (r != null) {
            JsonObject headers = objectField(r, "headers", "request.");
            request = new ErrorReport.Request(
                    string(r, "method", "request."),
                    string(r, "url", "request."),
                    integer(r, "status", "request."),
                    text(r, "id", "request."),
                    headers == null ? null : ReportBodies.flat(headers));
        }
        JsonElement tags = o.get("tags");
        if (tags != null && !tags.isJsonNull() && !tags.isJsonObject()) {
            throw new BadReport("tags must be an object");
        }
        return new ErrorReport(
                message,
                string(o, "type", ""),
                level,
                string(o, "environment", ""),
                text(o, "release", ""),
                string(o, "service", ""),
                frames,
                stackText,
                request,
                string(o, "file", ""),
                integer(o, "line", ""),
                string(o, "user_agent", ""),
                ReportBodies.flat(tags),
                ReportBodies.flat(o.get("extra")),
                fingerprint(o.get("fingerprint")),
                List.of());
    }

    private static ErrorReport.Frame frame(JsonElement f, int index) throws BadReport {
        if (f.isJsonPrimitive() && f.getAsJsonPrimitive().isString()) {
            return new ErrorReport.Frame(f.getAsString(), null, null, null, null);
        }
        if (!f.isJsonObject()) {
            throw new BadReport("stack[" + index + "] must be a string or an object");
        }
        JsonObject o = f.getAsJsonObject();
        String where = "stack[" + index + "].";
        String file = string(o, "file", where);
        if (file == null) {
            file = string(o, "filename", where);
        }
        String function = string(o, "function", where);
        Integer line = integer(o, "line", where);
        if (line == null) {
            line = integer(o, "lineno", where);
        }
        Boolean inApp = bool(o, "in_app", where);
        if (inApp == null) {
            inApp = bool(o, "inApp", where);
        }
        return new ErrorReport.Frame(function, string(o, "module", where), file, line, inApp);
    }

    static Boolean bool(JsonObject o, String field, String where) throws BadReport {
        JsonElement e = o.get(field);
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean()) {
            return e.getAsBoolean();
        }
        throw new BadReport(where + field + " must be true or false");
    }

    static List<String> fingerprint(JsonElement e) throws BadReport {
        if (e == null || e.isJsonNull()) {
            return List.of();
        }
        if (e.isJsonPrimitive()) {
            return List.of(ReportBodies.cut(e.getAsString(), 500));
        }
        if (!e.isJsonArray()) {
            throw new BadReport("fingerprint must be a string or a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonElement x : e.getAsJsonArray()) {
            if (!x.isJsonPrimitive() || out.size() >= 20) {
                throw new BadReport("fingerprint must be a list of at most 20 strings");
            }
            out.add(ReportBodies.cut(x.getAsString(), 500));
        }
        return out;
    }
}
