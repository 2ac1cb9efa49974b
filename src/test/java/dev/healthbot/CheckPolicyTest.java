package dev.healthbot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code healthbot check} applies the same target policy as the bot; nothing is sent to a refused address. */
class CheckPolicyTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int check(Map<String, String> env, String... args) {
        return HealthBot.run(
                args,
                env,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void aMetadataAddressIsDeniedByDefault() {
        int code = check(Map.of(), "check", "http://169.254.169.254/latest/meta-data/", "--timeout", "1s");
        assertThat(code).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .startsWith("DOWN DENIED http://169.254.169.254/latest/meta-data/")
                .contains("169.254.169.254 is in a denied range (169.254.0.0/16); see HEALTHBOT_DENY_TARGETS");
    }

    @Test
    void theAllowListApplies() {
        int code = check(Map.of("HEALTHBOT_ALLOW_TARGETS", "127.0.0.2/32"), "check", "tcp://127.0.0.1:9");
        assertThat(code).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("DOWN DENIED tcp://127.0.0.1:9");
    }

    @Test
    void aMalformedRangeIsOneLineAndExit1() {
        int code = check(Map.of("HEALTHBOT_DENY_TARGETS", "10.0.0.0/99"), "check", "http://127.0.0.1:9/");
        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("healthbot: HEALTHBOT_DENY_TARGETS has a malformed range '10.0.0.0/99'")
                .doesNotContain("Exception");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
