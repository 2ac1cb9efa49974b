package dev.healthbot.probe;

import dev.healthbot.monitor.Target;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import okhttp3.Credentials;
import okhttp3.HttpUrl;

/**
 * The HTTP probe's rules for redirects, which it follows by hand: which answers redirect, where a
 * {@code Location} leads (only to http or https), and which requests may carry the URL's credentials.
 */
final class HttpRedirects {

    static final int MAX_REDIRECTS = 10;

    /** How long the chain in a detail may be. */
    static final int MAX_CHAIN = 300;

    private HttpRedirects() {}

    /** A redirect that the probe will not follow; its message is the probe's detail. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    static boolean isRedirect(int code) {
        return code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
    }

    /** The URL that {@code location} leads to from {@code base}: absolute or relative, http or https. */
    static HttpUrl resolve(HttpUrl base, String location) throws Refused {
        URI target;
        try {
            target = base.uri().resolve(new URI(location.strip()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new Refused("redirect to an invalid location");
        }
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new Refused("redirect to " + ProbeSupport.clean(abbreviate(scheme)) + ": refused");
        }
        HttpUrl url = HttpUrl.parse(target.toString());
        if (url == null) {
            throw new Refused("redirect to an invalid location");
        }
        return url;
    }

    /**
     * Where {@code location} leads from the last URL of {@code chain}, added to the chain; refused, with
     * the chain so far in the message, for a scheme other than http and https, a step down from https
     * to http, a loop, or more than {@link #MAX_REDIRECTS} redirects.
     */
    static HttpUrl next(List<HttpUrl> chain, String location) throws Refused {
        HttpUrl from = chain.get(chain.size() - 1);
        HttpUrl url;
        try {
            url = resolve(from, location);
        } catch (Refused e) {
            throw new Refused(e.getMessage() + " after " + chain(chain));
        }
        List<HttpUrl> with = new ArrayList<>(chain);
        with.add(url);
        if (from.isHttps() && !url.isHttps()) {
            throw new Refused("redirect from https to http refused: " + chain(with));
        }
        if (chain.contains(url)) {
            throw new Refused("redirect loop: " + chain(with));
        }
        if (chain.size() > MAX_REDIRECTS) {
            throw new Refused("too many redirects (>" + MAX_REDIRECTS + "): " + chain(with));
        }
        chain.add(url);
        return url;
    }

    /** The URLs of a chain, masked, joined by arrows and cut. */
    static String chain(List<HttpUrl> urls) {
        String joined = String.join(
                " → ", urls.stream().map(u -> Target.mask(u.toString())).toList());
        // HttpUrl encodes anything unusual, and credentials are masked: the URLs may be shown as they are.
        return joined.length() > MAX_CHAIN ? joined.substring(0, MAX_CHAIN - 1) + "…" : joined;
    }

    /**
     * The Basic authorization for a request to {@code url} when it holds credentials
     * ({@code user:pass@}), as curl does; only to the origin of the configured URL {@code first}, so
     * that a redirect to another host never carries them.
     */
    static String basicAuth(HttpUrl first, HttpUrl url) {
        if (url.username().isEmpty() || !sameOrigin(first, url)) {
            return null;
        }
        return Credentials.basic(url.username(), url.password(), StandardCharsets.UTF_8);
    }

    /** Whether {@code url} is on the configured URL's origin: only there go its credentials and headers. */
    static boolean sameOrigin(HttpUrl first, HttpUrl url) {
        return first.scheme().equals(url.scheme()) && first.host().equals(url.host()) && first.port() == url.port();
    }

    /** Whether a redirect with {@code code} repeats the method and body (307, 308) rather than turning into a GET. */
    static boolean keepsMethod(int code) {
        return code == 307 || code == 308;
    }

    /** What an up result says after following redirects: empty, or " (after 2 redirects)". */
    static String suffix(int redirects) {
        if (redirects == 0) {
            return "";
        }
        return " (after " + redirects + (redirects == 1 ? " redirect)" : " redirects)");
    }

    private static String abbreviate(String s) {
        return s.length() > 20 ? s.substring(0, 20) + "…" : s;
    }
}
