package dev.healthbot.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class HttpRedirectsTest {

    private static final HttpUrl BASE = HttpUrl.get("https://status.example.com:8443/a/b?x=1");

    @Test
    void onlyTheFiveRedirectStatusesRedirect() {
        assertThat(List.of(301, 302, 303, 307, 308)).allMatch(HttpRedirects::isRedirect);
        assertThat(List.of(200, 300, 304, 305, 306, 400, 500)).noneMatch(HttpRedirects::isRedirect);
    }

    @Test
    void relativeAndAbsoluteLocationsResolveFromTheAnswersUrl() throws Exception {
        assertThat(HttpRedirects.resolve(BASE, "c").toString()).isEqualTo("https://status.example.com:8443/a/c");
        assertThat(HttpRedirects.resolve(BASE, " /health ").toString())
                .isEqualTo("https://status.example.com:8443/health");
        assertThat(HttpRedirects.resolve(BASE, "//other.example.net/x").toString())
                .isEqualTo("https://other.example.net/x");
        assertThat(HttpRedirects.resolve(BASE, "HTTP://plain.example.net/").toString())
                .isEqualTo("http://plain.example.net/");
    }

    @Test
    void otherSchemesAreRefusedByName() {
        assertThatThrownBy(() -> HttpRedirects.resolve(BASE, "ftp://files.example.com/"))
                .isInstanceOf(HttpRedirects.Refused.class)
                .hasMessage("redirect to ftp: refused");
        assertThatThrownBy(() -> HttpRedirects.resolve(BASE, "averyveryverylongschemename1234:x"))
                .hasMessage("redirect to averyveryverylongsch…: refused");
    }

    @Test
    void anUnparsableLocationIsRefused() {
        assertThatThrownBy(() -> HttpRedirects.resolve(BASE, "http://exa mple.com/"))
                .isInstanceOf(HttpRedirects.Refused.class)
                .hasMessage("redirect to an invalid location");
    }

    @Test
    void credentialsGoOnlyToTheConfiguredOrigin() {
        HttpUrl first = HttpUrl.get("https://ops:s3cret@status.example.com/health");
        assertThat(HttpRedirects.basicAuth(first, first)).isEqualTo("Basic b3BzOnMzY3JldA==");
        assertThat(HttpRedirects.basicAuth(first, HttpUrl.get("https://ops:s3cret@status.example.com/other")))
                .isEqualTo("Basic b3BzOnMzY3JldA==");
        assertThat(HttpRedirects.basicAuth(first, HttpUrl.get("https://ops:s3cret@evil.example.net/")))
                .isNull();
        assertThat(HttpRedirects.basicAuth(first, HttpUrl.get("http://ops:s3cret@status.example.com/")))
                .isNull();
        assertThat(HttpRedirects.basicAuth(first, HttpUrl.get("https://ops:s3cret@status.example.com:444/")))
                .isNull();
        HttpUrl none = HttpUrl.get("https://status.example.com/health");
        assertThat(HttpRedirects.basicAuth(none, none)).isNull();
    }

    @Test
    void theSuffixCountsRedirects() {
        assertThat(HttpRedirects.suffix(0)).isEmpty();
        assertThat(HttpRedirects.suffix(1)).isEqualTo(" (after 1 redirect)");
        assertThat(HttpRedirects.suffix(3)).isEqualTo(" (after 3 redirects)");
    }
}
