package dev.healthbot.slack.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.healthbot.alert.DeliveryException;
import dev.healthbot.alert.PostRef;
import dev.healthbot.fakeslack.Failure;
import dev.healthbot.fakeslack.FakeSlack;
import dev.healthbot.slack.BlockKitOutputTest;
import dev.healthbot.slack.transport.SlackApi;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The notifier against the fake Slack: where posts land, and how each failure is classified. */
class SlackNotifierTest {

    static final String CH = "C0NOTIFY01";

    FakeSlack slack;
    SlackApi api;
    SlackNotifier notifier;

    @BeforeEach
    void start() {
        slack = FakeSlack.start();
        api = new SlackApi(FakeSlack.BOT_TOKEN, FakeSlack.APP_TOKEN, slack.apiUrl());
        notifier = new SlackNotifier(api.methods());
    }

    @AfterEach
    void stop() {
        api.close();
        slack.assertNoViolations();
        slack.close();
    }

    @Test
    void theRecoveryRepliesInTheThreadAndTheOutagePostIsEdited() throws Exception {
        PostRef post = notifier.postOutage(CH, BlockKitOutputTest.outage("HTTP 503 Service Unavailable"));
        assertThat(post.channel()).isEqualTo(CH);
        PostRef reply = notifier.postRecovery(CH, post.ts(), BlockKitOutputTest.recovered());
        notifier.markResolved(post, BlockKitOutputTest.recovered());
        assertThat(slack.replies(CH, post.ts())).extracting(m -> m.ts()).containsExactly(reply.ts());
        var edited = slack.message(CH, post.ts()).orElseThrow();
        assertThat(edited.updates()).isEqualTo(1);
        assertThat(edited.text()).contains("resolved");
    }

    @Test
    void rateLimitsAreTransientWithTheirRetryAfter() {
        slack.failNext("chat.postMessage", 1, Failure.rateLimited(7));
        DeliveryException e = catchThrowableOfType(
                DeliveryException.class, () -> notifier.postOutage(CH, BlockKitOutputTest.outage("x")));
        assertThat(e.isPermanent()).isFalse();
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void serverErrorsAreTransient() {
        slack.failNext("chat.postMessage", 1, Failure.http500());
        DeliveryException e = catchThrowableOfType(
                DeliveryException.class, () -> notifier.postOutage(CH, BlockKitOutputTest.outage("x")));
        assertThat(e.isPermanent()).isFalse();
    }

    @Test
    void errorsThatWillNotHealArePermanentAndNameTheError() {
        for (String error : new String[] {"channel_not_found", "not_in_channel", "is_archived", "invalid_auth"}) {
            slack.failNext("chat.postMessage", 1, Failure.error(error));
            DeliveryException e = catchThrowableOfType(
                    DeliveryException.class, () -> notifier.postOutage(CH, BlockKitOutputTest.outage("x")));
            assertThat(e.isPermanent()).as(error).isTrue();
            assertThat(e.reason()).isEqualTo(error);
        }
    }

    @Test
    void anUnknownSlackErrorIsRetriedNotDropped() {
        slack.failNext("chat.update", 1, Failure.error("something_new"));
        DeliveryException e = catchThrowableOfType(
                DeliveryException.class,
                () -> notifier.markResolved(new PostRef(CH, "1.2"), BlockKitOutputTest.recovered()));
        assertThat(e.isPermanent()).isFalse();
    }

    @Test
    void slackUnreachableIsTransientAndNamesNoToken() throws Exception {
        SlackApi nowhere = new SlackApi(FakeSlack.BOT_TOKEN, FakeSlack.APP_TOKEN, "http://127.0.0.1:1/api/");
        try {
            DeliveryException e =
                    catchThrowableOfType(DeliveryException.class, () -> new SlackNotifier(nowhere.methods())
                            .postOutage(CH, BlockKitOutputTest.outage("x")));
            assertThat(e.isPermanent()).isFalse();
            assertThat(e.reason()).doesNotContain(FakeSlack.BOT_TOKEN);
        } finally {
            nowhere.close();
        }
    }
}
