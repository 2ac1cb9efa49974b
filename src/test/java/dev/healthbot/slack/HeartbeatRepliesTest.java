package dev.healthbot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.model.block.SectionBlock;
import com.slack.api.util.json.GsonFactory;
import dev.healthbot.monitor.Environment;
import dev.healthbot.monitor.FailureKind;
import dev.healthbot.monitor.HeartbeatRecord;
import dev.healthbot.monitor.HeartbeatService;
import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.MonitorSettings;
import dev.healthbot.monitor.MonitorState;
import dev.healthbot.monitor.Origin;
import dev.healthbot.monitor.PingKey;
import dev.healthbot.monitor.ProbeResult;
import dev.healthbot.monitor.Status;
import dev.healthbot.slack.view.BlockKit;
import dev.healthbot.slack.view.HeartbeatReplies;
import dev.healthbot.slack.view.PingUrls;
import dev.healthbot.slack.view.Reply;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The heartbeat replies: pinned to golden JSON, inside Slack's limits, the key only where it belongs. */
class HeartbeatRepliesTest {

    static final Instant T = Instant.parse("2026-11-22T10:41:54Z");
    static final PingKey KEY = new PingKey("Q2hlY2tNZUlmWW91Q2FuISE");
    static final MonitorSettings HOURLY = MonitorSettings.heartbeat(
            "nightly-backup",
            Environment.LIVE,
            Duration.ofHours(1),
            Duration.ofMinutes(5),
            MonitorSettings.HEARTBEAT_THRESHOLDS,
            true);

    static HeartbeatService.View view(HeartbeatRecord r, MonitorState s) {
        return new HeartbeatService.View(new Monitor(7, HOURLY, Origin.SLACK, T), r, s);
    }

    @Test
    void theAddReplyShowsThePingUrlAndCopyPasteExamples() {
        Reply r = HeartbeatReplies.pingUrl(
                view(HeartbeatRecord.fresh(7, KEY, T), MonitorState.pending(T)),
                PingUrls.configured("https://health.example.com/"),
                "registered");
        String json = GsonFactory.createSnakeCase().toJson(r.blocks());
        assertThat(json)
                .contains("https://health.example.com/ping/" + KEY.value())
                .contains("curl -fsS -m 10 --retry 3 https://health.example.com/ping/" + KEY.value())
                .contains("0 * * * *")
                .contains("job.status")
                .doesNotContain("HEALTHBOT_PUBLIC_URL");
        Golden.assertMatches("heartbeat-added", r);

        Reply local = HeartbeatReplies.pingUrl(
                view(HeartbeatRecord.fresh(7, KEY, T), MonitorState.pending(T)),
                PingUrls.local("http://127.0.0.1:8080"),
                "registered");
        assertThat(GsonFactory.createSnakeCase().toJson(local.blocks())).contains("Set `HEALTHBOT_PUBLIC_URL`");
        assertThat(HeartbeatReplies.pingUrl(
                                view(HeartbeatRecord.fresh(7, KEY, T), MonitorState.pending(T)),
                                PingUrls.OFF,
                                "registered")
                        .text())
                .contains("endpoint is off");
    }

    @Test
    void theEditFormOfAHeartbeatAsksForPeriodAndGraceAndNothingAboutProbing() {
        var view = dev.healthbot.slack.view.ServerModal.edit(HOURLY);
        String json = GsonFactory.createSnakeCase().toJson(view);
        assertThat(json)
                .contains("Period")
                .contains("Grace")
                .doesNotContain("expected_status")
                .doesNotContain("method");
        assertThat(view.getBlocks().size()).isLessThanOrEqualTo(100);
        Golden.assertMatches("server-modal-edit-heartbeat", view);
        var read = dev.healthbot.slack.view.ServerModal.read(java.util.Map.of());
        assertThat(read.url()).isNull();

        var add = new dev.healthbot.slack.command.KindChoice().redraw("heartbeat", java.util.Map.of());
        String addJson = GsonFactory.createSnakeCase().toJson(add);
        assertThat(addJson)
                .contains("\"dispatch_action\":true")
                .contains("Period")
                .doesNotContain("\"block_id\":\"url\"");
        assertThat(add.getTitle().getText().length()).isLessThanOrEqualTo(24);
        Golden.assertMatches("server-modal-add-heartbeat", add);
        assertThat(GsonFactory.createSnakeCase()
                        .toJson(new dev.healthbot.slack.command.KindChoice().redraw("url", java.util.Map.of())))
                .contains("\"block_id\":\"url\"");
    }

    @Test
    void checkShowsTheLastPingTheNextDueAndTheBodyEscapedAndCutButNeverTheKey() {
        HeartbeatRecord r = new HeartbeatRecord(
                7,
                KEY,
                T,
                T.plusSeconds(60),
                null,
                Duration.ofSeconds(42),
                3,
                "<!channel> step 3 failed\n" + "x".repeat(5000),
                T.plusSeconds(60 + 3900));
        MonitorState s = new MonitorState(
                Status.DOWN,
                T.plusSeconds(60),
                1,
                0,
                ProbeResult.down(
                        T.plusSeconds(60), Duration.ZERO, FailureKind.JOB_FAILED, "the job exited with code 3"));
        Reply reply = HeartbeatReplies.check(view(r, s));
        String json = reply.blocks().stream()
                .map(b -> ((SectionBlock) b).getText().getText())
                .reduce("", (a, b) -> a + "\n" + b);
        assertThat(json)
                .contains("Last ping")
                .contains("Next due")
                .contains("exited with code 3")
                .contains("Last run took 42s")
                .contains("&lt;!channel&gt;")
                .doesNotContain("<!channel>")
                .contains(BlockKit.CUT)
                .doesNotContain(KEY.value())
                .contains("Q2hl…");
        for (var b : reply.blocks()) {
            assertThat(((SectionBlock) b).getText().getText().length()).isLessThanOrEqualTo(BlockKit.SECTION_MAX);
        }
        Golden.assertMatches("heartbeat-check", reply);
    }
}
