package dev.healthbot.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.healthbot.config.ErrorSettings;
import dev.healthbot.errors.ErrorIntake;
import dev.healthbot.errors.ErrorSource;
import dev.healthbot.errors.ErrorSources;
import dev.healthbot.store.JdbiErrorRepository;
import dev.healthbot.store.JdbiSubscriptionRepository;
import dev.healthbot.store.SqliteStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The error routes over a real SQLite file: answers, CORS and preflight. */
class ErrorRoutesTest {

    @RegisterExtension
    final SqliteStore store = new SqliteStore();

    ErrorRoutes routes;
    ErrorSource source;

    @BeforeEach
    void wire() {
        JdbiErrorRepository repo = new JdbiErrorRepository(store.db());
        source = ((ErrorSources.Result.Saved) new ErrorSources(repo, InstantSource.system()).add("web", "LIVE", "U1"))
                .source();
        ErrorIntake intake = new ErrorIntake(
                repo,
                repo,
                new JdbiSubscriptionRepository(store.db()),
                InstantSource.system(),
                Duration.ofHours(24),
                () -> {});
        routes = new ErrorRoutes(intake, new ErrorSettings(List.of("https://app.example.com"), Duration.ofHours(24)));
    }

    private static Call call(String method, String rest, String body, Map<String, String> headers) {
        return new Call(method, "/errors/" + rest, rest, body.getBytes(StandardCharsets.UTF_8), "", headers);
    }

    @Test
    void aGoodReportIs202AnUnknownKey404AndBadInput400WithTheReason() {
        Reply ok = routes.plain().handle(call("POST", source.key(), "{\"message\":\"m\"}", Map.of()));
        assertThat(ok.status()).isEqualTo(202);
        assertThat(new String(ok.body(), StandardCharsets.UTF_8)).contains("\"new\":true");
        assertThat(routes.plain()
                        .handle(call("POST", "0".repeat(32), "{\"message\":\"m\"}", Map.of()))
                        .status())
                .isEqualTo(404);
        Reply bad = routes.plain().handle(call("POST", source.key(), "{\"message\":1}", Map.of()));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(new String(bad.body(), StandardCharsets.UTF_8)).contains("message must be a string");
        assertThat(routes.refused()).isEqualTo(1);
    }

    @Test
    void anAllowedOriginGetsCorsHeadersAndItsPreflightOthersGetNone() {
        Map<String, String> allowed =
                Map.of("origin", "https://app.example.com", "access-control-request-method", "POST");
        Reply preflight = routes.plain().handle(call("OPTIONS", source.key(), "", allowed));
        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.headers())
                .containsEntry("Access-Control-Allow-Origin", "https://app.example.com")
                .containsEntry("Access-Control-Allow-Methods", "POST, OPTIONS");
        assertThat(preflight.headers().get("Access-Control-Allow-Headers")).contains("content-type", "x-sentry-auth");
        Reply post = routes.plain().handle(call("POST", source.key(), "{\"message\":\"m\"}", allowed));
        assertThat(post.headers()).containsEntry("Access-Control-Allow-Origin", "https://app.example.com");

        Map<String, String> other = Map.of("origin", "https://evil.example.com");
        assertThat(routes.plain()
                        .handle(call("OPTIONS", source.key(), "", other))
                        .status())
                .isEqualTo(403);
        assertThat(routes.plain()
                        .handle(call("POST", source.key(), "{\"message\":\"m\"}", other))
                        .headers())
                .doesNotContainKey("Access-Control-Allow-Origin");
    }
}
