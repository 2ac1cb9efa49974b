package dev.healthbot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthBotConfigTest {

    private static final String BOT = "xoxb-1111-2222-abcdefghijklmnop";
    private static final String APP = "xapp-1-A111-2222-abcdefghijklmnop";

    @Test
    void defaultsApplyWhenOnlyTheTokensAreSet() {
        HealthBotConfig c = HealthBotConfig.fromEnvironment(Map.of("SLACK_BOT_TOKEN", BOT, "SLACK_APP_TOKEN", APP));
        assertThat(c.apiUrl()).isEqualTo("https://slack.com/api/");
        assertThat(c.database()).isEqualTo(Path.of("db/healthbot.db"));
        assertThat(c.serversFile()).isEmpty();
        assertThat(c.alertMaxAge()).isEqualTo(Duration.ofHours(24));
        assertThat(c.botToken().reveal()).isEqualTo(BOT);
        assertThat(c.toString()).doesNotContain(BOT).doesNotContain(APP).doesNotContain("abcdefghijklmnop");
    }

    @Test
    void theApiUrlGetsItsTrailingSlash() {
        HealthBotConfig c = HealthBotConfig.fromEnvironment(
                Map.of("SLACK_BOT_TOKEN", BOT, "SLACK_APP_TOKEN", APP, "SLACK_API_URL", "http://127.0.0.1:9/api"));
        assertThat(c.apiUrl()).isEqualTo("http://127.0.0.1:9/api/");
    }

    @Test
    void everyProblemIsNamedInOneLineWithoutTheValue() {
        ConfigException e = catchThrowableOfType(
                ConfigException.class,
                () -> HealthBotConfig.fromEnvironment(Map.of(
                        "SLACK_BOT_TOKEN",
                        "xoxp-user-token-secret-value",
                        "SLACK_API_URL",
                        "ftp://x",
                        "HEALTHBOT_ALERT_MAX_AGE",
                        "forever")));
        assertThat(e.problems()).hasSize(4);
        assertThat(e.getMessage())
                .contains("SLACK_BOT_TOKEN is malformed")
                .contains("xoxb-")
                .contains("SLACK_APP_TOKEN is not set")
                .contains("SLACK_API_URL")
                .contains("HEALTHBOT_ALERT_MAX_AGE")
                .contains("README")
                .doesNotContain("secret-value")
                .doesNotContain("\n");
    }

    @Test
    void adminsAreReadAsUserAndGroupIdsAndEmptyMeansNoList() {
        HealthBotConfig none = HealthBotConfig.fromEnvironment(Map.of("SLACK_BOT_TOKEN", BOT, "SLACK_APP_TOKEN", APP));
        assertThat(none.admins()).isEmpty();
        assertThat(none.everyMember()).isFalse();
        assertThat(none.allowSharedChannels()).isFalse();
        HealthBotConfig c = HealthBotConfig.fromEnvironment(Map.of(
                "SLACK_BOT_TOKEN",
                BOT,
                "SLACK_APP_TOKEN",
                APP,
                "HEALTHBOT_ADMINS",
                " U0ADMIN1, W0ADMIN2 ,S0GROUP1,U0ADMIN1"));
        assertThat(c.admins()).containsExactly("U0ADMIN1", "W0ADMIN2", "S0GROUP1");
    }

    @Test
    void aMalformedAdminEntryIsNamedButATokenLikeOneIsNotEchoed() {
        ConfigException e = catchThrowableOfType(
                ConfigException.class,
                () -> HealthBotConfig.fromEnvironment(Map.of(
                        "SLACK_BOT_TOKEN",
                        BOT,
                        "SLACK_APP_TOKEN",
                        APP,
                        "HEALTHBOT_ADMINS",
                        "U0ADMIN1,@alice,,xoxb-1111-2222-abcdefghijklmnop")));
        assertThat(e.problems()).hasSize(3);
        assertThat(e.getMessage())
                .contains("HEALTHBOT_ADMINS has entry 2")
                .contains("an empty entry")
                .contains("entry 4")
                .doesNotContain("abcdefghijklmnop");
        ConfigException lower = catchThrowableOfType(
                ConfigException.class,
                () -> HealthBotConfig.fromEnvironment(
                        Map.of("SLACK_BOT_TOKEN", BOT, "SLACK_APP_TOKEN", APP, "HEALTHBOT_ADMINS", "alice")));
        assertThat(lower.getMessage()).contains("HEALTHBOT_ADMINS has 'alice'");
    }

    @Test
    void membersAloneLetsEveryMemberChangeAndCannotBeMixedWithIds() {
        HealthBotConfig members = with("HEALTHBOT_ADMINS", " Members ");
        assertThat(members.everyMember()).isTrue();
        assertThat(members.admins()).isEmpty();
        ConfigException mixed =
                catchThrowableOfType(ConfigException.class, () -> with("HEALTHBOT_ADMINS", "U0ADMIN1,members"));
        assertThat(mixed.getMessage())
                .contains("HEALTHBOT_ADMINS has 'members'")
                .contains("HEALTHBOT_ADMINS=members alone");
    }

    /** The configuration with both tokens and one more variable. */
    static HealthBotConfig with(String name, String value) {
        return HealthBotConfig.fromEnvironment(Map.of("SLACK_BOT_TOKEN", BOT, "SLACK_APP_TOKEN", APP, name, value));
    }

    @Test
    void sharedChannelsAreAllowedOnlyByTrueAndAnythingButTrueOrFalseIsAnError() {
        String name = "HEALTHBOT_ALLOW_SHARED_CHANNELS";
        for (String yes : List.of("true", "TRUE", " True ")) {
            assertThat(with(name, yes).allowSharedChannels()).as(yes).isTrue();
        }
        for (String no : List.of("false", "", "  ")) {
            assertThat(with(name, no).allowSharedChannels()).as(no).isFalse();
        }
        for (String bad : List.of("yes", "1", "on", "xoxb-1111-2222-abcdefghijklmnop")) {
            ConfigException e = catchThrowableOfType(ConfigException.class, () -> with(name, bad));
            assertThat(e.getMessage())
                    .as(bad)
                    .contains("HEALTHBOT_ALLOW_SHARED_CHANNELS must be true or false")
                    .doesNotContain("abcdefghijklmnop");
        }
    }

    @Test
    void theLogFormatIsTextByDefaultOrJsonIgnoringCaseAndSpaces() {
        for (var c : Map.of("", "text", "  ", "text", "text", "text", "json", "json", " JSON ", "json")
                .entrySet()) {
            List<String> problems = new ArrayList<>();
            assertThat(HealthBotConfig.logFormat(Map.of(HealthBotConfig.LOG_FORMAT, c.getKey()), problems))
                    .as(c.getKey())
                    .isEqualTo(c.getValue());
            assertThat(problems).isEmpty();
        }
        assertThat(HealthBotConfig.logFormat(Map.of(), new ArrayList<>())).isEqualTo("text");
    }

    @Test
    void anotherLogFormatStopsTheStartWithoutEchoingTheValueAndLogsAsTextMeanwhile() {
        List<String> problems = new ArrayList<>();
        assertThat(HealthBotConfig.logFormat(Map.of(HealthBotConfig.LOG_FORMAT, "xoxb-pasted-here"), problems))
                .isEqualTo("text");
        assertThat(problems).containsExactly("HEALTHBOT_LOG_FORMAT must be text or json");
        Map<String, String> env =
                Map.of("SLACK_BOT_TOKEN", BOT, "SLACK_APP_TOKEN", APP, HealthBotConfig.LOG_FORMAT, "xml");
        assertThatThrownBy(() -> HealthBotConfig.fromEnvironment(env))
                .isInstanceOf(ConfigException.class)
                .hasMessage("HEALTHBOT_LOG_FORMAT must be text or json (see README.md, Configuration)");
    }
}
