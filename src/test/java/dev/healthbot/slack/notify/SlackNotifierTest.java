package dev.healthbot.slack.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.healthbot.alert.DeliveryException;
import dev.healthbot.alert.PostRef;
import dev.healthbot.fakeslack.Failure;
import dev.healthbot.fakeslack.FakeSlack;
import dev.healthbot.slack.BlockKitOutputTest;
import dev.healthbot.slack.ChannelAccess;
import dev.healthbot.slack.Directory;
import dev.healthbot.slack.Permissions;
import dev.healthbot.slack.transport.SlackApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The notifier against the fake Slack: where posts land, and how each failure is classified. */
class SlackNotifierTest {

    static final String CH = "C0NOTIFY01";

    FakeSlack slack;
    SlackApi api;
    SlackNotifier notifier;
    final List<Directory> directories = new ArrayList<>();

    @BeforeEach
    void start() {
        slack = FakeSlack.start();
        api = new SlackApi(FakeSlack.BOT_TOKEN, FakeSlack.APP_TOKEN, slack.apiUrl());
        notifier = notifier(api, false);
    }

    SlackNotifier notifier(SlackApi on, boolean allowShared) {
        Directory directory = new Directory(on.methods(), Permissions.CACHE_FOR);
        directories.add(directory);
        return new SlackNotifier(on.methods(), new ChannelAccess(directory, allowShared, Permissions.CALL_BOUND));
    }

    @AfterEach
    void stop() {
        directories.forEach(Directory::close);
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
    void nothingIsPostedIntoAChannelSharedWithAnotherOrganisationAndSlackIsAskedOnceAMinute() {
        slack.directory().shared(CH, true);
        for (int i = 0; i < 3; i++) {
            DeliveryException e = catchThrowableOfType(
                    DeliveryException.class, () -> notifier.postOutage(CH, BlockKitOutputTest.outage("x")));
            assertThat(e.isPermanent()).isTrue();
            assertThat(e.reason()).isEqualTo(ChannelAccess.SHARED_REASON);
        }
        DeliveryException edit = catchThrowableOfType(
                DeliveryException.class,
                () -> notifier.markResolved(new PostRef(CH, "1.2"), BlockKitOutputTest.recovered()));
        assertThat(edit.isPermanent()).isTrue();
        assertThat(slack.calls("chat.postMessage")).isEmpty();
        assertThat(slack.calls("chat.update")).isEmpty();
        assertThat(slack.calls("conversations.info")).hasSize(1);
    }

    @Test
    void aSharedChannelGetsAlertsWhenAllowedAndSlackIsNotAsked() throws Exception {
        slack.directory().shared(CH, true);
        PostRef post = notifier(api, true).postOutage(CH, BlockKitOutputTest.outage("x"));
        assertThat(post.channel()).isEqualTo(CH);
        assertThat(slack.calls("conversations.info")).isEmpty();
    }

    @Test
    void whenSlackCannotSayWhetherTheChannelIsSharedThePostWaitsForARetry() {
        slack.failNext("conversations.info", 1, Failure.http500());
        DeliveryException e = catchThrowableOfType(
                DeliveryException.class, () -> notifier.postOutage(CH, BlockKitOutputTest.outage("x")));
        assertThat(e.isPermanent()).isFalse();
        assertThat(slack.calls("chat.postMessage")).isEmpty();
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
            DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> notifier(nowhere, true)
                    .postOutage(CH, BlockKitOutputTest.outage("x")));
            assertThat(e.isPermanent()).isFalse();
            assertThat(e.reason()).doesNotContain(FakeSlack.BOT_TOKEN);
        } finally {
            nowhere.close();
        }
    }
}
