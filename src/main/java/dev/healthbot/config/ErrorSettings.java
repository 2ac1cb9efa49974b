package dev.healthbot.config;

import dev.healthbot.monitor.Durations;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Error reports' settings; immutable.
 *
 * @param corsOrigins {@code HEALTHBOT_CORS_ORIGINS}: the browser origins (like {@code
 *     https://app.example.com}, comma-separated, or {@code *}) allowed to post reports; none by default
 * @param quiet {@code HEALTHBOT_ERRORS_QUIET}: a group silent this long that reports again gets a new
 *     post linking the old one (24h by default)
 */
public record ErrorSettings(List<String> corsOrigins, Duration quiet) {

    public static final String CORS_ORIGINS = "HEALTHBOT_CORS_ORIGINS";
    public static final String QUIET = "HEALTHBOT_ERRORS_QUIET";
    public static final ErrorSettings DEFAULT = new ErrorSettings(List.of(), Duration.ofHours(24));

    public ErrorSettings {
        corsOrigins = List.copyOf(corsOrigins);
    }

    /** True when a browser page of {@code origin} may post reports. */
    public boolean allows(String origin) {
        if (origin == null) {
            return false;
        }
        for (String o : corsOrigins) {
            if (o.equals("*") || o.equalsIgnoreCase(origin)) {
                return true;
            }
        }
        return false;
    }

    static ErrorSettings fromEnvironment(Map<String, String> env, List<String> problems) {
        List<String> origins = new ArrayList<>();
        String text = env.getOrDefault(CORS_ORIGINS, "").strip();
        if (!text.isEmpty()) {
            for (String o : text.split(",")) {
                String t = o.strip();
                if (t.isEmpty()) {
                    continue;
                }
                if (t.equals("*") || origin(t)) {
                    origins.add(t.toLowerCase(Locale.ROOT));
                } else {
                    problems.add(CORS_ORIGINS + " must list origins like https://app.example.com (scheme, host,"
                            + " optional port, no path), comma-separated, or *");
                    break;
                }
            }
        }
        Duration quiet = DEFAULT.quiet();
        String q = env.getOrDefault(QUIET, "").strip();
        if (!q.isEmpty()) {
            try {
                quiet = Durations.parse(q);
            } catch (IllegalArgumentException e) {
                problems.add(QUIET + " must be a duration like 30m, 24h or 2d");
            }
        }
        return new ErrorSettings(origins, quiet);
    }

    private static boolean origin(String t) {
        try {
            URI u = new URI(t);
            return u.getScheme() != null
                    && (u.getScheme().equals("http") || u.getScheme().equals("https"))
                    && u.getHost() != null
                    && (u.getRawPath() == null || u.getRawPath().isEmpty())
                    && u.getRawQuery() == null
                    && u.getRawUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
