package dev.healthbot.slack.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.healthbot.alert.Delivery;
import dev.healthbot.alert.DeliveryException;
import dev.healthbot.alert.PostKey;
import dev.healthbot.alert.PostRef;
import dev.healthbot.alert.PostState;
import dev.healthbot.fakeslack.ApiCall;
import dev.healthbot.fakeslack.FakeSlack;
import dev.healthbot.fakeslack.Message;
import dev.healthbot.slack.BlockKitOutputTest;
import dev.healthbot.slack.ChannelAccess;
import dev.healthbot.slack.Directory;
import dev.healthbot.slack.Permissions;
import dev.healthbot.slack.transport.SlackApi;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Alert posts carry their delivery in Slack message metadata, and the notifier finds them again by it. */
class SlackNotifierLookupTest {

    static final String CH = "C0LOOKUP01";
    static final Instant NOW = Instant.parse("2026-12-02T16:00:00Z");
    static final PostKey OUTAGE = new PostKey(41, 7, Delivery.Kind.OUTAGE);
    static final PostKey RECOVERY = new PostKey(42, 7, Delivery.Kind.RECOVERY);

    FakeSlack slack;
    SlackApi api;
    Directory directory;
    SlackNotifier notifier;

    @BeforeEach
    void start() {
        slack = FakeSlack.start();
        slack.tsClock(InstantSource.fixed(NOW)); // ts from NOW on, 100 µs apart
        api = new SlackApi(FakeSlack.BOT_TOKEN, FakeSlack.APP_TOKEN, slack.apiUrl());
        directory = new Directory(api.methods(), Permissions.CACHE_FOR);
        notifier = new SlackNotifier(api.methods(), new ChannelAccess(directory, false, Permissions.CALL_BOUND));
    }

    @AfterEach
    void stop() {
        directory.close();
        api.close();
        slack.assertNoViolations();
        slack.close();
    }

    @Test
    void theOutagePostCarriesItsDeliveryAndIsFoundByIt() throws Exception {
        PostRef post = notifier.postOutage(CH, BlockKitOutputTest.outage("HTTP 503"), PostState.NONE, OUTAGE);

        Message stored = slack.message(CH, post.ts()).orElseThrow();
        assertThat(stored.metadata().get("event_type").getAsString()).isEqualTo(SlackNotifier.EVENT_TYPE);
        assertThat(stored.metadata()
                        .getAsJsonObject("event_payload")
                        .get("delivery_id")
                        .getAsString())
                .isEqualTo("41");
        assertThat(notifier.findPost(CH, null, OUTAGE, NOW)).contains(post);
        assertThat(notifier.findPost(CH, null, new PostKey(99, 7, Delivery.Kind.OUTAGE), NOW))
                .isEmpty();

        ApiCall history = slack.calls("conversations.history").get(0);
        assertThat(history.param("include_all_metadata")).isIn("1", "true");
        assertThat(history.param("oldest")).isEqualTo(SlackNotifier.ts(NOW.minus(SlackNotifier.LOOKUP_MARGIN)));
    }

    @Test
    void aPostOlderThanTheAttemptLessTheMarginIsNotAdopted() throws Exception {
        notifier.postOutage(CH, BlockKitOutputTest.outage("HTTP 503"), PostState.NONE, OUTAGE);

        // The same delivery id from an older life of the database (a restored backup) is out of the window.
        assertThat(notifier.findPost(CH, null, OUTAGE, NOW.plus(Duration.ofMinutes(10))))
                .isEmpty();
    }

    @Test
    void theLookupPagesThroughNewerPostsWithTheCursor() throws Exception {
        SlackNotifier small = new SlackNotifier(
                api.methods(), new ChannelAccess(directory, false, Permissions.CALL_BOUND), 4); // 4 a page
        PostRef post = small.postOutage(CH, BlockKitOutputTest.outage("HTTP 503"), PostState.NONE, OUTAGE);
        for (int i = 0; i < 6; i++) {
            small.postOutage(CH, BlockKitOutputTest.outage("other " + i));
        }

        assertThat(small.findPost(CH, null, OUTAGE, NOW)).contains(post);

        List<ApiCall> pages = slack.calls("conversations.history");
        assertThat(pages).hasSize(2);
        assertThat(pages.get(0).param("cursor")).isNull();
        assertThat(pages.get(0).param("limit")).isEqualTo("4");
        assertThat(pages.get(1).param("cursor")).isNotBlank();

        // Past the page limit (3 pages of 4, newest first) the lookup gives up: posting again is the fallback.
        for (int i = 0; i < 8; i++) {
            small.postOutage(CH, BlockKitOutputTest.outage("more " + i));
        }
        assertThat(small.findPost(CH, null, OUTAGE, NOW)).isEmpty();
        assertThat(slack.calls("conversations.history")).hasSize(2 + SlackNotifier.LOOKUP_PAGES);
    }

    @Test
    void theRecoveryReplyIsFoundAmongTheThreadsReplies() throws Exception {
        PostRef post = notifier.postOutage(CH, BlockKitOutputTest.outage("HTTP 503"), PostState.NONE, OUTAGE);
        PostRef reply = notifier.postRecovery(CH, post.ts(), BlockKitOutputTest.recovered(), RECOVERY);

        assertThat(notifier.findPost(CH, post.ts(), RECOVERY, NOW)).contains(reply);
        // The outage post heads the thread's replies but names another delivery.
        assertThat(notifier.findPost(CH, post.ts(), new PostKey(43, 7, Delivery.Kind.RECOVERY), NOW))
                .isEmpty();
        assertThat(slack.calls("conversations.replies")).allMatch(c -> post.ts().equals(c.param("ts")));
        assertThat(slack.calls("conversations.history")).isEmpty();
    }

    @Test
    void withoutTheHistoryScopeTheLookupIsPermanentlyUnavailable() throws Exception {
        notifier.postOutage(CH, BlockKitOutputTest.outage("HTTP 503"), PostState.NONE, OUTAGE);
        slack.revokeScope("channels:history");

        DeliveryException e =
                catchThrowableOfType(DeliveryException.class, () -> notifier.findPost(CH, null, OUTAGE, NOW));
        assertThat(e.isPermanent()).isTrue();
        assertThat(e.reason()).isEqualTo("missing_scope");

        // A private channel needs groups:history, which is still granted.
        PostRef inPrivate = notifier.postOutage("G0LOOKUP01", BlockKitOutputTest.outage("x"), PostState.NONE, OUTAGE);
        assertThat(notifier.findPost("G0LOOKUP01", null, OUTAGE, NOW)).isEqualTo(Optional.of(inPrivate));
    }
}
