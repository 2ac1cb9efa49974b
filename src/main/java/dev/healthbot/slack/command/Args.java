package dev.healthbot.slack.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Command arguments split into positional words and {@code key=value} options; immutable. */
public record Args(List<String> words, Map<String, String> options) {

    /** Splits on white space; Slack's link wrapping {@code <http://x|x>} stays one word. */
    public static Args parse(String text) {
        List<String> words = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        if (text != null) {
            for (String w : text.strip().split("\\s+")) {
                if (w.isEmpty()) {
                    continue;
                }
                int eq = w.indexOf('=');
                if (eq > 0 && !w.startsWith("<") && !w.contains("://")) {
                    options.put(w.substring(0, eq).toLowerCase(Locale.ROOT), w.substring(eq + 1));
                } else {
                    words.add(w);
                }
            }
        }
        return new Args(List.copyOf(words), Map.copyOf(options));
    }

    /** True for what subscribe and unsubscribe take: at most 50 names and no options. */
    static boolean isSelectorList(Args args) {
        return args.options().isEmpty() && args.words().size() <= 50;
    }
}
