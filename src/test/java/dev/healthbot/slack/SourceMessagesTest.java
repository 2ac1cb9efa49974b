package dev.healthbot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.healthbot.slack.view.AlertMessages;
import dev.healthbot.slack.view.BlockKit;
import dev.healthbot.slack.view.SourceMessages;
import org.junit.jupiter.api.Test;

/** The notice about a source of servers: pinned by golden JSON, escaped and inside Slack's limits. */
class SourceMessagesTest {

    @Test
    void aSummaryLineIsOneSectionWithTheSameFallbackText() {
        AlertMessages.Message m = SourceMessages.notice(":card_index: inventory: 3 added, 1 removed (a, b, c, -old)");
        Golden.assertMatches("source-notice", m);
        assertThat(m.text()).isEqualTo(":card_index: inventory: 3 added, 1 removed (a, b, c, -old)");
    }

    @Test
    void remoteTextIsInertAndCutToTheSectionLimit() {
        AlertMessages.Message m =
                SourceMessages.notice(":warning: inventory unreachable: <!channel> " + "x".repeat(5000));
        assertThat(m.text()).contains("&lt;!channel&gt;").doesNotContain("<!channel>");
        assertThat(m.text().length()).isLessThanOrEqualTo(400);
        assertThat(m.blocks()).hasSize(1);
        assertThat(((com.slack.api.model.block.SectionBlock) m.blocks().get(0))
                        .getText()
                        .getText()
                        .length())
                .isLessThanOrEqualTo(BlockKit.SECTION_MAX);
    }
}
