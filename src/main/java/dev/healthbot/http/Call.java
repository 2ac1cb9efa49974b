package dev.healthbot.http;

/**
 * One request as a route sees it, its body already read within the endpoint's limit; immutable.
 *
 * @param method the HTTP method, upper case
 * @param path the decoded request path
 * @param rest what follows the route's prefix ({@code "abc/fail"} for {@code /ping/abc/fail}); empty for exact routes
 * @param body the request body, at most the endpoint's body limit
 */
public record Call(String method, String path, String rest, byte[] body) {

    /** The first segment of {@link #rest}: the key of a keyed route. */
    public String key() {
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }
}
