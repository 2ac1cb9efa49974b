package dev.healthbot.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TargetTest {

    @Test
    void credentialsAreKeptForProbingButMaskedEverywhereElse() {
        Target t = Target.parse("https://admin:hunter2@api.example.com/health?token=s3cret&x=1");
        assertThat(t.secretUrl()).contains("hunter2").contains("s3cret");
        assertThat(t.masked()).isEqualTo("https://***@api.example.com/health?token=***&x=1");
        assertThat(t.toString()).doesNotContain("hunter2").doesNotContain("s3cret");
    }

    @Test
    void kindFollowsTheScheme() {
        assertThat(Target.parse("HTTP://a.b/").kind()).isEqualTo(ProbeKind.HTTP);
        assertThat(Target.parse("https://a.b/").port()).isEqualTo(443);
        assertThat(Target.parse("wss://a.b/socket").kind()).isEqualTo(ProbeKind.WEBSOCKET);
        assertThat(Target.parse("tcp://db:5432").kind()).isEqualTo(ProbeKind.TCP);
        assertThat(Target.parse("tcp://db:5432").port()).isEqualTo(5432);
        assertThat(Target.parse("http://[::1]:8080/").host()).isEqualTo("::1");
    }

    @Test
    void slackLinkWrappingIsUnwrapped() {
        assertThat(Target.parse("<http://api.example.com/health|api.example.com/health>")
                        .secretUrl())
                .isEqualTo("http://api.example.com/health");
    }

    @Test
    void badUrlsAreRefusedWithAReason() {
        assertThatThrownBy(() -> Target.parse("file:///etc/passwd")).hasMessageContaining("scheme");
        assertThatThrownBy(() -> Target.parse("http://exa mple.com")).hasMessageContaining("not valid");
        assertThatThrownBy(() -> Target.parse("http://a.b:70000/")).hasMessageContaining("port");
    }
}
