package dev.healthbot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.util.json.GsonFactory;
import dev.healthbot.alert.FollowUpMessage;
import dev.healthbot.alert.MaintenanceWindow;
import dev.healthbot.alert.Mention;
import dev.healthbot.alert.Mute;
import dev.healthbot.alert.PostState;
import dev.healthbot.alert.Selector;
import dev.healthbot.monitor.Environment;
import dev.healthbot.monitor.FailureKind;
import dev.healthbot.slack.view.AlertMessages;
import dev.healthbot.slack.view.BlockKit;
import dev.healthbot.slack.view.FollowUpMessages;
import dev.healthbot.slack.view.MaintenanceModal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The outage post in each of its states, and the follow-ups, pinned to golden JSON and inside Slack's limits. */
class RespondBlockKitTest {

    static final Instant T = BlockKitOutputTest.T;
    static final List<Mention> ONCALL = List.of(new Mention("S0ONCALL1"), new Mention("U0LEAD001"));

    /** The blocks as Slack receives them, with Gson's HTML escapes undone so mrkdwn reads as sent. */
    static String json(AlertMessages.Message m) {
        return GsonFactory.createSnakeCase()
                .toJson(m.blocks())
                .replace("\\u003c", "<")
                .replace("\\u003e", ">")
                .replace("\\u0026", "&")
                .replace("\\u003d", "=");
    }

    static void withinLimits(AlertMessages.Message m) {
        String json = json(m);
        assertThat(m.text()).isNotBlank();
        assertThat(m.text().length()).isLessThanOrEqualTo(3000);
        assertThat(m.blocks().size()).isLessThanOrEqualTo(BlockKit.MAX_MESSAGE_BLOCKS);
        assertThat(json.length()).isLessThan(12_000);
        assertThat(json).doesNotContain("<!channel>").doesNotContain("<!here>");
    }

    @Test
    void theDownPostHasItsButtonsAndItsMentionsFromIdsOnly() {
        var m = AlertMessages.outage(
                BlockKitOutputTest.outage("HTTP 503 Service Unavailable"), new PostState(null, null, null, ONCALL));
        withinLimits(m);
        assertThat(m.text()).startsWith("<!subteam^S0ONCALL1> <@U0LEAD001> :red_circle: api-live is DOWN");
        Golden.assertMatches("outage-down", m);
    }

    @Test
    void theAcknowledgedPostSaysWhoAndOffersUnacknowledge() {
        var m = AlertMessages.outage(
                BlockKitOutputTest.outage("HTTP 503 Service Unavailable"),
                new PostState("U0USER0001", T.plusSeconds(240), null, List.of()));
        withinLimits(m);
        String json = json(m);
        assertThat(json)
                .contains(":eyes: Acknowledged by <@U0USER0001> at <!date^")
                .contains("incident_unack");
        Golden.assertMatches("outage-acknowledged", m);
    }

    @Test
    void theMutedPostSaysWhoAndUntilWhen() {
        var m = AlertMessages.outage(
                BlockKitOutputTest.outage("HTTP 503 Service Unavailable"),
                new PostState(
                        null, null, new Mute(1, 42, Mute.Choice.H1, "U0USER0001", T, T.plusSeconds(3600)), List.of()));
        withinLimits(m);
        assertThat(json(m)).contains(":no_bell: Muted by <@U0USER0001> until");
        Golden.assertMatches("outage-muted", m);
    }

    @Test
    void theResolvedPostLosesItsButtonsAndKeepsTheTimes() {
        var m = AlertMessages.resolved(
                BlockKitOutputTest.recovered(), new PostState("U0USER0001", T.plusSeconds(240), null, ONCALL));
        withinLimits(m);
        String json = json(m);
        assertThat(json)
                .doesNotContain("incident_")
                .doesNotContain("subteam")
                .contains("by <@U0USER0001> after 4m (time to acknowledge)")
                .contains("after 12m 30s (time to resolve)");
        Golden.assertMatches("outage-resolved", m);
    }

    @Test
    void followUpsArePinned() {
        var reminder = FollowUpMessages.of(new FollowUpMessage.Reminder(
                BlockKitOutputTest.outage("HTTP 503"), 2, Duration.ofMinutes(125), ONCALL));
        withinLimits(reminder);
        assertThat(reminder.text()).contains("still DOWN after 2h 5m");
        Golden.assertMatches("reminder", reminder);

        String hostile = "<!channel> " + "x".repeat(20_000);
        var recheck = FollowUpMessages.of(new FollowUpMessage.Recheck(
                "api-live", "U0USER0001", false, Duration.ofMillis(812), FailureKind.HTTP_STATUS, hostile));
        withinLimits(recheck);
        var window = new MaintenanceWindow(
                3,
                Selector.env(Environment.LIVE),
                "LIVE",
                T,
                T.plusSeconds(7200),
                "db upgrade",
                "U0USER0001",
                null,
                true);
        var start = FollowUpMessages.of(new FollowUpMessage.MaintenanceStarted(window));
        withinLimits(start);
        Golden.assertMatches("maintenance-start", start);
        var end = FollowUpMessages.of(new FollowUpMessage.MaintenanceEnded(window, 2, Duration.ofMinutes(4)));
        withinLimits(end);
        assertThat(end.text()).contains("2 outages during the window, 4m total");
        Golden.assertMatches("maintenance-end", end);
    }

    @Test
    void theMaintenanceFormIsPinnedAndItsSelectNeverHoldsMoreThanSlackAllows() {
        var form = MaintenanceModal.build(List.of("api-live", "web"));
        assertThat(form.getTitle().getText().length()).isLessThanOrEqualTo(24);
        assertThat(form.getSubmit().getText().length()).isLessThanOrEqualTo(24);
        Golden.assertMatches("maintenance-modal", form);

        List<String> many = java.util.stream.IntStream.range(0, 150)
                .mapToObj(i -> "server-" + i)
                .toList();
        var big = MaintenanceModal.build(many);
        String json = GsonFactory.createSnakeCase().toJson(big);
        assertThat(json.split("\"value\":\"server-", -1).length - 1).isEqualTo(96);
        assertThat(json).contains("\"block_id\":\"server_name\"").contains("first 96 of 150");
        assertThat(big.getBlocks().size()).isLessThanOrEqualTo(100);
        assertThat(MaintenanceModal.build(List.of()).getBlocks()).hasSize(3);
    }

    @Test
    void aServerTypedByNameWinsOverTheSelect() {
        var select = new com.slack.api.model.view.ViewState.Value();
        var option = new com.slack.api.model.view.ViewState.SelectedOption();
        option.setValue("LIVE");
        select.setSelectedOption(option);
        var typed = new com.slack.api.model.view.ViewState.Value();
        typed.setValue("  server-120 ");
        var until = new com.slack.api.model.view.ViewState.Value();
        until.setValue("2h");
        var d = MaintenanceModal.read(java.util.Map.of(
                "target", java.util.Map.of("value", select),
                "server_name", java.util.Map.of("value", typed),
                "until", java.util.Map.of("value", until)));
        assertThat(d).isEqualTo(new MaintenanceModal.Draft("server-120", "2h", null, true));
        var chosen = MaintenanceModal.read(java.util.Map.of("target", java.util.Map.of("value", select)));
        assertThat(chosen).isEqualTo(new MaintenanceModal.Draft("LIVE", null, null, false));
    }
}
