package dev.healthbot.monitor;

import java.util.Locale;

/**
 * How many of a source's servers one update may remove ({@code HEALTHBOT_SERVERS_MAX_REMOVE}): always up
 * to half of them, and beyond that up to {@code count} servers or {@code percent} of them. A half-empty
 * answer from a broken inventory must not silence monitoring. Immutable.
 *
 * @param count servers that may go at once beyond half; 0 for none
 * @param percent the share (0 to 100) that may go at once beyond half; 0 for none
 */
public record RemovalLimit(int count, int percent) {

    /** Up to half of a source's servers at once, no more. */
    public static final RemovalLimit HALF = new RemovalLimit(0, 0);

    /** No limit: the servers file at start, or {@code HEALTHBOT_SERVERS_MAX_REMOVE=all}. */
    public static final RemovalLimit NONE = new RemovalLimit(0, 100);

    public RemovalLimit {
        if (count < 0 || percent < 0 || percent > 100) {
            throw new IllegalArgumentException("a removal limit is a count >= 0 or a percentage 0..100");
        }
    }

    /** Whether removing {@code remove} of a source's {@code of} servers at once may go ahead. */
    public boolean allows(int remove, int of) {
        return remove * 2L <= of || remove <= count || remove * 100L <= (long) of * percent;
    }

    /**
     * Reads {@code 25} (servers), {@code 80%} or {@code all}; blank is {@link #HALF}. Throws {@link
     * IllegalArgumentException} on anything else.
     */
    public static RemovalLimit parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
            return HALF;
        }
        if (t.equals("all")) {
            return NONE;
        }
        try {
            if (t.endsWith("%")) {
                return new RemovalLimit(
                        0, Integer.parseInt(t.substring(0, t.length() - 1).strip()));
            }
            return new RemovalLimit(Integer.parseInt(t), 0);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a count, a percentage or all", e);
        }
    }

    /** How it reads in messages. */
    public String describe() {
        if (percent == 100) {
            return "no limit";
        }
        if (percent > 0) {
            return "half, or " + percent + "%";
        }
        return count > 0 ? "half, or " + count + " servers" : "half";
    }
}
