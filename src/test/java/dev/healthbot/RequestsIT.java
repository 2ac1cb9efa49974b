package dev.healthbot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.healthbot.fakeslack.Ack;
import dev.healthbot.monitor.RequestOptions;
import dev.healthbot.serversfile.ServersFile;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Request settings end to end: a header is sent to the target and shown nowhere, in Slack, logs or export. */
class RequestsIT extends BotFixture {

    /** Scanned for by the suite-wide secrets test too ("t0ken-value"). */
    static final String SECRET = "Bearer t0ken-value-of-a-header";

    static final Duration WAIT = Duration.ofSeconds(20);

    @BeforeEach
    void startBot() {
        h = new BotHarness(dir).start();
    }

    @Test
    void aHeaderIsSentButShownOnlyMaskedAndNeverLogged() {
        String url = target.url("/ping");
        Ack added = h.command("add pinger " + url + " method=POST body={\"ping\": true} header=Authorization: " + SECRET
                + " header=X-Team: payments every=2s timeout=2s");
        assertThat(added.text()).contains("registered").doesNotContain("t0ken");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (target.requests.isEmpty() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(20_000_000);
        }
        assertThat(target.requests).first().isEqualTo("POST " + SECRET + " {\"ping\": true}");

        RequestOptions saved = h.bot.monitors()
                .find("pinger")
                .orElseThrow()
                .settings()
                .options()
                .request();
        assertThat(saved.headers()).hasSize(2);

        String list = h.command("list").text();
        assertThat(list).contains("pinger");
        String export = ServersFile.render(h.bot.monitors().all());
        assertThat(export)
                .contains("headers:\n      - \"Authorization: ***\"\n      - \"X-Team: ***\"")
                .contains("method: \"POST\"")
                .doesNotContain("t0ken");

        // The edit form does not show headers; saving it keeps them.
        Ack edited = h.submit(
                "server_edit",
                "pinger",
                BotHarness.values(
                        Map.of("name", "pinger", "url", url, "interval", "3s", "timeout", "2s", "method", "POST")));
        assertThat(edited.payload() == null || !edited.payload().has("errors"))
                .as(String.valueOf(edited.payload()))
                .isTrue();
        RequestOptions after = h.bot.monitors()
                .find("pinger")
                .orElseThrow()
                .settings()
                .options()
                .request();
        assertThat(after.headers()).isEqualTo(saved.headers());
        assertThat(after.method()).isEqualTo("POST");
        assertThat(after.body()).isEqualTo("{\"ping\": true}");

        assertThat(logs.lines()).noneMatch(l -> l.text().contains("t0ken"));
        assertThat(h.slack.sent()).noneMatch(s -> s.text() != null && s.text().contains("t0ken"));
    }

    @Test
    void tlsVerifyOffIsAWarningInTheList() {
        Ack added = h.command("add internal " + target.url("/").replace("http:", "https:") + " tls_verify=false");
        assertThat(added.text()).contains("registered");
        assertThat(h.command("list").text()).contains("internal");
        assertThat(h.slack.sent())
                .filteredOn(s -> s.text() != null && s.text().contains("*internal*"))
                .anyMatch(s -> s.text().contains(":warning: TLS not verified"));
    }
}
