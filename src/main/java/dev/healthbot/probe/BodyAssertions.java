package dev.healthbot.probe;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.GsonJsonProvider;
import com.jayway.jsonpath.spi.mapper.GsonMappingProvider;
import dev.healthbot.monitor.Assertions;
import dev.healthbot.monitor.JsonRule;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * Checks an HTTP body against a server's {@link Assertions}: text it holds or not, and JSON rules
 * evaluated with Jayway JSONPath (Gson as its JSON parser). Pure and thread-safe; the detail of a
 * failure names the rule and what was found, cut short (the Slack side escapes it).
 */
final class BodyAssertions {

    /** How much of a found value a detail quotes. */
    static final int MAX_FOUND = 100;

    private static final Configuration JSON = Configuration.builder()
            .jsonProvider(new GsonJsonProvider())
            .mappingProvider(new GsonMappingProvider())
            .build();

    private BodyAssertions() {}

    /**
     * Why {@code body} fails the assertions, or empty when it meets them all.
     *
     * @param whole false when the body was longer than the probe reads (only its start is here)
     */
    static Optional<String> failure(Assertions a, String body, boolean whole) {
        if (a.bodyContains() != null && !body.contains(a.bodyContains())) {
            return Optional.of("body does not contain " + quoted(a.bodyContains())
                    + (whole ? "" : " (in its first " + HttpProbe.MAX_BODY_BYTES / 1024 + " KiB)"));
        }
        if (a.bodyNotContains() != null && body.contains(a.bodyNotContains())) {
            return Optional.of("body contains " + quoted(a.bodyNotContains()));
        }
        if (a.json().isEmpty()) {
            return Optional.empty();
        }
        JsonRule first = a.json().get(0);
        if (!whole) {
            return Optional.of("body is larger than " + HttpProbe.MAX_BODY_BYTES / 1024
                    + " KiB, too large for the JSON rule " + first);
        }
        DocumentContext doc;
        try {
            // Gson reads leniently (a bare word is a string to it): a JSON document here starts with { or [.
            String start = body.stripLeading();
            if (!start.startsWith("{") && !start.startsWith("[")) {
                throw new IllegalArgumentException("not JSON");
            }
            doc = JsonPath.using(JSON).parse(body);
        } catch (RuntimeException e) {
            return Optional.of("body is not JSON, expected " + first);
        }
        for (JsonRule rule : a.json()) {
            Optional<String> failed = failure(rule, doc);
            if (failed.isPresent()) {
                return failed;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> failure(JsonRule rule, DocumentContext doc) {
        Object found;
        try {
            found = value(doc.read(rule.path()));
        } catch (PathNotFoundException e) {
            return Optional.of(rule.path() + " was missing, expected " + expectation(rule));
        } catch (InvalidPathException e) {
            return Optional.of(rule.path() + " is not a valid JSON path: " + ProbeSupport.clean(e.getMessage()));
        } catch (RuntimeException e) {
            return Optional.of(
                    rule.path() + " could not be read: " + e.getClass().getSimpleName());
        }
        if (holds(rule, found)) {
            return Optional.empty();
        }
        return Optional.of(rule.path() + " was " + shown(found) + ", expected " + expectation(rule));
    }

    /** Whether {@code found} meets the rule; values of different JSON types are never equal. */
    static boolean holds(JsonRule rule, Object found) {
        Object expected = rule.expected();
        return switch (rule.op()) {
            case EQ -> same(found, expected);
            case NE -> !same(found, expected);
            default -> {
                if (!(found instanceof BigDecimal n)) {
                    yield false;
                }
                int c = n.compareTo((BigDecimal) expected);
                yield switch (rule.op()) {
                    case LT -> c < 0;
                    case LE -> c <= 0;
                    case GT -> c > 0;
                    default -> c >= 0;
                };
            }
        };
    }

    private static boolean same(Object found, Object expected) {
        if (found instanceof BigDecimal a && expected instanceof BigDecimal b) {
            return a.compareTo(b) == 0;
        }
        return found == null ? expected == null : found.equals(expected);
    }

    /**
     * A read value as a {@link String}, {@link BigDecimal}, {@link Boolean} or null; arrays and
     * objects stay Gson elements (they equal no literal).
     */
    static Object value(Object read) {
        if (read instanceof JsonElement e && e.isJsonNull()) {
            return null;
        }
        if (read instanceof JsonPrimitive p) {
            if (p.isBoolean()) {
                return p.getAsBoolean();
            }
            if (p.isNumber()) {
                return p.getAsBigDecimal();
            }
            return p.getAsString();
        }
        if (read instanceof Number n) {
            // functions such as length() answer Java numbers
            return new BigDecimal(n.toString());
        }
        return read;
    }

    private static String expectation(JsonRule rule) {
        return switch (rule.op()) {
            case EQ -> rule.expectedText();
            case NE -> "not " + rule.expectedText();
            default -> rule.op().symbol() + " " + rule.expectedText();
        };
    }

    private static String shown(Object found) {
        String s = found instanceof JsonElement e ? e.toString() : JsonRule.literal(found);
        return cut(s);
    }

    private static String quoted(String text) {
        return cut(JsonRule.literal(text));
    }

    private static String cut(String s) {
        return s.length() > MAX_FOUND ? s.substring(0, MAX_FOUND - 1) + "…" : s;
    }
}
