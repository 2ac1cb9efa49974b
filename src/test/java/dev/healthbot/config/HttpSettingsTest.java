package dev.healthbot.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.healthbot.config.HttpSettings.ListenAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpSettingsTest {

    private final List<String> problems = new ArrayList<>();

    private HttpSettings read(String... pairs) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return HttpSettings.fromEnvironment(env, problems);
    }

    @Test
    void byDefaultTheEndpointListensOnLoopback8080WithNoAdminAddressOrPublicUrl() {
        HttpSettings s = read();
        assertThat(problems).isEmpty();
        assertThat(s.address()).contains(new ListenAddress("127.0.0.1", 8080));
        assertThat(s.adminAddress()).isEmpty();
        assertThat(s.publicUrl()).isEmpty();
    }

    @Test
    void offDisablesTheEndpoint() {
        assertThat(read("HEALTHBOT_HTTP_ADDR", "off").address()).isEmpty();
        assertThat(read("HEALTHBOT_HTTP_ADDR", "OFF").address()).isEmpty();
        assertThat(problems).isEmpty();
    }

    @Test
    void addressesAndThePublicUrlAreRead() {
        HttpSettings s = read(
                "HEALTHBOT_HTTP_ADDR", "0.0.0.0:9000",
                "HEALTHBOT_ADMIN_ADDR", "[::1]:9100",
                "HEALTHBOT_PUBLIC_URL", "https://health.example.com/");
        assertThat(problems).isEmpty();
        assertThat(s.address()).contains(new ListenAddress("0.0.0.0", 9000));
        assertThat(s.adminAddress()).contains(new ListenAddress("::1", 9100));
        assertThat(s.adminAddress().orElseThrow()).hasToString("[::1]:9100");
        assertThat(s.publicUrl()).contains(URI.create("https://health.example.com"));
        assertThat(read("HEALTHBOT_HTTP_ADDR", "localhost:0").address())
                .isEqualTo(Optional.of(new ListenAddress("localhost", 0)));
    }

    @Test
    void malformedValuesAreNamedOneLineEach() {
        for (String bad :
                new String[] {"8080", "127.0.0.1", "127.0.0.1:99999", "http://127.0.0.1:8080", "a b:80", ":8080"}) {
            problems.clear();
            read("HEALTHBOT_HTTP_ADDR", bad);
            assertThat(problems)
                    .as(bad)
                    .containsExactly("HEALTHBOT_HTTP_ADDR must be host:port like 127.0.0.1:8080 or [::1]:8080, or off");
        }
        problems.clear();
        read("HEALTHBOT_ADMIN_ADDR", "nope");
        assertThat(problems).singleElement().asString().startsWith("HEALTHBOT_ADMIN_ADDR must be host:port");
        for (String bad :
                new String[] {"health.example.com", "ftp://x", "https://u:p@x.example", "https://x/?a=1", "https://x/#f"
                }) {
            problems.clear();
            read("HEALTHBOT_PUBLIC_URL", bad);
            assertThat(problems)
                    .as(bad)
                    .singleElement()
                    .asString()
                    .startsWith("HEALTHBOT_PUBLIC_URL must be an http(s) URL");
        }
    }

    @Test
    void anAdminAddressWithTheEndpointOffIsAContradiction() {
        read("HEALTHBOT_HTTP_ADDR", "off", "HEALTHBOT_ADMIN_ADDR", "127.0.0.1:9100");
        assertThat(problems)
                .containsExactly("HEALTHBOT_ADMIN_ADDR is set but HEALTHBOT_HTTP_ADDR is off; unset one of them");
    }

    @Test
    void theWholeConfigurationReportsAMalformedAddressWithTheOtherProblems() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HealthBotConfig.fromEnvironment(
                        Map.of("SLACK_BOT_TOKEN", "xoxb-12345678901", "HEALTHBOT_HTTP_ADDR", "nowhere")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("SLACK_APP_TOKEN is not set")
                .hasMessageContaining("HEALTHBOT_HTTP_ADDR must be host:port");
    }
}
