package dev.healthbot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.healthbot.fakeslack.FakeSlack;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs last, after every other integration test in the same JVM (failsafe orders the classes with
 * JUnit's {@code ClassOrderer.OrderAnnotation}, and this class has the highest order): scans
 * everything the bot logged and sent to any fake Slack during the whole integration suite for the
 * tokens and the URL credentials the tests used.
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
        List<String> logs = SuiteLogs.lines().stream()
                // The fake Slack's own lines show what a user typed (a URL with credentials, say); only
                // what the bot wrote counts.
                .filter(l -> !l.contains(" dev.healthbot.fakeslack."))
                .toList();
        List<FakeSlack.Sent> sent = FakeSlack.sentToEveryClosedInstance();
        assumeTrue(sent.size() > 1000, "scans the whole integration suite; run it with the others");
        assertThat(logs).hasSizeGreaterThan(1000);
        for (String secret : SECRETS) {
            assertThat(logs).as("log lines holding " + secret).noneMatch(l -> l.contains(secret));
            assertThat(sent)
                    .as("texts sent to Slack holding " + secret)
                    .noneMatch(s -> s.text() != null && s.text().contains(secret));
        }
    }
}
