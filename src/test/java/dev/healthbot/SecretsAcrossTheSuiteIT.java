package dev.healthbot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.healthbot.fakeslack.FakeSlack;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Scans everything the bot logged and sent to any fake Slack during the whole integration suite for
 * the tokens and the URL credentials the tests used. The suite runs in forked JVMs that write what
 * they saw into the directory named by {@code healthbot.suiteScan} ({@link SuiteLogs}); this class
 * runs in a later failsafe execution and reads all of it. Without that directory (one JVM, as in an
 * IDE) it scans its own JVM's capture and runs last there ({@code @Order}).
 */
@Order(Integer.MAX_VALUE)
class SecretsAcrossTheSuiteIT {

    static final List<String> SECRETS = List.of(
            FakeSlack.BOT_TOKEN,
            FakeSlack.APP_TOKEN,
            "2222222222-fakebot",
            "3333333333-fakeapp",
            "s3cr3t-pass",
            "t0ken-value",
            "k3y-value",
            InventoryIT.HEADER_SECRET);

    @Test
    void noTokenOrUrlCredentialReachedALogLineOrASlackMessageDuringTheSuite() {
        String dir = System.getProperty(SuiteLogs.SCAN_DIR);
        List<String> logged;
        List<String> sent;
        if (dir != null && !dir.isBlank()) {
            logged = SuiteLogs.written(Path.of(dir), "logs");
            sent = SuiteLogs.written(Path.of(dir), "sent");
        } else {
            logged = SuiteLogs.lines();
            sent = FakeSlack.sentToEveryClosedInstance().stream()
                    .map(s -> s.where() + "\t" + s.text())
                    .toList();
        }
        List<String> logs = logged.stream()
                // The fake Slack's own lines show what a user typed (a URL with credentials, say); only
                // what the bot wrote counts.
                .filter(l -> !l.contains(" dev.healthbot.fakeslack."))
                .toList();
        assumeTrue(sent.size() > 1000, "scans the whole integration suite; run it with the others");
        assertThat(logs).hasSizeGreaterThan(1000);
        for (String secret : SECRETS) {
            assertThat(logs).as("log lines holding " + secret).noneMatch(l -> l.contains(secret));
            assertThat(sent).as("texts sent to Slack holding " + secret).noneMatch(s -> s.contains(secret));
        }
    }
}
