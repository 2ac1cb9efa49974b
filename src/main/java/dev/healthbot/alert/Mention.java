package dev.healthbot.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Someone an outage post calls: a Slack user ({@code U…}/{@code W…}) or user group ({@code S…}), by id only, never
 * by a name someone typed; immutable.
 */
public record Mention(String id) {

    private static final Pattern ID = Pattern.compile("[UWS][A-Z0-9]{2,30}");

    public Mention {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not a user or user group id: " + id);
        }
    }

    public static boolean isId(String text) {
        return text != null && ID.matcher(text).matches();
    }

    public boolean group() {
        return id.startsWith("S");
    }

    /** The stored form: ids joined by commas. */
    public static String join(List<Mention> mentions) {
        return String.join(",", mentions.stream().map(Mention::id).toList());
    }

    /** Reads the stored form; ids that do not look like ids are dropped. */
    public static List<Mention> split(String stored) {
        List<Mention> out = new ArrayList<>();
        if (stored == null) {
            return out;
        }
        for (String s : stored.split(",")) {
            if (isId(s.strip()) && out.stream().noneMatch(m -> m.id().equals(s.strip()))) {
                out.add(new Mention(s.strip()));
            }
        }
        return out;
    }
}
