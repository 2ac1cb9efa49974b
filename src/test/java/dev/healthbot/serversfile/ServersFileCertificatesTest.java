package dev.healthbot.serversfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.MonitorSettings;
import dev.healthbot.monitor.Origin;
import dev.healthbot.monitor.ProbeOptions;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code tls_expiry} in the servers file: read, validated with the line, and exported back. */
class ServersFileCertificatesTest {

    private static List<MonitorSettings> parse(String yaml) {
        return ServersFile.parse("servers.yml", new StringReader(yaml));
    }

    @Test
    void readsTlsExpiryAndExportsItBackOnlyWhenNotTheDefault() {
        List<MonitorSettings> s = parse(
                """
                servers:
                  - name: shop
                    url: https://shop.example.com/health
                    tls_expiry: 21d
                  - name: legacy
                    url: https://legacy.internal/
                    tls_expiry: off
                  - name: api
                    url: https://api.example.com/
                """);
        assertThat(s.get(0).options().tlsExpiry()).isEqualTo(Duration.ofDays(21));
        assertThat(s.get(1).options().warnsOfExpiry()).isFalse();
        assertThat(s.get(2).options().tlsExpiry()).isEqualTo(ProbeOptions.DEFAULT_TLS_EXPIRY);

        List<Monitor> monitors = List.of(
                new Monitor(1, s.get(0), Origin.FILE, Instant.EPOCH),
                new Monitor(2, s.get(1), Origin.FILE, Instant.EPOCH),
                new Monitor(3, s.get(2), Origin.FILE, Instant.EPOCH));
        String exported = ServersFile.render(monitors);
        assertThat(exported).contains("    tls_expiry: \"21d\"\n").contains("    tls_expiry: \"off\"\n");
        assertThat(exported.split("tls_expiry", -1)).hasSize(3);
        assertThat(parse(exported)).isEqualTo(s);
    }

    @Test
    void aBadTlsExpiryNamesItsLineAndReason() {
        ServersFileException e = catchThrowableOfType(
                () -> parse(
                        """
                        servers:
                          - name: shop
                            url: https://shop.example.com/health
                            tls_expiry: two weeks
                          - name: db
                            url: tcp://10.0.0.5:5432
                            tls_expiry: 14d
                        """),
                ServersFileException.class);
        assertThat(e.getMessage())
                .contains("line 4: tls_expiry: tls_expiry is a duration like 14d or 36h, or off")
                .contains("line 7: tls_expiry: tls_expiry needs an https:// or wss:// URL");
    }
}
