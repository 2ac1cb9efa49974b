package dev.healthbot.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class TimeoutClientsTest {

    private final OkHttpClient base = new OkHttpClient.Builder()
            .readTimeout(Duration.ofSeconds(30))
            .callTimeout(Duration.ofSeconds(30))
            .build();
    private final TimeoutClients clients = new TimeoutClients(base);

    @Test
    void aTimeoutIsTheConnectTimeoutAndNoOtherOkHttpTimeoutRuns() {
        OkHttpClient c = clients.forTimeout(Duration.ofMillis(2500));
        assertThat(c.connectTimeoutMillis()).isEqualTo(2500);
        assertThat(c.readTimeoutMillis()).isZero();
        assertThat(c.writeTimeoutMillis()).isZero();
        assertThat(c.callTimeoutMillis()).isZero();
        assertThat(c.dispatcher()).isSameAs(base.dispatcher());
        assertThat(c.connectionPool()).isSameAs(base.connectionPool());
    }

    @Test
    void oneClientPerTimeoutIsKept() {
        OkHttpClient two = clients.forTimeout(Duration.ofSeconds(2));
        assertThat(clients.forTimeout(Duration.ofMillis(2000))).isSameAs(two);
        assertThat(clients.forTimeout(Duration.ofSeconds(3))).isNotSameAs(two);
        assertThat(clients.forTimeout(Duration.ZERO).connectTimeoutMillis()).isEqualTo(1);
        assertThat(clients.cached()).isEqualTo(3);
    }

    @Test
    void pastTheCapAClientIsMadePerCallAndNotKept() {
        for (int ms = 1; ms <= TimeoutClients.MAX_CACHED; ms++) {
            clients.forTimeout(Duration.ofMillis(ms));
        }
        OkHttpClient extra = clients.forTimeout(Duration.ofSeconds(60));
        assertThat(extra.connectTimeoutMillis()).isEqualTo(60_000);
        assertThat(clients.forTimeout(Duration.ofSeconds(60))).isNotSameAs(extra);
        assertThat(clients.cached()).isEqualTo(TimeoutClients.MAX_CACHED);
    }
}
