package dev.healthbot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.healthbot.fakeslack.Ack;
import dev.healthbot.fakeslack.FakeSlack;
import dev.healthbot.fakeslack.Message;
import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.Status;
import dev.healthbot.probe.HttpsTarget;
import dev.healthbot.probe.SelfSignedCertificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Certificate expiry end to end: the real bot over a real WebSocket to the fake Slack, probing a real
 * HTTPS server on loopback whose certificate, generated here, expires in 5 days: exactly one warning,
 * none again after a restart on the same database, and a note in its thread once a renewed certificate
 * is served.
 */
class CertificatesIT extends BotFixture {

    static final String OPS = "C0CERTS01";
    static final Duration WAIT = Duration.ofSeconds(30);

    private static boolean isWarning(Message m) {
        return !m.isReply() && m.text() != null && m.text().contains("certificate expires in");
    }

    private void subscribe() {
        int before = h.slack.responseUrlPosts().size();
        h.command("subscribe", FakeSlack.DEFAULT_USER_ID, OPS);
        h.slack.awaitResponseUrlPost(
                p -> h.slack.responseUrlPosts().indexOf(p) >= before
                        && p.text() != null
                        && p.text().contains("now gets alerts"),
                WAIT);
    }

    /** Waits, polling with a deadline, until the target has answered {@code n} more checks. */
    private void awaitChecks(HttpsTarget https, int n) {
        int from = https.hits();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (https.hits() < from + n) {
            assertThat(System.nanoTime())
                    .as("the target got " + n + " more checks")
                    .isLessThan(deadline);
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
        }
    }

    @Test
    void aCertificateFiveDaysFromExpiryIsWarnedOnceEvenAfterARestartAndItsRenewalIsNotedInTheThread() throws Exception {
        SelfSignedCertificate fiveDays = SelfSignedCertificate.generate(dir, "five-days", 5);
        SelfSignedCertificate renewed = SelfSignedCertificate.generate(dir, "renewed", 90);
        try (HttpsTarget https = new HttpsTarget(fiveDays)) {
            h = new BotHarness(dir).start();
            subscribe();
            // Self-signed: tls_verify=false lets the check through; its handshake still shows the certificate.
            Ack added = h.command(
                    "add shop " + https.url("https", "/health") + " env=LIVE every=1s timeout=1s tls_verify=false");
            assertThat(added.text()).contains("registered");
            h.awaitStatus("shop", Status.UP, WAIT);

            Message warning = h.slack.awaitMessage(OPS, CertificatesIT::isWarning, WAIT);
            assertThat(warning.text()).isEqualTo(":warning: shop: certificate expires in 5 days (LIVE)");
            assertThat(warning.blocks().toString()).contains("under 7 d").doesNotContain("s3cret");
            Monitor shop = h.bot.monitors().find("shop").orElseThrow();
            assertThat(h.bot.monitors().state(shop.id()).orElseThrow().certNotAfter())
                    .isEqualTo(fiveDays.notAfter());
            Ack list = h.command("list");
            assertThat(list.payload().toString()).contains("shop").contains("cert 5 d");

            // A restart on the same database: checks go on, the same certificate is seen, nothing is posted again.
            h.stopBot();
            h.start();
            awaitChecks(https, 3);

            // The renewal: served from now on (a reload), seen by the next check, noted in the warning's thread.
            https.renew(renewed);
            Message note = h.slack.awaitMessage(OPS, Message::isReply, WAIT);
            assertThat(note.threadTs()).isEqualTo(warning.ts());
            assertThat(note.text()).contains("shop has a renewed certificate").contains("90 days left");
            assertThat(h.bot.monitors().state(shop.id()).orElseThrow().certNotAfter())
                    .isEqualTo(renewed.notAfter());

            // The scan after the restart ran before the renewal's: by now a second warning would be there.
            awaitChecks(https, 2);
            List<Message> warnings = h.slack.messages(OPS).stream()
                    .filter(CertificatesIT::isWarning)
                    .toList();
            assertThat(warnings).hasSize(1);
            assertThat(h.slack.messages(OPS).stream().filter(Message::isReply)).hasSize(1);
        }
    }

    @Test
    void aBadTlsExpiryIsRefusedWithItsReasonOnTheFieldAndInTheReply() {
        h = new BotHarness(dir).start();
        Ack refused = h.command("add shop https://127.0.0.1:9/health tls_expiry=soon");
        assertThat(refused.text()).contains("Nothing was saved").contains("tls_expiry is a duration like 14d");
        Ack plain = h.command("add plain http://127.0.0.1:9/health tls_expiry=30d");
        assertThat(plain.text()).contains("Nothing was saved").contains("needs an https:// or wss:// URL");
        Ack form = h.submit(
                "server_add",
                "",
                BotHarness.values(Map.of("name", "shop", "url", "https://127.0.0.1:9/health", "tls_expiry", "900d")));
        assertThat(form.payload().get("response_action").getAsString()).isEqualTo("errors");
        assertThat(form.payload().getAsJsonObject("errors").get("tls_expiry").getAsString())
                .contains("1h to 365d");
        assertThat(h.bot.monitors().find("shop")).isEmpty();
        assertThat(h.bot.monitors().find("plain")).isEmpty();

        Ack off = h.command("add shop https://127.0.0.1:9/health tls_expiry=off");
        assertThat(off.text()).contains("registered");
        assertThat(h.bot.monitors()
                        .find("shop")
                        .orElseThrow()
                        .settings()
                        .options()
                        .warnsOfExpiry())
                .isFalse();
    }
}
