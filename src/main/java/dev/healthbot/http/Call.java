package dev.healthbot.http;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One request as a route sees it, its body already read within the endpoint's limit; immutable.
 *
 * @param method the HTTP method, upper case
 * @param path the decoded request path
 * @param rest what follows the route's prefix ({@code "abc/fail"} for {@code /ping/abc/fail}); empty for exact routes
 * @param body the request body, at most the endpoint's body limit
 * @param query the raw query string, empty when there is none
 * @param headers the request headers by lower-case name (the first value of each)
 */
public record Call(String method, String path, String rest, byte[] body, String query, Map<String, String> headers) {

    public Call {
        query = query == null ? "" : query;
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** A call without query or headers. */
    public Call(String method, String path, String rest, byte[] body) {
        this(method, path, rest, body, "", Map.of());
    }

    /** The first segment of {@link #rest}: the key of a keyed route. */
    public String key() {
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    /** A header's first value, by name in any case. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }
}
