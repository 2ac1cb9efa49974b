package dev.healthbot.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The endpoint's routes, each an exact path or a prefix, with its methods, where it is served
 * ({@link Exposure}) and, for keyed routes such as {@code /ping/<key>}, the rate limiter its key
 * spends from. Built once before the endpoint starts; read-only afterwards, so thread-safe.
 */
public final class RouteTable {

    /** Where a route is served when {@code HEALTHBOT_ADMIN_ADDR} is set; without it, everything is on one address. */
    public enum Exposure {
        /** On {@code HEALTHBOT_HTTP_ADDR} (pings, error reports: meant to be reachable by jobs). */
        PUBLIC,
        /** On {@code HEALTHBOT_ADMIN_ADDR} when set ({@code /metrics}, {@code /healthz}). */
        ADMIN
    }

    /**
     * One route.
     *
     * @param path the exact path, or the prefix when {@code prefix} (ending in {@code /})
     * @param limiter the per-key limiter for a keyed route, or null
     */
    public record Entry(
            String path, boolean prefix, Set<String> methods, Exposure exposure, RateLimiter limiter, Route route) {

        boolean matches(String requestPath) {
            return prefix
                    ? requestPath.startsWith(path) && requestPath.length() > path.length()
                    : requestPath.equals(path);
        }

        String rest(String requestPath) {
            return prefix ? requestPath.substring(path.length()) : "";
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    /** An exact path answering {@code GET}. */
    public RouteTable get(String path, Exposure exposure, Route route) {
        return add(new Entry(path, false, Set.of("GET"), exposure, null, route));
    }

    /**
     * A prefix such as {@code /ping/}: the first segment after it is the key, and each key spends
     * from {@code limiter} before the route runs (429 with {@code Retry-After} when it is empty).
     */
    public RouteTable keyed(String prefix, Set<String> methods, Exposure exposure, RateLimiter limiter, Route route) {
        if (!prefix.startsWith("/") || !prefix.endsWith("/")) {
            throw new IllegalArgumentException("a keyed route's prefix starts and ends with /: " + prefix);
        }
        return add(new Entry(prefix, true, Set.copyOf(methods), exposure, limiter, route));
    }

    private RouteTable add(Entry entry) {
        for (Entry e : entries) {
            if (e.path.equals(entry.path)) {
                throw new IllegalArgumentException("route registered twice: " + entry.path);
            }
        }
        entries.add(entry);
        return this;
    }

    /** The route for a path among those served on an address that serves {@code served}. */
    Optional<Entry> find(String path, Set<Exposure> served) {
        for (Entry e : entries) {
            if (served.contains(e.exposure) && e.matches(path)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    List<Entry> entries() {
        return List.copyOf(entries);
    }
}
