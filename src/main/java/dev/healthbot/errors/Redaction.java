package dev.healthbot.errors;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Replaces secrets in untrusted report data with {@value #REDACTED} before anything is stored or
 * posted: headers {@code Authorization}, {@code Cookie}, {@code Set-Cookie}, {@code X-Api-Key}, and any
 * field named like password, secret, token or api_key, whether it arrives as a key of a map (nested
 * keys are dotted), as {@code name: value} or {@code name=value} inside text, as a URL query parameter
 * or as URL credentials. Pure and thread-safe.
 */
public final class Redaction {

    public static final String REDACTED = "[redacted]";

    private static final String SECRET_WORDS =
            "password|passwd|pwd|secret|token|api[-_]?key|apikey|authorization|cookie|x-api-key|credential|private[-_]?key|session[-_]?id";
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(" + SECRET_WORDS + ").*");
    /** {@code name: value}, {@code name=value}, {@code "name": "value"} in free text. */
    private static final Pattern NAMED_VALUE =
            Pattern.compile("(?i)([\"']?[A-Za-z0-9_.-]*(?:" + SECRET_WORDS + ")[A-Za-z0-9_.-]*[\"']?\\s*[:=]\\s*)"
                    + "(\"[^\"]*\"|'[^']*'|(?:bearer|basic|token|digest)\\s+[^\\s,;&\"'}\\]]+|[^\\s,;&\"'}\\]]+)");

    private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/=-]{8,}");
    private static final Pattern URL_CREDENTIALS =
            Pattern.compile("(?i)(\\b[a-z][a-z0-9+.-]*://)[^/\\s@:]+:[^/\\s@]+@");

    private Redaction() {}

    /** True when a field of this name holds a secret (the last dotted segment decides). */
    public static boolean secretName(String name) {
        if (name == null) {
            return false;
        }
        int dot = name.lastIndexOf('.');
        String last = dot < 0 ? name : name.substring(dot + 1);
        return SECRET_NAME.matcher(last.toLowerCase(Locale.ROOT)).matches();
    }

    /** The text with every secret it shows replaced; null stays null. */
    public static String text(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String t = URL_CREDENTIALS.matcher(text).replaceAll("$1" + REDACTED + "@");
        t = NAMED_VALUE.matcher(t).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(m.group(1) + REDACTED));
        t = BEARER.matcher(t).replaceAll("$1 " + REDACTED);
        return t;
    }

    /** A copy of the map: values of secret-named keys replaced, other values redacted as text. */
    public static Map<String, String> map(Map<String, String> fields) {
        Map<String, String> out = new LinkedHashMap<>();
        fields.forEach((k, v) -> out.put(k, secretName(k) ? REDACTED : text(v)));
        return out;
    }
}
