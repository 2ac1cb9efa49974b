package dev.healthbot.monitor;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One JSON assertion, {@code <JSONPath> <operator> <JSON literal>} such as {@code $.status == "UP"} or
 * {@code $.measurements[0].value < 0.9}; immutable. This class only splits a rule into its three parts
 * and reads the literal: the path itself is evaluated (and fully checked) by the probe's JSONPath
 * library.
 */
public record JsonRule(String path, Op op, Object expected) {

    /** At most this many rules per server, and this many characters of rules. */
    public static final int MAX_RULES = 10;

    public static final int MAX_TEXT = 1000;

    /** A comparison; the ordering ones need a number. */
    public enum Op {
        EQ("=="),
        NE("!="),
        LE("<="),
        GE(">="),
        LT("<"),
        GT(">");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        public boolean ordering() {
            return this != EQ && this != NE;
        }
    }

    /** Spring Boot's {@code /actuator/health} answers {@code {"status":"UP"}} when healthy. */
    public static final JsonRule ACTUATOR = new JsonRule("$.status", Op.EQ, "UP");

    /** @param expected a {@link String}, a {@link BigDecimal}, a {@link Boolean} or null (JSON null) */
    public JsonRule {
        if (expected != null
                && !(expected instanceof String)
                && !(expected instanceof BigDecimal)
                && !(expected instanceof Boolean)) {
            throw new IllegalArgumentException("a JSON literal is a string, a number, true, false or null");
        }
    }

    /**
     * Parses rules joined by {@code and}; throws {@link IllegalArgumentException} with a reason a user
     * can act on. Blank text is no rule.
     */
    public static List<JsonRule> parseAll(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        if (text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("JSON rules are at most " + MAX_TEXT + " characters");
        }
        // Phones turn typed quotes into typographic ones.
        String t = text.replace('“', '"').replace('”', '"').replace('‘', '\'').replace('’', '\'');
        List<JsonRule> rules = new ArrayList<>();
        for (String part : splitOnAnd(t)) {
            rules.add(parse(part.strip()));
        }
        if (rules.size() > MAX_RULES) {
            throw new IllegalArgumentException("at most " + MAX_RULES + " JSON rules");
        }
        return List.copyOf(rules);
    }

    /** The rules as one line, the form {@link #parseAll} reads back. */
    public static String format(List<JsonRule> rules) {
        return String.join(" and ", rules.stream().map(JsonRule::toString).toList());
    }

    /** The expected value as a JSON literal: {@code "UP"}, {@code 0.9}, {@code true}, {@code null}. */
    public String expectedText() {
        return literal(expected);
    }

