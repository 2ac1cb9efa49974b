package dev.healthbot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.healthbot.fakeslack.Ack;
import dev.healthbot.fakeslack.Failure;
import dev.healthbot.fakeslack.FakeDirectory;
import dev.healthbot.fakeslack.FakeSlack;
import dev.healthbot.fakeslack.ResponseUrlPost;
import dev.healthbot.slack.ChannelAccess;
import dev.healthbot.slack.command.ListCommand;
import dev.healthbot.slack.command.RemoveCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** Who gets in: guests, people of another organisation, members, admins, and channels shared with others, end to end. */
class AccessIT extends BotFixture {

    static final String ADMIN = "U0ADMIN01";
    static final String OWNER = "U0OWNER01";
    static final String MEMBER = "U0MEMBER1";
    static final String GUEST = "U0GUEST01";
    static final String SINGLE_GUEST = "U0GUEST02";
    static final String EXTERNAL = "U0EXTERN1";
    static final String STRANGER = "W0STRANGE";
    static final String CHANNEL = FakeSlack.DEFAULT_CHANNEL_ID;
    static final String SHARED = "C0SHARED01";
    static final String NOT_A_MEMBER = "for members of this workspace only";

    private BotHarness bot(Map<String, String> env) {
        h = new BotHarness(dir);
        h.env.putAll(env);
        h.slack
                .directory()
                .set(ADMIN, FakeDirectory.Person.ADMIN)
                .set(OWNER, FakeDirectory.Person.OWNER)
                .set(MEMBER, FakeDirectory.Person.MEMBER)
                .set(GUEST, FakeDirectory.Person.GUEST)
                .set(SINGLE_GUEST, FakeDirectory.Person.SINGLE_CHANNEL_GUEST)
                .set(EXTERNAL, FakeDirectory.Person.EXTERNAL)
                .set(STRANGER, FakeDirectory.Person.STRANGER);
        return h.start();
    }

    private ResponseUrlPost click(String actionId, String value, String user) throws Exception {
        int before = h.slack.responseUrlPosts().size();
        h.slack.blockAction(actionId, "b", value, user, CHANNEL, null).get(10, TimeUnit.SECONDS);
        return h.slack.awaitResponseUrlPost(
                p -> h.slack.responseUrlPosts().indexOf(p) >= before && p.text() != null, BotHarness.WAIT);
    }

    private Ack submit(String user) throws Exception {
        return h.slack
                .viewSubmission(
                        "server_add", "", BotHarness.values(Map.of("name", "sneaky", "url", target.url("/s"))), user)
                .get(10, TimeUnit.SECONDS);
    }

    private String subscribeLater(String channel, String user) {
        int before = h.slack.responseUrlPosts().size();
        h.command("subscribe", user, channel);
        return h.slack
                .awaitResponseUrlPost(
                        p -> h.slack.responseUrlPosts().indexOf(p) >= before && p.text() != null, BotHarness.WAIT)
                .text();
    }

