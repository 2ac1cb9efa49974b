package dev.healthbot.slack.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Command arguments split into positional words and {@code key=value} options; immutable. */
public record Args(List<String> words, Map<String, String> options) {

    /** Splits on white space; Slack's link wrapping {@code <http://x|x>} stays one word. */
    public static Args parse(String text) {
        return parse(text, Set.of(), Set.of());
    }

    /**
     * Like {@link #parse(String)}, but the value of an option in {@code textOptions} runs on over the
     * following words (joined by one space) up to the next word that starts one of {@code known}
     * options, so that {@code expect_json=$.status == "UP" every=30s} reads as two options. Slack sends
     * {@code &}, {@code <} and {@code >} escaped; such values get them back. A text option given twice
     * keeps both values, one a line.
     */
    public static Args parse(String text, Set<String> known, Set<String> textOptions) {
        List<String> words = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        String spanning = null;
        if (text != null) {
            for (String w : text.strip().split("\\s+")) {
                if (w.isEmpty()) {
                    continue;
                }
                int eq = w.indexOf('=');
                String key = eq > 0 ? w.substring(0, eq).toLowerCase(Locale.ROOT) : null;
                if (spanning != null && (key == null || !known.contains(key))) {
                    options.merge(spanning, unescape(w), (a, b) -> a.isEmpty() ? b : a + " " + b);
                } else if (key != null && !w.startsWith("<") && !w.contains("://")) {
                    boolean isText = textOptions.contains(key);
                    if (isText) {
                        // a text option given twice (header=...) keeps both, one a line
                        options.merge(key, unescape(w.substring(eq + 1)), (a, b) -> a + "\n" + b);
                    } else {
                        options.put(key, w.substring(eq + 1));
                    }
                    spanning = isText ? key : null;
                } else {
                    words.add(w);
                }
            }
        }
        return new Args(List.copyOf(words), Map.copyOf(options));
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    /** True for what subscribe and unsubscribe take: at most 50 names and no options. */
    static boolean isSelectorList(Args args) {
        return args.options().isEmpty() && args.words().size() <= 50;
    }
}
