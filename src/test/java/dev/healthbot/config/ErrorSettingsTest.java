package dev.healthbot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorSettingsTest {

    static final String BOT = "xoxb-1111111111-2222222222-abcdefghijklmnop";
    static final String APP = "xapp-1-A0000000001-3333333333-abcdefghijklmnop";

    @Test
    void noOriginIsAllowedAndTheQuietTimeIs24HoursByDefault() {
        ErrorSettings s = HealthBotConfig.fromEnvironment(Map.of("SLACK_BOT_TOKEN", BOT, "SLACK_APP_TOKEN", APP))
                .errors();
        assertThat(s.corsOrigins()).isEmpty();
        assertThat(s.allows("https://app.example.com")).isFalse();
        assertThat(s.quiet()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void originsAndTheQuietTimeAreRead() {
        ErrorSettings s = HealthBotConfig.fromEnvironment(Map.of(
                        "SLACK_BOT_TOKEN",
                        BOT,
                        "SLACK_APP_TOKEN",
                        APP,
                        "HEALTHBOT_CORS_ORIGINS",
                        "https://app.example.com, http://localhost:3000",
                        "HEALTHBOT_ERRORS_QUIET",
                        "2h"))
                .errors();
        assertThat(s.allows("https://app.example.com")).isTrue();
        assertThat(s.allows("http://localhost:3000")).isTrue();
        assertThat(s.allows("https://evil.example.com")).isFalse();
        assertThat(s.quiet()).isEqualTo(Duration.ofHours(2));
        assertThat(new ErrorSettings(java.util.List.of("*"), Duration.ofHours(1)).allows("https://any.example"))
                .isTrue();
    }

    @Test
    void aMalformedOriginOrQuietTimeStopsTheStartNamingTheVariable() {
        assertThatThrownBy(() -> HealthBotConfig.fromEnvironment(Map.of(
                        "SLACK_BOT_TOKEN",
                        BOT,
                        "SLACK_APP_TOKEN",
                        APP,
                        "HEALTHBOT_CORS_ORIGINS",
                        "https://app.example.com/path",
                        "HEALTHBOT_ERRORS_QUIET",
                        "soon")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("HEALTHBOT_CORS_ORIGINS")
                .hasMessageContaining("HEALTHBOT_ERRORS_QUIET");
    }
}
