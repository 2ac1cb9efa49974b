package dev.healthbot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogFormatConfigTest {

    private static final String BOT = "xoxb-1111-2222-abcdefghijklmnop";
    private static final String APP = "xapp-1-A111-2222-abcdefghijklmnop";

    @Test
    void textIsTheDefaultAndJsonIsChosenIgnoringCaseAndSpaces() {
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
    void anotherValueStopsTheStartWithTheOtherProblemsAndNeverEchoesTheValue() {
        ConfigException e = catchThrowableOfType(
                ConfigException.class,
                () -> HealthBotConfig.fromEnvironment(Map.of(
                        "SLACK_BOT_TOKEN",
                        BOT,
                        "SLACK_APP_TOKEN",
                        APP,
                        HealthBotConfig.LOG_FORMAT,
                        "xoxb-pasted-here")));
        assertThat(e.getMessage())
                .isEqualTo("HEALTHBOT_LOG_FORMAT must be text or json (see README.md, Configuration)")
                .doesNotContain("pasted");
        List<String> problems = new ArrayList<>();
        assertThat(HealthBotConfig.logFormat(Map.of(HealthBotConfig.LOG_FORMAT, "xml"), problems))
                .as("logs stay readable as text until the check stops the start")
                .isEqualTo("text");
        assertThat(problems).hasSize(1);
    }
}
