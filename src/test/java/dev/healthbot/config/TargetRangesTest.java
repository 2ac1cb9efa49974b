package dev.healthbot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetRangesTest {

    private static final String BOT = "xoxb-1111-2222-abcdefghijklmnop";
    private static final String APP = "xapp-1-A111-2222-abcdefghijklmnop";

    private static HealthBotConfig config(Map<String, String> extra) {
        java.util.HashMap<String, String> env = new java.util.HashMap<>(extra);
        env.put("SLACK_BOT_TOKEN", BOT);
        env.put("SLACK_APP_TOKEN", APP);
        return HealthBotConfig.fromEnvironment(env);
    }

    @Test
    void byDefaultMetadataRangesAreDeniedAndEverythingElseAllowed() {
        TargetRanges t = config(Map.of()).targets();
        assertThat(t.deny()).containsExactly("169.254.0.0/16", "fd00:ec2::254/128", "fe80::/10");
        assertThat(t.allow()).isEmpty();
        assertThat(config(Map.of("HEALTHBOT_DENY_TARGETS", "  ", "HEALTHBOT_ALLOW_TARGETS", ""))
                        .targets())
                .isEqualTo(TargetRanges.defaults());
    }

    @Test
    void theDenyListReplacesTheDefaultAndNoneEmptiesIt() {
        assertThat(config(Map.of("HEALTHBOT_DENY_TARGETS", " 10.0.0.0/8 , fd00::/8,"))
                        .targets()
                        .deny())
                .containsExactly("10.0.0.0/8", "fd00::/8");
        assertThat(config(Map.of("HEALTHBOT_DENY_TARGETS", "NONE")).targets().deny())
                .isEmpty();
    }

    @Test
    void theAllowListIsRead() {
        TargetRanges t = config(Map.of("HEALTHBOT_ALLOW_TARGETS", "10.0.0.0/8,192.168.0.0/16,::1"))
                .targets();
        assertThat(t.allow()).containsExactly("10.0.0.0/8", "192.168.0.0/16", "::1");
        assertThat(t.deny()).isEqualTo(TargetRanges.DEFAULT_DENY);
    }

    @Test
    void aMalformedRangeIsAConfigErrorNamingTheVariableAndTheEntry() {
        ConfigException e = catchThrowableOfType(
                ConfigException.class,
                () -> config(Map.of(
                        "HEALTHBOT_DENY_TARGETS", "10.0.0.0/8,10.0.0.0/33",
                        "HEALTHBOT_ALLOW_TARGETS", "example.com/24,none")));
        assertThat(e.problems())
                .containsExactly(
                        "HEALTHBOT_DENY_TARGETS has a malformed range '10.0.0.0/33': use CIDR ranges separated by"
                                + " commas, like 10.0.0.0/8,fd00::/8",
                        "HEALTHBOT_ALLOW_TARGETS has a malformed range 'example.com/24': use CIDR ranges separated"
                                + " by commas, like 10.0.0.0/8,fd00::/8",
                        "HEALTHBOT_ALLOW_TARGETS has a malformed range 'none': use CIDR ranges separated by commas,"
                                + " like 10.0.0.0/8,fd00::/8");
        assertThat(e.getMessage()).doesNotContain("\n");
    }

    @Test
    void theCheckCommandReadsTheRangesWithoutTokens() {
        assertThat(HealthBotConfig.targets(Map.of("HEALTHBOT_ALLOW_TARGETS", "127.0.0.0/8"))
                        .allow())
                .isEqualTo(List.of("127.0.0.0/8"));
        ConfigException e = catchThrowableOfType(
                ConfigException.class, () -> HealthBotConfig.targets(Map.of("HEALTHBOT_DENY_TARGETS", "1.2.3")));
        assertThat(e.getMessage()).contains("HEALTHBOT_DENY_TARGETS has a malformed range '1.2.3'");
    }

    @Test
    void wellFormedAcceptsAddressesWithOrWithoutAPrefixAndNothingElse() {
        for (String good : List.of("0.0.0.0/0", "255.255.255.255", "::/0", "fe80::/10", "fd00:ec2::254/128")) {
            assertThat(TargetRanges.wellFormed(good)).as(good).isTrue();
        }
        for (String bad : List.of("", "1.2.3.4/33", "256.0.0.0/8", "::/129", "host/8", "g::1", "1.2.3.4/")) {
            assertThat(TargetRanges.wellFormed(bad)).as(bad).isFalse();
        }
    }
}
