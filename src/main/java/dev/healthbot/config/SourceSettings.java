package dev.healthbot.config;

import dev.healthbot.monitor.Durations;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where servers come from besides Slack: the inventory URL and how it is read; immutable. Its {@code
 * toString} never shows the header's value.
 *
 * @param url {@code HEALTHBOT_SERVERS_URL}: an http(s) URL answering the servers-file format or HTTP SD JSON
 * @param refresh {@code HEALTHBOT_SERVERS_REFRESH}: how often the URL is read (default 1m, at least 200ms)
 * @param header {@code HEALTHBOT_SERVERS_URL_HEADER}: one {@code Name: value} header sent with each read, a secret
 * @param maxRemove {@code HEALTHBOT_SERVERS_MAX_REMOVE}: beyond half of a source's servers, how many one
 *     update may remove ({@code 25}, {@code 80%} or {@code all}); blank for none beyond half
 */
public record SourceSettings(Optional<URI> url, Duration refresh, Optional<Secret> header, String maxRemove) {

    public static final String URL = "HEALTHBOT_SERVERS_URL";
    public static final String REFRESH = "HEALTHBOT_SERVERS_REFRESH";
    public static final String HEADER = "HEALTHBOT_SERVERS_URL_HEADER";
    public static final String MAX_REMOVE = "HEALTHBOT_SERVERS_MAX_REMOVE";
    public static final Duration DEFAULT_REFRESH = Duration.ofMinutes(1);
    /** The shortest refresh: tests use it; a real inventory is read every minute or so. */
    public static final Duration MIN_REFRESH = Duration.ofMillis(200);

    /** No inventory. */
    public static final SourceSettings NONE =
            new SourceSettings(Optional.empty(), DEFAULT_REFRESH, Optional.empty(), "");

    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");
    private static final Pattern LIMIT = Pattern.compile("all|\\d{1,9}|(100|\\d{1,2})%");

    /** Reads the variables, adding one line per malformed one to {@code problems}; never echoes a header. */
    public static SourceSettings fromEnvironment(Map<String, String> env, List<String> problems) {
        Optional<URI> url = Optional.empty();
        String urlText = env.getOrDefault(URL, "").strip();
        if (!urlText.isEmpty()) {
            try {
                URI uri = new URI(urlText);
                if (uri.getScheme() == null
                        || !(uri.getScheme().equalsIgnoreCase("http")
                                || uri.getScheme().equalsIgnoreCase("https"))
                        || uri.getHost() == null) {
                    problems.add(URL + " must be an http(s) URL like https://inventory.example.com/servers");
                } else {
                    url = Optional.of(uri);
                }
            } catch (URISyntaxException e) {
                problems.add(URL + " must be an http(s) URL like https://inventory.example.com/servers");
            }
        }
        Duration refresh = DEFAULT_REFRESH;
        String refreshText = env.getOrDefault(REFRESH, "").strip();
        if (!refreshText.isEmpty()) {
            try {
                refresh = Durations.parse(refreshText);
                if (refresh.compareTo(MIN_REFRESH) < 0) {
                    problems.add(REFRESH + " must be at least 200ms");
                }
            } catch (IllegalArgumentException e) {
                problems.add(REFRESH + " must be a duration like 30s, 1m or 5m");
            }
        }
        Optional<Secret> header = Optional.empty();
        String headerText = env.getOrDefault(HEADER, "").strip();
        if (!headerText.isEmpty()) {
            int colon = headerText.indexOf(':');
            if (colon <= 0
                    || !HEADER_NAME
                            .matcher(headerText.substring(0, colon).strip())
                            .matches()
                    || headerText.substring(colon + 1).isBlank()
                    || headerText.chars().anyMatch(c -> c == '\r' || c == '\n')) {
                // The value is a secret: say what is wrong without repeating it.
                problems.add(HEADER + " must be one header like \"Authorization: Bearer <token>\"");
            } else {
                header = Optional.of(new Secret(headerText));
            }
        }
        String maxRemove = env.getOrDefault(MAX_REMOVE, "").strip().toLowerCase(Locale.ROOT);
        if (!maxRemove.isEmpty() && !LIMIT.matcher(maxRemove).matches()) {
            problems.add(MAX_REMOVE + " must be a count like 25, a percentage like 80% or all");
            maxRemove = "";
        }
        return new SourceSettings(url, refresh, header, maxRemove);
    }

    /** The URL without its user info, query or fragment: safe to log and to show. */
    public Optional<String> shownUrl() {
        return url.map(u -> u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort())
                + (u.getRawPath() == null ? "" : u.getRawPath()));
    }
}