    @Test
    void guestsAndPeopleOfAnotherOrganisationGetNothingButTheHelpAndChangeNothing() throws Exception {
        // Every member may change here, so each refusal below is about who the user is, not about admins.
        bot(Map.of("HEALTHBOT_ADMINS", "members"));
        String url = target.url("/internal");
        assertThat(h.command("add api " + url + " every=1h", MEMBER, CHANNEL).text())
                .contains("registered");

        for (String outsider : List.of(GUEST, SINGLE_GUEST, EXTERNAL, STRANGER)) {
            assertThat(h.command("help", outsider, CHANNEL).text()).as(outsider).contains("/health add");
            assertThat(h.command("", outsider, CHANNEL).text()).as(outsider).contains("/health add");
            List<String> attempts = new ArrayList<>(List.of("list", "status", "check api", "channels"));
            attempts.addAll(changes());
            for (String attempt : attempts) {
                Ack refused = h.command(attempt, outsider, CHANNEL);
                assertThat(refused.text())
                        .as(outsider + ": " + attempt)
                        .contains(NOT_A_MEMBER)
                        .doesNotContain(url)
                        .doesNotContain("127.0.0.1");
            }
            assertThat(click(RemoveCommand.CONFIRM_ACTION, "api", outsider).text())
                    .as(outsider)
                    .contains(NOT_A_MEMBER);
            assertThat(click(ListCommand.PAGE_ACTION + ":2", "2", outsider).text())
                    .as(outsider)
                    .contains(NOT_A_MEMBER)
                    .doesNotContain(url);
            Ack form = submit(outsider);
            assertThat(form.payload().get("response_action").getAsString()).isEqualTo("errors");
            assertThat(form.payload().getAsJsonObject("errors").get("name").getAsString())
                    .contains(NOT_A_MEMBER);
        }

        assertThat(h.bot.monitors().list())
                .singleElement()
                .satisfies(e -> assertThat(e.monitor().name()).isEqualTo("api"));
        assertThat(h.bot.monitors().find("api").orElseThrow().settings().alertsEnabled())
                .isTrue();
        assertThat(h.command("channels", MEMBER, CHANNEL).text()).contains("No channel is subscribed");
        assertThat(h.slack.calls("views.open")).isEmpty();
        assertThat(h.slack.messages(CHANNEL)).isEmpty();
        // Each user is asked of Slack once; the answer is kept for a minute.
        assertThat(h.slack.calls("users.info"))
                .filteredOn(c -> GUEST.equals(c.param("user")))
                .hasSize(1);
        assertThat(logs.lines().stream().map(LogCapture.Line::text))
                .contains("access policy=members admins=- sharedChannels=refused")
                .anyMatch(l -> l.equals("access refused user=" + GUEST + " reason=guest action=list"))
                .anyMatch(l -> l.equals("access refused user=" + SINGLE_GUEST + " reason=guest action=add"))
                .anyMatch(l -> l.equals("access refused user=" + EXTERNAL + " reason=external action=remove"))
                .anyMatch(l -> l.equals("access refused user=" + STRANGER + " reason=external action=add"));
    }

    @Test
    void withoutHealthbotAdminsOnlyWorkspaceAdminsAndOwnersMayChangeAndAMemberIsToldWhatToSet() throws Exception {
        bot(Map.of());
        assertThat(h.command("add api " + target.url("/a") + " every=1h", ADMIN, CHANNEL)
                        .text())
                .contains("registered");
        assertThat(h.command("add by-owner " + target.url("/o") + " every=1h", OWNER, CHANNEL)
                        .text())
                .contains("registered");

        assertThat(h.command("list", MEMBER, CHANNEL).text()).contains("api");
        Ack refused = h.command("add mine " + target.url("/m"), MEMBER, CHANNEL);
        assertThat(refused.text())
                .contains("Only workspace admins and owners may change servers and subscriptions")
                .contains("`HEALTHBOT_ADMINS=members`")
                .contains("user and user group ids");
        assertThat(h.command("remove api", MEMBER, CHANNEL).text()).contains("HEALTHBOT_ADMINS=members");
        assertThat(click(RemoveCommand.CONFIRM_ACTION, "api", MEMBER).text()).contains("HEALTHBOT_ADMINS=members");
        Ack form = submit(MEMBER);
        assertThat(form.payload().getAsJsonObject("errors").get("name").getAsString())
                .contains("HEALTHBOT_ADMINS=members");
        assertThat(h.bot.monitors().list()).hasSize(2);

        assertThat(click(RemoveCommand.CONFIRM_ACTION, "by-owner", OWNER).text())
                .contains("removed");
        assertThat(h.bot.monitors().list()).hasSize(1);
        assertThat(logs.lines().stream().map(LogCapture.Line::text))
                .contains("access policy=admins-and-owners admins=- sharedChannels=refused")
                .contains("access refused user=" + MEMBER + " reason=not_admin action=add");
    }

    @Test
    void withHealthbotAdminsMembersEveryFullMemberMayChange() {
        bot(Map.of("HEALTHBOT_ADMINS", "members"));
        assertThat(h.command("add mine " + target.url("/m") + " every=1h", MEMBER, CHANNEL)
                        .text())
                .contains("registered");
        assertThat(h.command("alerts off mine", MEMBER, CHANNEL).text()).contains("Alerts are off");
        assertThat(h.command("alerts on mine", GUEST, CHANNEL).text()).contains(NOT_A_MEMBER);
        assertThat(h.bot.monitors().find("mine").orElseThrow().settings().alertsEnabled())
                .isFalse();
    }

