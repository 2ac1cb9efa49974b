package dev.healthbot.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Ping paths and ping keys. */
class PingTest {

    @ParameterizedTest
    @CsvSource({
        "abc, SUCCESS, ",
        "abc/, SUCCESS, ",
        "abc/fail, FAIL, ",
        "abc/start, START, ",
        "abc/0, EXIT, 0",
        "abc/137, EXIT, 137"
    })
    void aPingPathSaysWhatHappened(String rest, Ping.Kind kind, Integer exit) {
        Ping p = Ping.parse(rest).orElseThrow();
        assertThat(p.key()).isEqualTo("abc");
        assertThat(p.kind()).isEqualTo(kind);
        assertThat(p.exitCode()).isEqualTo(exit);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/fail", "abc/fail/x", "abc/-1", "abc/99999999", "abc/FAIL", "abc/1.5"})
    void anythingElseIsNotAPing(String rest) {
        assertThat(Ping.parse(rest)).isEmpty();
    }

    @Test
    void successAndFailureFollowTheExitCode() {
        assertThat(new Ping("k", Ping.Kind.EXIT, 0).success()).isTrue();
        assertThat(new Ping("k", Ping.Kind.EXIT, 1).failure()).isTrue();
        assertThat(new Ping("k", Ping.Kind.START, null).success()).isFalse();
        assertThat(new Ping("k", Ping.Kind.START, null).failure()).isFalse();
    }

    @Test
    void aFreshKeyHasAtLeast128RandomBitsIsUrlSafeAndShowsOnlyItsPrefix() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            PingKey k = PingKey.generate();
            assertThat(k.value()).hasSize(24).matches("[A-Za-z0-9_-]+");
            assertThat(seen.add(k.value())).isTrue();
            assertThat(k.toString()).hasSize(5).endsWith("…").doesNotContain(k.value());
        }
        assertThat(PingKey.BYTES * 8).isGreaterThanOrEqualTo(128);
        assertThat(PingKey.hint("ab<>/cdef")).isEqualTo("ab??…");
        assertThatThrownBy(() -> new PingKey("short")).isInstanceOf(IllegalArgumentException.class);
    }
}
