package dev.healthbot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.util.json.GsonFactory;
import dev.healthbot.alert.Alert;
import dev.healthbot.monitor.Environment;
import dev.healthbot.monitor.FailureKind;
import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.MonitorDraft;
import dev.healthbot.monitor.MonitorService;
import dev.healthbot.monitor.MonitorState;
import dev.healthbot.monitor.MonitorValidator;
import dev.healthbot.monitor.Origin;
import dev.healthbot.monitor.ProbeResult;
import dev.healthbot.monitor.Status;
import dev.healthbot.slack.command.CheckCommand;
import dev.healthbot.slack.command.HelpCommand;
import dev.healthbot.slack.command.ListCommand;
import dev.healthbot.slack.command.Subcommand;
import dev.healthbot.slack.view.AlertMessages;
import dev.healthbot.slack.view.BlockKit;
import dev.healthbot.slack.view.HomeView;
import dev.healthbot.slack.view.Reply;
import dev.healthbot.slack.view.ServerModal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Block Kit builders: pinned to golden JSON, and always inside Slack's limits. */
public class BlockKitOutputTest {

    static final Instant T = Instant.parse("2026-11-22T10:41:54Z");

    public static Alert outage(String detail) {
        return new Alert(
                42,
                "api-live",
                Environment.LIVE,
                "https://***@api.example.com/health",
                FailureKind.HTTP_STATUS,
                detail,
                T,
                3,
                null,
                null);
    }

    public static Alert recovered() {
        return new Alert(
                42,
                "api-live",
                Environment.LIVE,
                "https://***@api.example.com/health",
                FailureKind.HTTP_STATUS,
                "HTTP 503 Service Unavailable",
                T,
                3,
                T.plusSeconds(750),
                Duration.ofSeconds(750));
    }

    @Test
    void outagePostIsPinned() {
        AlertMessages.Message m = AlertMessages.outage(outage("HTTP 503 Service Unavailable"));
        assertThat(m.text()).contains("api-live is DOWN").contains("LIVE");
        Golden.assertMatches("outage", m);
    }

    @Test
    void recoveryReplyAndResolvedEditArePinned() {
        AlertMessages.Message reply = AlertMessages.recovery(recovered());
        assertThat(reply.text()).isEqualTo(":large_green_circle: api-live is back UP after 12m 30s");
        Golden.assertMatches("recovery", reply);
        AlertMessages.Message edit = AlertMessages.resolved(recovered());
        assertThat(edit.text()).contains("resolved after 12m 30s");
        Golden.assertMatches("resolved", edit);
    }

    @Test
    void aHugeHostileDetailIsCutEscapedAndCannotMention() {
        String hostile = "<!channel> <@U123> <http://evil|click> " + "x".repeat(20_000);
        AlertMessages.Message m = AlertMessages.outage(outage(hostile));
        String json = GsonFactory.createSnakeCase().toJson(m.blocks());
        assertThat(json).doesNotContain("<!channel>").doesNotContain("<@U123>").doesNotContain("<http://evil");
        assertThat(json).contains(BlockKit.CUT);
        assertThat(m.text().length()).isLessThanOrEqualTo(3000);
        assertThat(json.length()).isLessThan(12_000);
    }

    @Test
    void helpAndHomeArePinned() {
        List<Subcommand> commands = new ArrayList<>();
        commands.add(new HelpCommand(() -> commands));
        commands.add(new CheckCommand(null, null));
        commands.add(new ListCommand(null));
        Golden.assertMatches("help", HelpCommand.help(commands));
        Golden.assertMatches("home", HomeView.build(HelpCommand.lines(commands)));
    }

    @Test
    void aListOfAThousandServersIsPagedInsideSlacksLimits() {
        List<MonitorService.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            var s = MonitorValidator.validate(MonitorDraft.of(
                            "server-with-a-rather-long-name-" + i,
                            "https://user:pw@very-long-host-name-" + i + ".example.com/a/long/health/path?token=abc"))
                    .settings();
            Status st = i % 7 == 0 ? Status.DOWN : Status.UP;
            entries.add(new MonitorService.Entry(
                    new Monitor(i, s, Origin.SLACK, T),
                    new MonitorState(st, T, 0, 0, ProbeResult.up(T, Duration.ofMillis(12), "HTTP 200 OK"))));
        }
        Reply first = ListCommand.page(entries, 1);
        assertThat(first.blocks().size()).isLessThanOrEqualTo(BlockKit.MAX_MESSAGE_BLOCKS);
        String json = GsonFactory.createSnakeCase().toJson(first.blocks());
        assertThat(json)
                .contains("page 1 of 40")
                .contains("Next page")
                .doesNotContain("pw@")
                .doesNotContain("token=abc");
        assertThat(first.text()).contains("1000 servers").doesNotContain("pw@");
        for (var b : first.blocks()) {
            if (b instanceof com.slack.api.model.block.SectionBlock s) {
                assertThat(s.getText().getText().length()).isLessThanOrEqualTo(BlockKit.SECTION_MAX);
            }
        }
        Reply last = ListCommand.page(entries, 99);
        assertThat(GsonFactory.createSnakeCase().toJson(last.blocks()))
                .contains("page 40 of 40")
                .contains("Previous page");
    }

    @Test
    void theModalStaysInsideSlacksLimits() {
        var view = ServerModal.add();
        assertThat(view.getTitle().getText().length()).isLessThanOrEqualTo(24);
        assertThat(view.getBlocks().size()).isLessThanOrEqualTo(100);
        Golden.assertMatches("server-modal-add", view);
    }
}
