package dev.healthbot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.healthbot.alert.FollowUpMessage;
import dev.healthbot.slack.view.BlockKit;
import dev.healthbot.slack.view.FollowUpMessages;
import org.junit.jupiter.api.Test;

/** The heartbeat ping body in an outage's thread: escaped, its end kept when cut, pinned and inside Slack's limits. */
class PingLogMessageTest {

    @Test
    void aShortBodyIsOneCodeBlockWithNothingLetThrough() {
        var m = FollowUpMessages.of(new FollowUpMessage.PingLog(
                "nightly-backup",
                "rsync: <!channel> write failed\n```\n<https://evil.example|click> @here & done\nexit 23"));
        RespondBlockKitTest.withinLimits(m);
        String json = RespondBlockKitTest.json(m);
        assertThat(m.text()).isEqualTo("Last ping body of nightly-backup");
        assertThat(json)
                .contains("&lt;!channel&gt;")
                .contains("&lt;https://evil.example|click&gt;")
                .contains("@\u200Bhere")
                .contains("&amp; done")
                .doesNotContain("<https://evil")
                .doesNotContain("scissors");
        assertThat(m.blocks()).hasSize(2);
        Golden.assertMatches("ping-log", m);
    }

    @Test
    void aTenKibibyteBodyKeepsItsEndAndSaysHowMuchWasCut() {
        StringBuilder log = new StringBuilder();
        for (int i = 1; log.length() < 10_240 - 40; i++) {
            log.append("line ").append(i).append(" <ok> & fine\n");
        }
        log.append("FATAL: disk full");
        var m = FollowUpMessages.of(new FollowUpMessage.PingLog("etl", log.toString()));
        RespondBlockKitTest.withinLimits(m);
        String json = RespondBlockKitTest.json(m);
        assertThat(json).contains("FATAL: disk full").contains("earlier characters cut; the end is shown");
        assertThat(json).doesNotContain("line 1 &lt;ok&gt;");
        m.blocks().forEach(b -> assertThat(RespondBlockKitTest.json(
                                new dev.healthbot.slack.view.AlertMessages.Message("t", java.util.List.of(b)))
                        .length())
                .isLessThan(BlockKit.SECTION_MAX + 200));
        // No entity is split at a block's edge: every code block starts and ends on whole escapes.
        assertThat(json).doesNotContainPattern("&(a|am|l|g|lt|gt|amp)```").doesNotContainPattern("```(mp;|t;|p;)");
    }
}
