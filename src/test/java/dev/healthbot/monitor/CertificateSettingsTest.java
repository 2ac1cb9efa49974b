package dev.healthbot.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** tls_expiry parsed and validated from a table; the certificate carried through the state machine and SLOW. */
class CertificateSettingsTest {

    static final Instant T = Instant.parse("2026-12-02T10:00:00Z");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "14d, 14d",
        "21D, 21d",
        " 36h , 36h",
        "1h, 1h",
        "365d, 365d",
        "off, off",
        "OFF, off",
        "false, off",
        "0, off"
    })
    void goodValues(String text, String shown) {
        assertThat(ProbeOptions.formatTlsExpiry(ProbeOptions.parseTlsExpiry(text)))
                .isEqualTo(shown);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "soon | tls_expiry is a duration like 14d or 36h, or off",
                "-3d | tls_expiry is a duration like 14d or 36h, or off",
                "59m | tls_expiry must be 1h to 365d, or off",
                "366d | tls_expiry must be 1h to 365d, or off",
                "'' | tls_expiry is a duration like 14d or 36h, or off",
            })
    void badValues(String text, String reason) {
        assertThatThrownBy(() -> ProbeOptions.parseTlsExpiry(text)).hasMessage(reason);
    }

    private static MonitorValidator.Result validate(String url, String tlsExpiry) {
        return MonitorValidator.validate(new MonitorDraft(
                "s", url, null, null, null, null, null, null, null, Map.of(Field.TLS_EXPIRY, tlsExpiry)));
    }

    @ParameterizedTest(name = "{0} tls_expiry={1}: {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "https://a.example.com/ | 30d | ",
                "wss://a.example.com/ws | 12h | ",
                "http://a.example.com/ | off | ",
                "tcp://10.0.0.5:5432 | off | ",
                "http://a.example.com/ | 14d | tls_expiry needs an https:// or wss:// URL (only those have a certificate)",
                "ws://a.example.com/ | 7d | tls_expiry needs an https:// or wss:// URL (only those have a certificate)",
                "https://a.example.com/ | 2 weeks | tls_expiry is a duration like 14d or 36h, or off",
            })
    void validatedOnTheField(String url, String tlsExpiry, String error) {
        MonitorValidator.Result r = validate(url, tlsExpiry);
        if (error == null) {
            assertThat(r.valid()).as(r.errors().toString()).isTrue();
            assertThat(ProbeOptions.formatTlsExpiry(r.settings().options().tlsExpiry()))
                    .isEqualTo(tlsExpiry);
        } else {
            assertThat(r.valid()).isFalse();
            assertThat(r.errors()).containsOnlyKeys(Field.TLS_EXPIRY);
            assertThat(r.errors().get(Field.TLS_EXPIRY)).isEqualTo(error);
        }
    }

    @Test
    void theStateKeepsTheLastSeenCertificateAndAChangeOfCertificateReplacesIt() {
        Instant first = T.plus(Duration.ofDays(5));
        Instant renewed = T.plus(Duration.ofDays(90));
        MonitorState s = MonitorState.pending(T);
        s = StatusMachine.next(
                        1, s, ProbeResult.up(T, Duration.ofMillis(5), "ok").withCertificate(first), Thresholds.DEFAULT)
                .state();
        assertThat(s.certNotAfter()).isEqualTo(first);
        s = StatusMachine.next(
                        1, s, ProbeResult.down(T, Duration.ofSeconds(5), FailureKind.TIMEOUT, "t"), Thresholds.DEFAULT)
                .state();
        assertThat(s.certNotAfter()).as("a check without a handshake keeps it").isEqualTo(first);
        s = StatusMachine.next(
                        1,
                        s,
                        ProbeResult.up(T, Duration.ofMillis(5), "ok").withCertificate(renewed),
                        Thresholds.DEFAULT)
                .state();
        assertThat(s.certNotAfter()).isEqualTo(renewed);
    }

    @Test
    void aSlowAnswerKeepsItsCertificate() {
        Assertions a = new Assertions(null, null, java.util.List.of(), Duration.ofMillis(800));
        Instant notAfter = T.plus(Duration.ofDays(3));
        ProbeResult slow = a.limitLatency(
                ProbeResult.up(T, Duration.ofMillis(950), "HTTP 200 OK").withCertificate(notAfter));
        assertThat(slow.failure()).isEqualTo(FailureKind.SLOW);
        assertThat(slow.certNotAfter()).isEqualTo(notAfter);
    }
}
