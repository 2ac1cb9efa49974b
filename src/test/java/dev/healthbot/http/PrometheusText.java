package dev.healthbot.http;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format (0.0.4), for tests: no Java parser of
 * it exists on Maven Central (the client library's {@code exposition-textformats} only writes). It
 * rejects anything a Prometheus server would: a malformed line, a bad name, an unescaped label
 * value, a sample before or outside its family's {@code # TYPE}, a family split in two, a series
 * given twice.
 */
public final class PrometheusText {

    private static final Pattern METRIC = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Set<String> TYPES =
            Set.of("counter", "gauge", "histogram", "summary", "untyped", "info", "stateset", "unknown");
    private static final String[] SUFFIXES = {
        "_total", "_created", "_bucket", "_count", "_sum", "_info", "_gcount", "_gsum"
    };

    /** Series (name and sorted labels, as {@code name{a="1",b="2"}}) to value. */
    private final Map<String, Double> series = new HashMap<>();
    /** Family name to its type. */
    private final Map<String, String> types = new HashMap<>();

    private PrometheusText() {}

    public static PrometheusText parse(String text) {
        PrometheusText p = new PrometheusText();
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new IllegalArgumentException("the exposition must end with a newline");
        }
        String current = null;
        Set<String> finished = new HashSet<>();
        int lineNo = 0;
        for (String line : text.split("\n", -1)) {
            lineNo++;
            if (line.isEmpty()) {
                continue;
            }
            try {
                if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
                    String[] parts = line.split(" ", 4);
                    if (parts.length < 3 || !METRIC.matcher(parts[2]).matches()) {
                        throw new IllegalArgumentException("bad metric name");
                    }
                    String family = parts[2];
                    if (!family.equals(current)) {
                        if (finished.contains(family)) {
                            throw new IllegalArgumentException("family " + family + " appears twice");
                        }
                        if (current != null) {
                            finished.add(current);
                        }
                        current = family;
                    }
                    if (parts[1].equals("TYPE")) {
                        if (parts.length != 4 || !TYPES.contains(parts[3])) {
                            throw new IllegalArgumentException("bad type");
                        }
                        if (p.types.put(family, parts[3]) != null) {
                            throw new IllegalArgumentException("two TYPE lines for " + family);
                        }
                    } else if (parts.length == 4) {
                        checkHelp(parts[3]);
                    }
                } else if (line.startsWith("#")) {
                    continue; // a comment
                } else {
                    p.sample(line, current);
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + lineNo + ": " + e.getMessage() + ": " + line, e);
            }
        }
        return p;
    }

    private static void checkHelp(String help) {
        for (int i = 0; i < help.length(); i++) {
            if (help.charAt(i) == '\\') {
                char next = i + 1 < help.length() ? help.charAt(i + 1) : ' ';
                if (next != '\\' && next != 'n') {
                    throw new IllegalArgumentException("bad escape in HELP");
                }
                i++;
            }
        }
    }

    private void sample(String line, String family) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = line.substring(0, i);
        if (!METRIC.matcher(name).matches()) {
            throw new IllegalArgumentException("bad metric name");
        }
        if (family == null || !types.containsKey(family) || !belongs(name, family)) {
            throw new IllegalArgumentException("sample " + name + " outside its family's TYPE");
        }
        Map<String, String> labels = new TreeMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (line.charAt(i) != '}') {
                int eq = line.indexOf('=', i);
                String label = line.substring(i, eq);
                if (!LABEL.matcher(label).matches() || label.startsWith("__")) {
                    throw new IllegalArgumentException("bad label name " + label);
                }
                if (line.charAt(eq + 1) != '"') {
                    throw new IllegalArgumentException("label value not quoted");
                }
                StringBuilder value = new StringBuilder();
                int j = eq + 2;
                for (; line.charAt(j) != '"'; j++) {
                    char c = line.charAt(j);
                    if (c == '\\') {
                        char e = line.charAt(++j);
                        switch (e) {
                            case '\\' -> value.append('\\');
                            case '"' -> value.append('"');
                            case 'n' -> value.append('\n');
                            default -> throw new IllegalArgumentException("bad escape in a label value");
                        }
                    } else {
                        value.append(c);
                    }
                }
                if (labels.put(label, value.toString()) != null) {
                    throw new IllegalArgumentException("label " + label + " twice");
                }
                i = j + 1;
                if (line.charAt(i) == ',') {
                    i++;
                } else if (line.charAt(i) != '}') {
                    throw new IllegalArgumentException("expected , or }");
                }
            }
            i++;
        }
        if (i >= line.length() || line.charAt(i) != ' ') {
            throw new IllegalArgumentException("expected a space before the value");
        }
        String[] rest = line.substring(i + 1).split(" ", -1);
        if (rest.length < 1 || rest.length > 2) {
            throw new IllegalArgumentException("expected a value and an optional timestamp");
        }
        double v = value(rest[0]);
        if (rest.length == 2) {
            Long.parseLong(rest[1]);
        }
        String key = key(name, labels);
        if (series.put(key, v) != null) {
            throw new IllegalArgumentException("series given twice: " + key);
        }
    }

    private static boolean belongs(String name, String family) {
        if (name.equals(family)) {
            return true;
        }
        for (String s : SUFFIXES) {
            if (name.equals(family + s)) {
                return true;
            }
        }
        return false;
    }

    private static double value(String text) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                if (!text.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
                    throw new IllegalArgumentException("bad value " + text);
                }
                yield Double.parseDouble(text);
            }
        };
    }

    private static String key(String name, Map<String, String> labels) {
        StringBuilder b = new StringBuilder(name);
        if (!labels.isEmpty()) {
            b.append('{');
            labels.forEach((k, v) -> b.append(k).append("=\"").append(v).append("\","));
            b.setLength(b.length() - 1);
            b.append('}');
        }
        return b.toString();
    }

    /** The value of one series; labels as alternating names and values, in any order. */
    public Optional<Double> value(String name, String... labels) {
        Map<String, String> l = new TreeMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            l.put(labels[i], labels[i + 1]);
        }
        return Optional.ofNullable(series.get(key(name, l)));
    }

    /** The type of a family, as declared. */
    public Optional<String> type(String family) {
        return Optional.ofNullable(types.get(family));
    }

    /** How many series have this sample name. */
    public long count(String name) {
        return series.keySet().stream()
                .filter(k -> k.equals(name) || k.startsWith(name + "{"))
                .count();
    }
}
