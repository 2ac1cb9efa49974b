package dev.healthbot;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.healthbot.fakeslack.FakeDirectory;
import dev.healthbot.fakeslack.FakeSlack;
import dev.healthbot.fakeslack.Message;
import dev.healthbot.fakeslack.ResponseUrlPost;
import dev.healthbot.monitor.Status;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * Responding from the outage post, end to end through the fake Slack's interactivity payloads: buttons,
 * reminders, mutes and maintenance windows, with the bot's clock moved on by a {@link SkewClock}.
 */
class RespondIT extends BotFixture {

    static final String OPS = "C0OPS00001";
    static final String USER = FakeSlack.DEFAULT_USER_ID;
    static final String OTHER_USER = "U0OTHER001";
    static final String MEMBER = "U0MEMBER1";
    static final Duration WAIT = Duration.ofSeconds(20);

    SkewClock clock;

    private void startBot() {
        h = new BotHarness(dir);
        clock = new SkewClock();
        h.clock = clock;
        h.start();
        h.slack.directory().set(OTHER_USER, FakeDirectory.Person.ADMIN);
        h.slack.directory().set(MEMBER, FakeDirectory.Person.MEMBER);
        int before = h.slack.responseUrlPosts().size();
        h.command("subscribe", USER, OPS);
        h.slack.awaitResponseUrlPost(
                p -> h.slack.responseUrlPosts().indexOf(p) >= before
                        && p.text() != null
                        && p.text().contains("now gets alerts"),
                WAIT);
    }

    /** Adds a server checked only on demand; its first check runs at once. */
    private void addServer(String name, String path) {
        assertThat(h.command("add " + name + " " + target.url(path) + " every=1h timeout=1s failures=1 successes=1")
                        .text())
                .contains("registered");
    }

    private Message awaitOutage(String name) {
        return h.slack.awaitMessage(
                OPS, m -> !m.isReply() && m.text() != null && m.text().contains(name + " is DOWN"), WAIT);
    }

    private static JsonObject container(Message post) {
        JsonObject c = new JsonObject();
        c.addProperty("type", "message");
        c.addProperty("message_ts", post.ts());
        c.addProperty("channel_id", post.channel());
        c.addProperty("is_ephemeral", false);
        return c;
    }

    private static long incidentId(Message post) {
        String json = post.blocks().toString();
        int at = json.indexOf("incident #");
        return Long.parseLong(json.substring(at + 10).replaceAll("^(\\d+).*$", "$1"));
    }

