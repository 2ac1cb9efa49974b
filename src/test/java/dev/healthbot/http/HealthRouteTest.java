package dev.healthbot.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.healthbot.store.LivenessWrite;
import dev.healthbot.store.SqliteStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** /healthz: 200 when Slack, the scheduler and a real database write answer; 503 naming each failing part. */
class HealthRouteTest {

    @RegisterExtension
    final SqliteStore store = new SqliteStore();

    boolean slack = true;
    boolean scheduler = true;

    private Reply healthz(Supplier<Duration> write) {
        try (Liveness liveness =
                new Liveness(new Vitals(() -> slack, () -> 0, () -> scheduler, () -> Duration.ZERO, write))) {
            return new HealthRoute(liveness).handle(new Call("GET", "/healthz", "", new byte[0]));
        }
    }

    private Reply healthz() {
        return healthz(new LivenessWrite(store.db(), InstantSource.system())::write);
    }

    private static String body(Reply r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void aliveIs200WithAShortJsonBody() {
        Reply r = healthz();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo("application/json");
        assertThat(body(r))
                .startsWith("{\"status\":\"ok\",\"slack\":\"connected\",\"scheduler\":\"running\",\"database\":\"ok\"")
                .contains("\"databaseWriteMs\":")
                .doesNotContain("reasons");
        Integer rows = store.db().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM liveness")
                .mapTo(Integer.class)
                .one());
        assertThat(rows).as("the check really wrote").isEqualTo(1);
    }

    @Test
    void aClosedSlackConnectionIs503WithTheReason() {
        slack = false;
        Reply r = healthz();
        assertThat(r.status()).isEqualTo(503);
        assertThat(body(r))
                .contains("\"status\":\"unavailable\"", "\"slack\":\"disconnected\"")
                .contains("\"reasons\":[\"slack: the Socket Mode connection is not open\"]");
    }

    @Test
    void aStoppedSchedulerIs503WithTheReason() {
        scheduler = false;
        Reply r = healthz();
        assertThat(r.status()).isEqualTo(503);
        assertThat(body(r)).contains("\"reasons\":[\"scheduler: not running\"]");
    }

    @Test
    void aDatabaseThatRefusesTheWriteIs503WithTheReason() {
        store.db().close();
        Reply r = healthz();
        assertThat(r.status()).isEqualTo(503);
        assertThat(body(r)).contains("\"database\":\"failing\"").contains("database: a write failed (");
    }

    @Test
    void aDatabaseThatDoesNotAnswerIs503AfterTheBound() throws Exception {
        CountDownLatch stuck = new CountDownLatch(1);
        Reply r = healthz(() -> {
            try {
                stuck.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Duration.ZERO;
        });
        stuck.countDown();
        assertThat(r.status()).isEqualTo(503);
        assertThat(body(r)).contains("database: no answer to a write within 2000 ms");
    }

    @Test
    void everyFailingPartIsNamed() {
        slack = false;
        scheduler = false;
        store.db().close();
        assertThat(body(healthz())).contains("slack: ", "scheduler: ", "database: ");
    }
}
