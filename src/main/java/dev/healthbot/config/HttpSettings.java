package dev.healthbot.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where healthbot's own HTTP endpoint listens and how it is reached from outside; immutable.
 *
 * @param address {@code HEALTHBOT_HTTP_ADDR}: the endpoint's address; empty when it is {@code off}
 * @param adminAddress {@code HEALTHBOT_ADMIN_ADDR}: a separate address for {@code /metrics} and {@code
 *     /healthz}; empty when they share {@link #address}
 * @param publicUrl {@code HEALTHBOT_PUBLIC_URL}: the base URL users reach the endpoint at (shown for ping
 *     URLs); empty when not set, then the local address is shown
 */
public record HttpSettings(
        Optional<ListenAddress> address, Optional<ListenAddress> adminAddress, Optional<URI> publicUrl) {

    public static final String HTTP_ADDR = "HEALTHBOT_HTTP_ADDR";
    public static final String ADMIN_ADDR = "HEALTHBOT_ADMIN_ADDR";
    public static final String PUBLIC_URL = "HEALTHBOT_PUBLIC_URL";
    public static final ListenAddress DEFAULT_ADDRESS = new ListenAddress("127.0.0.1", 8080);

    /** No endpoint at all. */
    public static final HttpSettings OFF = new HttpSettings(Optional.empty(), Optional.empty(), Optional.empty());

    /** A host (name, IPv4, or IPv6 in brackets) and a port; port 0 picks a free one. */
    public record ListenAddress(String host, int port) {
        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    private static final Pattern HOST_PORT =
            Pattern.compile("(?:\\[([0-9A-Fa-f:.]+)]|([A-Za-z0-9.-]{1,253})):(\\d{1,5})");

    /** Reads the three variables, adding one line per malformed one to {@code problems}. */
    static HttpSettings fromEnvironment(Map<String, String> env, List<String> problems) {
        String text = env.getOrDefault(HTTP_ADDR, "").strip();
        Optional<ListenAddress> address;
        if (text.equalsIgnoreCase("off")) {
            address = Optional.empty();
        } else if (text.isEmpty()) {
            address = Optional.of(DEFAULT_ADDRESS);
        } else {
            address = parse(HTTP_ADDR, text, problems);
        }
        String admin = env.getOrDefault(ADMIN_ADDR, "").strip();
        Optional<ListenAddress> adminAddress = admin.isEmpty() ? Optional.empty() : parse(ADMIN_ADDR, admin, problems);
        if (adminAddress.isPresent() && address.isEmpty() && text.equalsIgnoreCase("off")) {
            problems.add(ADMIN_ADDR + " is set but " + HTTP_ADDR + " is off; unset one of them");
        }
        return new HttpSettings(
                address,
                adminAddress,
                publicUrl(env.getOrDefault(PUBLIC_URL, "").strip(), problems));
    }

    private static Optional<ListenAddress> parse(String variable, String text, List<String> problems) {
        Matcher m = HOST_PORT.matcher(text);
        if (m.matches()) {
            int port = Integer.parseInt(m.group(3));
            if (port <= 65_535) {
                return Optional.of(new ListenAddress(m.group(1) != null ? m.group(1) : m.group(2), port));
            }
        }
        problems.add(variable + " must be host:port like 127.0.0.1:8080 or [::1]:8080, or off");
        return Optional.empty();
    }

    private static Optional<URI> publicUrl(String text, List<String> problems) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String problem = PUBLIC_URL + " must be an http(s) URL without credentials, query or fragment, like"
                + " https://health.example.com";
        try {
            URI uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            if (uri.getScheme() == null
                    || !(uri.getScheme().equalsIgnoreCase("http")
                            || uri.getScheme().equalsIgnoreCase("https"))
                    || uri.getHost() == null
                    || uri.getRawUserInfo() != null
                    || uri.getRawQuery() != null
                    || uri.getRawFragment() != null) {
                problems.add(problem);
                return Optional.empty();
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            problems.add(problem);
            return Optional.empty();
        }
    }
}
