package dev.healthbot.slack.view;

/**
 * Where jobs send their pings, as the bot shows it: {@code HEALTHBOT_PUBLIC_URL} when set, else the
 * endpoint's local address with a note to set the variable; immutable.
 *
 * @param base the URL before {@code /ping/<key>}, without a trailing slash; null when the endpoint is off
 * @param configured true when it is {@code HEALTHBOT_PUBLIC_URL}
 */
public record PingUrls(String base, boolean configured) {

    public static final PingUrls OFF = new PingUrls(null, false);

    public static PingUrls configured(String base) {
        return new PingUrls(strip(base), true);
    }

    public static PingUrls local(String base) {
        return new PingUrls(strip(base), false);
    }

    /** The ping URL of a key; null when the endpoint is off. */
    public String url(String key) {
        return base == null ? null : base + "/ping/" + key;
    }

    private static String strip(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