    @Test
    void whenSlackCannotSayWhoTheUserIsEvenAReadIsRefusedWithTryAgainWithinTheAckDeadline() {
        bot(Map.of());
        h.slack.failNext("users.info", 2, Failure.error("internal_error"));
        assertThat(h.command("add x " + target.url("/x"), ADMIN, CHANNEL).text())
                .contains("Could not check your permission")
                .contains("Try again");
        assertThat(h.command("list", ADMIN, CHANNEL).text()).contains("Try again");

        h.slack.delay("users.info", Duration.ofMillis(2500));
        Ack slow = h.command("add x " + target.url("/x"), ADMIN, CHANNEL);
        assertThat(slow.text()).contains("Could not check your permission").contains("in time");
        assertThat(slow.elapsed()).isLessThan(Duration.ofMillis(2500));
        assertThat(h.command("help", ADMIN, CHANNEL).text())
                .as("the help needs no Slack call")
                .contains("/health add");
        assertThat(h.bot.monitors().list()).isEmpty();

        // The slow answer still fills the cache, so the retry is answered without a new call.
        h.slack.awaitCall("users.info", c -> c.ok(), BotHarness.WAIT);
        h.slack.delay("users.info", null);
        int calls = h.slack.calls("users.info").size();
        assertThat(h.command("add x " + target.url("/x") + " every=1h", ADMIN, CHANNEL)
                        .text())
                .contains("registered");
        assertThat(h.slack.calls("users.info")).hasSize(calls);
    }

    @Test
    void aChannelSharedWithAnotherOrganisationIsNotSubscribedAndOneSharedLaterGetsNoAlerts() {
        bot(Map.of());
        h.slack.directory().shared(SHARED, true);
        assertThat(subscribeLater(SHARED, ADMIN))
                .contains("shared with another organisation")
                .contains("HEALTHBOT_ALLOW_SHARED_CHANNELS=true");
        assertThat(h.command("channels", ADMIN, CHANNEL).text()).contains("No channel is subscribed");

        // Subscribed while internal, shared afterwards: the outage is not posted, and channels says why.
        assertThat(subscribeLater(CHANNEL, ADMIN)).contains("now gets alerts");
        h.slack.directory().shared(CHANNEL, true);
        target.status.set(503);
        h.command("add leaky " + target.url("/l") + " every=1h timeout=500ms failures=1", ADMIN, CHANNEL);
        long deadline = System.nanoTime() + BotHarness.WAIT.toNanos();
        String text = "";
        while (System.nanoTime() < deadline && !text.contains(ChannelAccess.SHARED_REASON)) {
            text = h.command("channels", ADMIN, CHANNEL).text();
            LockSupport.parkNanos(50_000_000);
        }
        assertThat(text).contains("failing").contains(ChannelAccess.SHARED_REASON);
        assertThat(h.slack.calls("chat.postMessage")).isEmpty();
        assertThat(h.slack.messages(CHANNEL)).isEmpty();
        assertThat(logs.lines().stream().map(LogCapture.Line::text))
                .anyMatch(l -> l.equals("delivery refused channel=" + CHANNEL
                        + " reason=shared_with_other_organisation setting=HEALTHBOT_ALLOW_SHARED_CHANNELS"));
    }

    @Test
    void sharedChannelsGetAlertsWhenAllowed() {
        bot(Map.of("HEALTHBOT_ALLOW_SHARED_CHANNELS", "true"));
        h.slack.directory().shared(SHARED, true);
        assertThat(subscribeLater(SHARED, ADMIN)).contains("now gets alerts");
        target.status.set(503);
        h.command("add loud " + target.url("/l") + " every=1h timeout=500ms failures=1", ADMIN, CHANNEL);
        assertThat(h.slack
                        .awaitMessage(SHARED, m -> !m.isReply(), BotHarness.WAIT)
                        .text())
                .contains("loud is DOWN");
        assertThat(logs.lines().stream().map(LogCapture.Line::text))
                .contains("access policy=admins-and-owners admins=- sharedChannels=allowed");
    }
}
