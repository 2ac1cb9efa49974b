package dev.healthbot.monitor;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A validated probe target URL; immutable. Credentials in the URL are kept for probing and hidden
 * by {@link #masked()}, which is the only form that may be shown or logged.
 */
public record Target(URI uri) {

    public static final int MAX_LENGTH = 2048;

    /** What a heartbeat's URL column holds: a heartbeat is not probed, it is pinged. */
    public static final String HEARTBEAT_URL = "heartbeat:ping";

    /** The target of every heartbeat (see {@link ProbeKind#HEARTBEAT}); it has no host or port. */
    public static final Target HEARTBEAT = new Target(URI.create(HEARTBEAT_URL));

    private static final Pattern SECRET_QUERY = Pattern.compile(
            "(?i)([?&](?:token|access_token|api_key|apikey|key|secret|password|pass|pwd|auth|sig|signature)=)[^&#]*");

    public Target {
        if (uri == null) {
            throw new IllegalArgumentException("URL is required");
        }
    }

    /** Parses and validates a user-typed URL; throws {@link IllegalArgumentException} with a readable reason. */
    public static Target parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("URL is required");
        }
        String trimmed = text.strip();
        if (trimmed.equalsIgnoreCase("heartbeat") || trimmed.equalsIgnoreCase(HEARTBEAT_URL)) {
            return HEARTBEAT;
        }
        // Slack wraps links as <http://x|label> or <http://x>; accept what a user pasted.
        if (trimmed.startsWith("<") && trimmed.endsWith(">")) {
            trimmed = trimmed.substring(1, trimmed.length() - 1);
            int bar = trimmed.indexOf('|');
            if (bar >= 0) {
                trimmed = trimmed.substring(0, bar);
            }
        }
        if (trimmed.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("URL is longer than " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("URL is not valid: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "http", "https", "ws", "wss", "tcp" -> {}
            case "" ->
                throw new IllegalArgumentException(
                        "URL needs a scheme: http://, https://, ws://, wss:// or tcp://host:port");
            default ->
                throw new IllegalArgumentException(
                        "URL scheme must be http, https, ws, wss or tcp, not " + abbreviate(scheme));
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException("URL needs a host");
        }
        if (scheme.equals("tcp") && uri.getPort() < 0) {
            throw new IllegalArgumentException("a tcp URL needs a port: tcp://host:port");
        }
        if (uri.getPort() > 65535) {
            throw new IllegalArgumentException("port must be 1 to 65535");
        }
        if (!scheme.equals(uri.getScheme())) {
            try {
                uri = new URI(scheme + trimmed.substring(uri.getScheme().length()));
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("URL is not valid: " + e.getReason());
            }
        }
        return new Target(uri);
    }

    public String scheme() {
        return uri.getScheme().toLowerCase(Locale.ROOT);
    }

    /** Whether a check of this target makes a TLS handshake (https and wss): only those have a certificate. */
    public boolean hasTls() {
        return scheme().equals("https") || scheme().equals("wss");
    }

    public ProbeKind kind() {
        return switch (scheme()) {
            case "ws", "wss" -> ProbeKind.WEBSOCKET;
            case "tcp" -> ProbeKind.TCP;
            case "heartbeat" -> ProbeKind.HEARTBEAT;
            default -> ProbeKind.HTTP;
        };
    }

    public String host() {
        String host = uri.getHost();
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** The port, or the scheme's default. */
    public int port() {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return switch (scheme()) {
            case "https", "wss" -> 443;
            default -> 80;
        };
    }

    /** The URL as typed, with credentials; only for probing. */
    public String secretUrl() {
        return uri.toString();
    }

    /** The URL with user info and secret-looking query values replaced by {@code ***}. */
    public String masked() {
        return mask(uri.toString());
    }

    /** Masks credentials in any URL-looking text (user info and secret query values). */
    public static String mask(String url) {
        String out = url.replaceAll("(?i)^([a-z][a-z0-9+.-]*://)[^/@?#]*@", "$1***@");
        return SECRET_QUERY.matcher(out).replaceAll("$1***");
    }

    @Override
    public String toString() {
        return masked();
    }

    private static String abbreviate(String s) {
        return s.length() > 20 ? s.substring(0, 20) + "…" : s;
    }
}