    /** Clicks a button of the post and returns the ephemeral answer that the click's response_url received. */
    private String click(String actionId, Message post, String user, Predicate<String> answer) {
        int before = h.slack.responseUrlPosts().size();
        try {
            var ack = h.slack
                    .blockAction(
                            actionId, "incident_actions", Long.toString(incidentId(post)), user, OPS, container(post))
                    .get(10, TimeUnit.SECONDS);
            assertThat(ack.elapsed()).isLessThan(Duration.ofSeconds(3));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return awaitAnswer(before, answer);
    }

    private String mute(String choice, Message post, String user, Predicate<String> answer) {
        int before = h.slack.responseUrlPosts().size();
        try {
            var ack = h.slack
                    .menuChoice(
                            "incident_mute",
                            "incident_actions",
                            choice + ":" + incidentId(post),
                            user,
                            OPS,
                            container(post))
                    .get(10, TimeUnit.SECONDS);
            assertThat(ack.elapsed()).isLessThan(Duration.ofSeconds(3));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return awaitAnswer(before, answer);
    }

    private String awaitAnswer(int before, Predicate<String> answer) {
        ResponseUrlPost p = h.slack.awaitResponseUrlPost(
                r -> h.slack.responseUrlPosts().indexOf(r) >= before && r.text() != null && answer.test(r.text()),
                WAIT);
        assertThat(p.body().has("replace_original")
                        && p.body().get("replace_original").getAsBoolean())
                .as("a click on a channel post never replaces the post")
                .isFalse();
        return p.text();
    }

    private Message awaitPost(Message post, Predicate<String> blocks) {
        return h.slack.awaitMessage(
                OPS,
                m -> m.ts().equals(post.ts())
                        && m.blocks() != null
                        && blocks.test(m.blocks().toString()),
                WAIT);
    }

    private List<Message> replies(Message post) {
        return h.slack.replies(OPS, post.ts());
    }

    private long audits(String action) {
        return Jdbi.create("jdbc:sqlite:" + h.db)
                .withHandle(x -> x.createQuery("SELECT COUNT(*) FROM audit_log WHERE action = :a")
                        .bind("a", action)
                        .mapTo(Long.class)
                        .one());
    }

    /** A post every tick makes after reminders: once it is in, every reminder that tick decided is in too. */
    private void awaitWitnessWindow(String server) {
        h.command("maintenance " + server + " 1m witness");
        h.slack.awaitMessage(
                OPS,
                m -> !m.isReply()
                        && m.text() != null
                        && m.text().contains("Maintenance")
                        && m.text().contains(server),
                WAIT);
    }

    @Test
    void acknowledgeEditsThePostForEveryoneAndStopsTheReminders() {
        startBot();
        target.status.set(503);
        addServer("api", "/api");
        addServer("witness", "/w");
        Message post = awaitOutage("api");
        assertThat(post.blocks().toString())
                .contains("incident_ack")
                .contains("incident_recheck")
                .contains("incident_mute");

        // 31 minutes on: the first reminder, in the thread, saying how long.
        clock.advance(Duration.ofMinutes(31));
        Message reminder = h.slack.awaitMessage(
                OPS, m -> post.ts().equals(m.threadTs()) && m.text().contains("still DOWN"), WAIT);
        assertThat(reminder.text()).contains("api is still DOWN after 31m");

        assertThat(click("incident_ack", post, USER, t -> t.contains("You have")))
                .contains("Reminders stop");
        Message acked = awaitPost(post, b -> b.contains(":eyes: Acknowledged by <@" + USER + ">"));
        assertThat(acked.blocks().toString()).contains("incident_unack").doesNotContain("\"incident_ack\"");

        assertThat(click("incident_ack", post, OTHER_USER, t -> t.contains("already has")))
                .contains("<@" + USER + "> already has");
        assertThat(click("incident_unack", post, OTHER_USER, t -> t.contains("Only")))
                .contains("Only <@" + USER + ">");

        // Hours later: no reminder, because someone has it.
        clock.advance(Duration.ofHours(3));
        awaitWitnessWindow("witness");
        assertThat(replies(post))
                .filteredOn(m -> m.text().contains("still DOWN"))
                .hasSize(1);
        assertThat(audits("incident.acknowledge")).isEqualTo(1);

        // Back UP: the post loses its buttons and keeps who had it and how long it took.
        target.status.set(200);
        h.command("check api");
        Message resolved = awaitPost(post, b -> b.contains("resolved"));
        assertThat(resolved.blocks().toString())
                .doesNotContain("incident_unack")
                .doesNotContain("incident_mute")
                .contains("Acknowledged:* by <@" + USER + "> after 31m")
                .contains("time to resolve");
        assertThat(click("incident_recheck", post, USER, t -> t.contains("resolved")))
                .contains("nothing to do");
    }

    @Test
    void doubleClicksAcknowledgeOnceAndRecheckRunsOncePerFiveSeconds() throws Exception {
        startBot();
        target.status.set(503);
        addServer("api", "/api");
        Message post = awaitOutage("api");

        int before = h.slack.responseUrlPosts().size();
        var first = h.slack.blockAction(
                "incident_ack", "incident_actions", Long.toString(incidentId(post)), USER, OPS, container(post));
        var second = h.slack.blockAction(
                "incident_ack", "incident_actions", Long.toString(incidentId(post)), USER, OPS, container(post));
        CompletableFuture.allOf(first, second).get(10, TimeUnit.SECONDS);
        awaitAnswer(before, t -> t.contains("You have"));
        awaitAnswer(before, t -> t.contains("already acknowledged"));
        awaitPost(post, b -> b.contains(":eyes: Acknowledged"));
        assertThat(audits("incident.acknowledge")).isEqualTo(1);

        assertThat(click("incident_recheck", post, USER, t -> t.contains("Re-checking")))
                .contains("posted in the thread");
        assertThat(click("incident_recheck", post, OTHER_USER, t -> t.contains("try again")))
                .contains("re-checked a moment ago");
        Message reply = h.slack.awaitMessage(
                OPS, m -> post.ts().equals(m.threadTs()) && m.text().contains("Re-check of api"), WAIT);
        assertThat(reply.text()).contains("still down").contains(" ms");
        assertThat(reply.blocks().toString()).contains("HTTP_STATUS").contains("Asked by <@" + USER + ">");
        assertThat(audits("incident.recheck")).isEqualTo(1);
    }

    @Test
    void aMuteForAnHourSilencesASecondOutageAndEndsByItself() {
        startBot();
        target.status.set(503);
        addServer("api", "/api");
        addServer("loud", "/loud");
        Message post = awaitOutage("api");
        awaitOutage("loud");

        // A member who may not change anything cannot mute.
        assertThat(mute("1h", post, MEMBER, t -> t.contains("Only"))).contains("admins");

        assertThat(mute("1h", post, USER, t -> t.contains("muted"))).contains("is muted until");
        awaitPost(post, b -> b.contains(":no_bell: Muted by <@" + USER + "> until"));
        assertThat(h.command("list").payload().toString()).contains("muted until");
        assertThat(audits("server.mute")).isEqualTo(1);

        // Recovers, goes down again within the hour: the second outage posts nothing.
        target.status.set(200);
        h.command("check api");
        h.awaitStatus("api", Status.UP, WAIT);
        h.command("check loud");
        h.awaitStatus("loud", Status.UP, WAIT);
        target.status.set(503);
        h.command("check api");
        h.awaitStatus("api", Status.DOWN, WAIT);
        h.command("check loud");
        Message loudAgain = h.slack.awaitMessage(
                OPS, m -> !m.isReply() && m.text().contains("loud is DOWN") && m.updates() == 0, WAIT);
        assertThat(loudAgain).isNotNull();
        assertThat(h.slack.messages(OPS))
                .filteredOn(m -> !m.isReply() && m.text().contains("api is DOWN"))
                .hasSize(1);

        // An hour later the mute ends by itself, and the server still down gets its outage post then.
        clock.advance(Duration.ofMinutes(61));
        Message late = h.slack.awaitMessage(
                OPS, m -> !m.isReply() && m.text().contains("api is DOWN") && !m.ts().equals(post.ts()), WAIT);
        assertThat(late.blocks().toString()).contains("incident_ack").doesNotContain("Muted by");
        assertThat(h.command("list").payload().toString()).doesNotContain("muted until");
    }

    @Test
    void alertsOnEndsAMuteEarly() {
        startBot();
        target.status.set(503);
        addServer("api", "/api");
        Message post = awaitOutage("api");
        mute("recovery", post, USER, t -> t.contains("muted"));
        awaitPost(post, b -> b.contains("until it recovers"));
        assertThat(h.command("alerts on api").text()).contains("its mute is ended");
        awaitPost(post, b -> !b.contains("Muted by"));
        assertThat(audits("server.unmute")).isEqualTo(1);
    }

    @Test
    void aMaintenanceWindowHoldsBackAnOutageAndPostsItIfStillDownAtTheEnd() {
        startBot();
        addServer("api", "/api");
        addServer("loud", "/loud");
        h.awaitStatus("api", Status.UP, WAIT);
        h.awaitStatus("loud", Status.UP, WAIT);
        assertThat(h.command("maintenance api 1h database upgrade").text()).contains("Maintenance #");
        Message start = h.slack.awaitMessage(
                OPS,
                m -> !m.isReply()
                        && m.text().contains("Maintenance #")
                        && m.text().contains("api"),
                WAIT);
        assertThat(start.blocks().toString()).contains("database upgrade");
        assertThat(h.command("maintenance list").text()).contains("api");

        target.status.set(503);
        h.command("check api");
        h.awaitStatus("api", Status.DOWN, WAIT);
        h.command("check loud");
        awaitOutage("loud");
        assertThat(h.slack.messages(OPS)).noneMatch(m -> m.text().contains("api is DOWN"));

        clock.advance(Duration.ofMinutes(61));
        Message end = h.slack.awaitMessage(OPS, m -> !m.isReply() && m.text().contains("ended"), WAIT);
        assertThat(end.text()).contains("1 outage during the window");
        Message outage = awaitOutage("api");
        assertThat(outage.blocks().toString()).contains("incident_ack");
        assertThat(h.slack.messages(OPS))
                .filteredOn(m -> m.text().contains("api is DOWN"))
                .hasSize(1);
    }

    @Test
    void aClockTimeIsReadInTheUsersSlackTimeZoneAndAWindowEndsEarlyOnRequest() {
        startBot();
        addServer("api", "/api");
        // The fake directory gives every user tz Europe/Berlin.
        java.time.ZonedDateTime now = clock.instant().atZone(java.time.ZoneId.of("Europe/Berlin"));
        java.time.ZonedDateTime six =
                now.withHour(18).withMinute(0).withSecond(0).withNano(0);
        if (!six.isAfter(now)) {
            six = six.plusDays(1);
        }
        String reply = h.command("maintenance api until 18:00 deploy").text();
        assertThat(reply).contains("Maintenance #1").contains("<!date^" + six.toEpochSecond() + "^");
        h.slack.awaitMessage(OPS, m -> !m.isReply() && m.text().contains("Maintenance #1"), WAIT);
        assertThat(h.command("maintenance api until 25:00").text()).contains("looks like");
        assertThat(h.command("maintenance nope 1h").text()).contains("nope");
        assertThat(h.command("maintenance end 1", MEMBER, OPS).text()).contains("admins");
        assertThat(h.command("maintenance list", MEMBER, OPS).text()).contains("#1");
        assertThat(h.command("maintenance end 1").text()).contains("ended");
        assertThat(h.command("maintenance end 1").text()).contains("no maintenance window #1");
        h.slack.awaitMessage(OPS, m -> !m.isReply() && m.text().contains("ended"), WAIT);
        assertThat(audits("maintenance.add")).isEqualTo(1);
        assertThat(audits("maintenance.end")).isEqualTo(1);
    }

    @Test
    void remindersFollowTheChannelsStepsAndCanBeTurnedOff() {
        startBot();
        assertThat(h.command("reminders 10m,1h broadcast", USER, OPS).text())
                .contains("10m, 1h")
                .contains("shown in the channel");
        assertThat(h.command("reminders 2h,1h", USER, OPS).text()).contains("must grow");
        assertThat(h.command("reminders", MEMBER, OPS).text()).contains("10m, 1h");
        assertThat(h.command("reminders off", MEMBER, OPS).text()).contains("admins");
        target.status.set(503);
        assertThat(h.command("add api " + target.url("/api") + " env=LIVE every=1h timeout=1s failures=1")
                        .text())
                .contains("registered");
        Message post = awaitOutage("api");
        clock.advance(Duration.ofMinutes(11));
        h.slack.awaitMessage(
                OPS, m -> post.ts().equals(m.threadTs()) && m.text().contains("still DOWN"), WAIT);
        h.slack.awaitCall(
                "chat.postMessage",
                c -> c.param("thread_ts") != null
                        && ("1".equals(c.param("reply_broadcast")) || "true".equals(c.param("reply_broadcast"))),
                WAIT);
        assertThat(h.command("reminders off", USER, OPS).text()).contains("off");
        clock.advance(Duration.ofHours(2));
        addServer("witness", "/w");
        awaitWitnessWindow("witness");
        assertThat(replies(post))
                .filteredOn(m -> m.text().contains("still DOWN"))
                .hasSize(1);
    }

    @Test
    void anOnCallMentionIsInTheOutagePostOnlyAndTypedNamesAreRefused() {
        startBot();
        assertThat(h.command("subscribe LIVE mention=@oncall", USER, OPS).text())
                .contains("autocomplete");
        int before = h.slack.responseUrlPosts().size();
        h.command("subscribe LIVE mention=<!subteam^S0ONCALL1|@oncall>,<@U0LEAD001|lead>", USER, OPS);
        h.slack.awaitResponseUrlPost(
                p -> h.slack.responseUrlPosts().indexOf(p) >= before
                        && p.text() != null
                        && p.text().contains("mention"),
                WAIT);
        target.status.set(503);
        assertThat(h.command("add api " + target.url("/api") + " env=LIVE every=1h timeout=1s failures=1 successes=1")
                        .text())
                .contains("registered");
        addServer("dev-box", "/dev");
        Message post = awaitOutage("api");
        assertThat(post.text()).startsWith("<!subteam^S0ONCALL1> <@U0LEAD001>");
        assertThat(post.blocks().toString()).contains("<!subteam^S0ONCALL1> <@U0LEAD001>");
        Message dev = awaitOutage("dev-box");
        assertThat(dev.text()).doesNotContain("subteam");
        target.status.set(200);
        h.command("check api");
        Message recovery = h.slack.awaitMessage(OPS, m -> post.ts().equals(m.threadTs()), WAIT);
        assertThat(recovery.text()).doesNotContain("subteam");
    }
}
