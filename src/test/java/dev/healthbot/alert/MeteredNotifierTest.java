package dev.healthbot.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.healthbot.monitor.Environment;
import dev.healthbot.monitor.FailureKind;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

class MeteredNotifierTest {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final Alert ALERT =
            new Alert(1, "api", Environment.LIVE, "https://x", FailureKind.TIMEOUT, "t", T0, 3, null, null);

    @Test
    void failureReasonsBecomeShortLabelValues() {
        assertThat(MeteredNotifier.token("rate limited by Slack (HTTP 429)")).isEqualTo("rate_limited_by_slack");
        assertThat(MeteredNotifier.token("Slack not reachable (ConnectException)"))
                .isEqualTo("slack_not_reachable");
        assertThat(MeteredNotifier.token("channel_not_found")).isEqualTo("channel_not_found");
        assertThat(MeteredNotifier.token("\"quoted\\ odd\nvalue\"")).isEqualTo("quoted_odd_value");
        assertThat(MeteredNotifier.token("???")).isEqualTo("unknown");
        assertThat(MeteredNotifier.token("x".repeat(100))).hasSize(40);
    }

    @Test
    void successesCountByKindAndFailuresByClassAndReason() throws Exception {
        RecordingNotifier inner = new RecordingNotifier(InstantSource.fixed(T0));
        MeteredNotifier n = new MeteredNotifier(inner);
        PostRef post = n.postOutage("C1", ALERT);
        n.postRecovery("C1", post.ts(), ALERT);
        n.markResolved(post, ALERT);
        inner.failChannel("C2", DeliveryException.transientFailure("Slack answered HTTP 503", null));
        assertThatThrownBy(() -> n.postOutage("C2", ALERT)).isInstanceOf(DeliveryException.class);

        assertThat(n.sent())
                .containsEntry("outage", 1L)
                .containsEntry("recovery", 1L)
                .containsEntry("resolved_edit", 1L);
        assertThat(n.failed()).containsEntry(new MeteredNotifier.Failure(false, "slack_answered_http_503"), 1L);
    }

    @Test
    void distinctReasonsAreCappedSoTheLabelCannotGrowWithoutBound() {
        RecordingNotifier inner = new RecordingNotifier(InstantSource.fixed(T0));
        MeteredNotifier n = new MeteredNotifier(inner);
        for (int i = 0; i < MeteredNotifier.MAX_REASONS + 10; i++) {
            inner.failChannel("C", DeliveryException.permanent("error_" + i));
            assertThatThrownBy(() -> n.postOutage("C", ALERT)).isInstanceOf(DeliveryException.class);
        }
        assertThat(n.failed()).hasSize(MeteredNotifier.MAX_REASONS + 1);
        assertThat(n.failed()).containsEntry(new MeteredNotifier.Failure(true, "other"), 10L);
    }
}