    /** A found or expected value as a JSON literal (strings quoted and escaped). */
    public static String literal(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            StringBuilder b = new StringBuilder("\"");
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '"' -> b.append("\\\"");
                    case '\\' -> b.append("\\\\");
                    case '\n' -> b.append("\\n");
                    case '\r' -> b.append("\\r");
                    case '\t' -> b.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                        } else {
                            b.append(c);
                        }
                    }
                }
            }
            return b.append('"').toString();
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return value.toString();
    }

    @Override
    public String toString() {
        return path + " " + op.symbol() + " " + expectedText();
    }

    private static JsonRule parse(String rule) {
        if (rule.isEmpty()) {
            throw new IllegalArgumentException("a JSON rule is missing around `and`");
        }
        if (!rule.startsWith("$")) {
            throw new IllegalArgumentException(
                    "a JSON rule starts with a path like $.status: " + shorten(rule) + " does not");
        }
        if (!topLevel(rule)[rule.length()]) {
            throw new IllegalArgumentException("unbalanced brackets or quotes in " + shorten(rule));
        }
        int at = operatorIndex(rule);
        if (at < 0) {
            throw new IllegalArgumentException("a JSON rule compares a path with a value, like $.status == \"UP\": "
                    + shorten(rule) + " has no ==, !=, <, <=, > or >=");
        }
        char c = rule.charAt(at);
        char next = at + 1 < rule.length() ? rule.charAt(at + 1) : ' ';
        Op op;
        int width = 2;
        if (c == '=' && next == '=') {
            op = Op.EQ;
        } else if (c == '!' && next == '=') {
            op = Op.NE;
        } else if (c == '<' && next == '=') {
            op = Op.LE;
        } else if (c == '>' && next == '=') {
            op = Op.GE;
        } else if (c == '<') {
            op = Op.LT;
            width = 1;
        } else if (c == '>') {
            op = Op.GT;
            width = 1;
        } else {
            throw new IllegalArgumentException("compare with == (two equals signs) or !=, in " + shorten(rule));
        }
        String path = rule.substring(0, at).strip();
        checkPath(path);
        Object expected = value(rule.substring(at + width).strip(), rule);
        if (op.ordering() && !(expected instanceof BigDecimal)) {
            throw new IllegalArgumentException(op.symbol() + " compares numbers: " + shorten(rule));
        }
        return new JsonRule(path, op, expected);
    }

    /** The first operator character outside brackets, parentheses and quotes, or -1. */
    private static int operatorIndex(String rule) {
        boolean[] top = topLevel(rule);
        for (int i = 0; i < rule.length(); i++) {
            char c = rule.charAt(i);
            if (top[i] && (c == '=' || c == '!' || c == '<' || c == '>')) {
                return i;
            }
        }
        return -1;
    }

    /** The shape a path must have here; the probe's library reports anything finer when it runs. */
    private static void checkPath(String path) {
        if (path.length() > 1 && path.charAt(1) != '.' && path.charAt(1) != '[') {
            throw new IllegalArgumentException("a path goes on with . or [ after $: " + shorten(path));
        }
        boolean[] top = topLevel(path);
        if (!top[path.length()]) {
            throw new IllegalArgumentException("unbalanced brackets or quotes in the path " + shorten(path));
        }
        for (int i = 0; i < path.length(); i++) {
            if (top[i] && Character.isWhitespace(path.charAt(i))) {
                throw new IllegalArgumentException("a path has no spaces (outside brackets): " + shorten(path));
            }
        }
        if (path.endsWith(".")) {
            throw new IllegalArgumentException("a path does not end with a dot: " + shorten(path));
        }
    }

    /**
     * Which characters stand outside brackets, parentheses and quotes; the extra last entry says
     * whether the text ends balanced.
     */
    private static boolean[] topLevel(String s) {
        boolean[] top = new boolean[s.length() + 1];
        int depth = 0;
        char quote = 0;
        boolean broken = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == '\\' && i + 1 < s.length()) {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '[' || c == '(') {
                depth++;
            } else if (c == ']' || c == ')') {
                broken |= --depth < 0;
            } else {
                top[i] = depth == 0;
            }
        }
        top[s.length()] = depth == 0 && quote == 0 && !broken;
        return top;
    }

    private static Object value(String v, String rule) {
        if (v.isEmpty()) {
            throw new IllegalArgumentException("a value is missing after the comparison in " + shorten(rule));
        }
        if (v.charAt(0) == '"' || v.charAt(0) == '\'') {
            return string(v, rule);
        }
        switch (v) {
            case "true":
                return Boolean.TRUE;
            case "false":
                return Boolean.FALSE;
            case "null":
                return null;
            default:
                break;
        }
        if (v.matches("-?\\d{1,30}(\\.\\d{1,30})?([eE][+-]?\\d{1,3})?")) {
            return new BigDecimal(v).stripTrailingZeros();
        }
        throw new IllegalArgumentException(
                "the value " + shorten(v) + " must be a quoted string (\"UP\"), a number, true, false or null");
    }

    private static String string(String v, String rule) {
        char quote = v.charAt(0);
        StringBuilder b = new StringBuilder();
        int i = 1;
        for (; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == quote) {
                break;
            }
            if (c == '\\' && i + 1 < v.length()) {
                char e = v.charAt(++i);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    default -> b.append(e);
                }
            } else {
                b.append(c);
            }
        }
        if (i != v.length() - 1) {
            throw new IllegalArgumentException("the text after the comparison in " + shorten(rule)
                    + " must be one quoted string (use `and` between rules)");
        }
        return b.toString();
    }

    /** Splits on the word {@code and} outside quotes and brackets. */
    private static List<String> splitOnAnd(String text) {
        List<String> parts = new ArrayList<>();
        boolean[] top = topLevel(text);
        int from = 0;
        for (int i = 0; i + 3 < text.length(); i++) {
            if (top[i]
                    && Character.isWhitespace(text.charAt(i))
                    && text.regionMatches(true, i + 1, "and", 0, 3)
                    && (i + 4 == text.length() || Character.isWhitespace(text.charAt(i + 4)))) {
                parts.add(text.substring(from, i));
                from = Math.min(text.length(), i + 5);
                i += 4;
            }
        }
        parts.add(text.substring(from));
        return parts;
    }

    private static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 59) + "…" : s;
    }
}
