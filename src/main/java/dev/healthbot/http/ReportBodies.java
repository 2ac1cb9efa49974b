package dev.healthbot.http;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * Reading untrusted report bodies: gzip or deflate with a cap on the inflated size (a small body that
 * inflates past it is refused, so a gzip bomb costs nothing), strict UTF-8, strict JSON with a
 * nesting limit, and flattening of nested objects into dotted keys. Pure and thread-safe.
 */
final class ReportBodies {

    /** The largest body after inflating. */
    static final int MAX_INFLATED = 1024 * 1024;

    static final int NESTING_LIMIT = 32;
    static final int FLAT_MAX = 200;
    static final int VALUE_MAX = 2000;

    private static final Gson GSON = new Gson();

    private ReportBodies() {}

    /** The body as sent, inflated when {@code Content-Encoding} says gzip or deflate. */
    static byte[] decode(byte[] body, String contentEncoding) throws BadReport {
        String enc = contentEncoding == null ? "" : contentEncoding.strip().toLowerCase(Locale.ROOT);
        if (enc.isEmpty() || enc.equals("identity")) {
            return body;
        }
        if (!enc.equals("gzip") && !enc.equals("deflate") && !enc.equals("x-gzip")) {
            throw new BadReport(
                    415, "Content-Encoding " + cut(enc, 40) + " is not supported; send gzip, deflate or none");
        }
        if (body.length == 0) {
            throw new BadReport("the " + enc + " body is empty");
        }
        try (InputStream in = enc.equals("deflate")
                ? new InflaterInputStream(new ByteArrayInputStream(body))
                : new GZIPInputStream(new ByteArrayInputStream(body))) {
            byte[] out = in.readNBytes(MAX_INFLATED + 1);
            if (out.length > MAX_INFLATED) {
                throw new BadReport(413, "the body inflates to more than " + MAX_INFLATED + " bytes");
            }
            return out;
        } catch (EOFException e) {
            throw new BadReport("the " + enc + " body is truncated");
        } catch (ZipException e) {
            throw new BadReport("the " + enc + " body is corrupt");
        } catch (IOException e) {
            throw new BadReport("the " + enc + " body cannot be read");
        }
    }

    /** Strict UTF-8: a body that is not is refused rather than guessed at. */
    static String utf8(byte[] bytes) throws BadReport {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new BadReport("the body is not valid UTF-8");
        }
    }

    /** One JSON object, strictly: no trailing data, at most {@link #NESTING_LIMIT} levels deep. */
    static JsonObject object(String text, String what) throws BadReport {
        JsonElement e = json(text, what);
        if (!e.isJsonObject()) {
            throw new BadReport(what + " must be a JSON object");
        }
        return e.getAsJsonObject();
    }

    static JsonElement json(String text, String what) throws BadReport {
        if (text.isBlank()) {
            throw new BadReport(what + " is empty");
        }
        try {
            JsonReader reader = new JsonReader(new StringReader(text));
            reader.setStrictness(Strictness.STRICT);
            reader.setNestingLimit(NESTING_LIMIT);
            JsonElement e = GSON.getAdapter(JsonElement.class).read(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new BadReport(what + " has data after its JSON value");
            }
            return e;
        } catch (BadReport b) {
            throw b;
        } catch (IOException | RuntimeException e) {
            String m = e.getMessage() == null ? "" : e.getMessage();
            if (m.contains("Nesting limit")) {
                throw new BadReport(what + " is nested more than " + NESTING_LIMIT + " levels deep");
            }
            throw new BadReport(what + " is not valid JSON" + position(m));
        }
    }

    private static String position(String message) {
        int at = message.indexOf(" at line ");
        if (at < 0) {
            return "";
        }
        int end = message.indexOf(" path ", at);
        return cut(message.substring(at, end < 0 ? message.length() : end), 60);
    }

    /** A string field, or null when absent or JSON null; anything else is refused. */
    static String string(JsonObject o, String field, String where) throws BadReport {
        JsonElement e = o.get(field);
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
            return e.getAsString();
        }
        throw new BadReport(where + field + " must be a string");
    }

    /** A string or number field as text (ids and releases are often numbers), or null. */
    static String text(JsonObject o, String field, String where) throws BadReport {
        JsonElement e = o.get(field);
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (e.isJsonPrimitive() && !e.getAsJsonPrimitive().isBoolean()) {
            return e.getAsString();
        }
        throw new BadReport(where + field + " must be a string or a number");
    }

    /** A whole-number field, or null. */
    static Integer integer(JsonObject o, String field, String where) throws BadReport {
        JsonElement e = o.get(field);
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            try {
                return new java.math.BigDecimal(e.getAsString()).intValueExact();
            } catch (ArithmeticException | NumberFormatException x) {
                // falls through to the refusal
            }
        }
        if (e.isJsonPrimitive()
                && e.getAsJsonPrimitive().isString()
                && e.getAsString().matches("\\d{1,9}")) {
            return Integer.parseInt(e.getAsString());
        }
        throw new BadReport(where + field + " must be a whole number");
    }

    static JsonObject objectField(JsonObject o, String field, String where) throws BadReport {
        JsonElement e = o.get(field);
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (!e.isJsonObject()) {
            throw new BadReport(where + field + " must be an object");
        }
        return e.getAsJsonObject();
    }

    /** Nested objects and arrays as dotted keys ({@code config.headers.Authorization}), bounded. */
    static Map<String, String> flat(JsonElement e) {
        Map<String, String> out = new LinkedHashMap<>();
        if (e != null && !e.isJsonNull()) {
            flat("", e, out, 0);
        }
        return out;
    }

    private static void flat(String prefix, JsonElement e, Map<String, String> out, int depth) {
        if (out.size() >= FLAT_MAX) {
            return;
        }
        if (e.isJsonObject() && depth < 8) {
            for (Map.Entry<String, JsonElement> f : e.getAsJsonObject().entrySet()) {
                flat(
                        prefix.isEmpty() ? cut(f.getKey(), 100) : prefix + "." + cut(f.getKey(), 100),
                        f.getValue(),
                        out,
                        depth + 1);
            }
        } else if (e.isJsonArray() && depth < 8 && isPairs(e.getAsJsonArray())) {
            for (JsonElement pair : e.getAsJsonArray()) {
                JsonArray p = pair.getAsJsonArray();
                String k = p.get(0).getAsString();
                flat(prefix.isEmpty() ? cut(k, 100) : prefix + "." + cut(k, 100), p.get(1), out, depth + 1);
            }
        } else if (e.isJsonPrimitive()) {
            JsonPrimitive p = e.getAsJsonPrimitive();
            out.put(prefix.isEmpty() ? "value" : prefix, cut(p.getAsString(), VALUE_MAX));
        } else if (e.isJsonNull()) {
            out.put(prefix.isEmpty() ? "value" : prefix, "null");
        } else {
            out.put(prefix.isEmpty() ? "value" : prefix, cut(e.toString(), VALUE_MAX));
        }
    }

    /** Sentry sends headers and tags as lists of [name, value] pairs as well as objects. */
    private static boolean isPairs(JsonArray a) {
        for (JsonElement x : a) {
            if (!x.isJsonArray()
                    || x.getAsJsonArray().size() != 2
                    || !x.getAsJsonArray().get(0).isJsonPrimitive()) {
                return false;
            }
        }
        return !a.isEmpty();
    }

    static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
