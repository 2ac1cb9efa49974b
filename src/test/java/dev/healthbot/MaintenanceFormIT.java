package dev.healthbot;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.healthbot.fakeslack.Ack;
import dev.healthbot.fakeslack.FakeDirectory;
import dev.healthbot.fakeslack.FakeSlack;
import dev.healthbot.fakeslack.Message;
import dev.healthbot.monitor.Status;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * The maintenance form end to end through the fake Slack's {@code views.open} and {@code view_submission}, and a
 * channel turning its maintenance start and end posts off, with the bot's clock moved by a {@link SkewClock}.
 */
class MaintenanceFormIT extends BotFixture {

    static final String OPS = "C0OPS00001";
    static final String QUIET = "C0QUIET001";
    static final String USER = FakeSlack.DEFAULT_USER_ID;
    static final String MEMBER = "U0MEMBER1";
    static final Duration WAIT = Duration.ofSeconds(20);

    SkewClock clock;

    private void startBot(String... channels) {
        h = new BotHarness(dir);
        clock = new SkewClock();
        h.clock = clock;
        h.start();
        h.slack.directory().set(MEMBER, FakeDirectory.Person.MEMBER);
        for (String channel : channels) {
            int before = h.slack.responseUrlPosts().size();
            h.command("subscribe", USER, channel);
            h.slack.awaitResponseUrlPost(
                    p -> h.slack.responseUrlPosts().indexOf(p) >= before
                            && p.text() != null
                            && p.text().contains("now gets alerts"),
                    WAIT);
        }
    }

    private void addServer(String name, String path) {
        assertThat(h.command("add " + name + " " + target.url(path) + " every=1h timeout=1s failures=1 successes=1")
                        .text())
                .contains("registered");
    }

    /** The form's state as Slack sends it: the target as a static select's choice, the rest as text inputs. */
    private static JsonObject form(String target, String until, String reason) {
        JsonObject values = new JsonObject();
        if (target != null) {
            JsonObject option = new JsonObject();
            JsonObject text = new JsonObject();
            text.addProperty("type", "plain_text");
            text.addProperty("text", target);
            option.add("text", text);
            option.addProperty("value", target);
            JsonObject select = new JsonObject();
            select.addProperty("type", "static_select");
            select.add("selected_option", option);
            values.add("target", action(select));
        }
        values.add("until", action(input(until)));
        values.add("reason", action(input(reason)));
        return values;
    }

    private static JsonObject input(String value) {
        JsonObject input = new JsonObject();
        input.addProperty("type", "plain_text_input");
        if (value != null) {
            input.addProperty("value", value);
        }
        return input;
    }

    private static JsonObject action(JsonObject element) {
        JsonObject a = new JsonObject();
        a.add("value", element);
        return a;
    }

    private Ack submit(JsonObject values, String user) throws Exception {
        Ack ack = h.slack.viewSubmission("maintenance_add", "", values, user).get(10, TimeUnit.SECONDS);
        assertThat(ack.elapsed()).isLessThan(Duration.ofSeconds(3));
        return ack;
    }

    private static Map<String, String> errors(Ack ack) {
        assertThat(ack.payload()).as("an errors answer").isNotNull();
        assertThat(ack.payload().get("response_action").getAsString()).isEqualTo("errors");
        Map<String, String> out = new java.util.TreeMap<>();
        ack.payload()
                .getAsJsonObject("errors")
                .entrySet()
                .forEach(e -> out.put(e.getKey(), e.getValue().getAsString()));
        return out;
    }

    private long count(String sql) {
        return Jdbi.create("jdbc:sqlite:" + h.db)
                .withHandle(x -> x.createQuery(sql).mapTo(Long.class).one());
    }

    @Test
    void theFormOpensAWindowInTheUsersTimeZoneAndPutsEachErrorUnderItsField() throws Exception {
        startBot(OPS);
        addServer("api", "/api");

        assertThat(h.command("maintenance").text()).contains("Opening the maintenance form");
        var open = h.slack.awaitCall("views.open", c -> true, WAIT);
        assertThat(open.json("view").toString())
                .contains("maintenance_add")
                .contains("\"value\":\"api\"")
                .contains("\"value\":\"LIVE\"")
                .contains("\"value\":\"all\"");
        assertThat(h.command("maintenance", MEMBER, OPS).text()).contains("admins");

        // Each mistake goes back under its own field; nothing is saved.
        assertThat(errors(submit(form("nope", "2h", ""), USER))).containsOnlyKeys("target");
        assertThat(errors(submit(form(null, "2h", ""), USER))).containsOnlyKeys("target");
        assertThat(errors(submit(form("api", "until 25:00", ""), USER)))
                .containsOnlyKeys("until")
                .hasEntrySatisfying("until", m -> assertThat(m).contains("looks like"));
        assertThat(errors(submit(form("api", "30s", ""), USER)))
                .hasEntrySatisfying("until", m -> assertThat(m).contains("at least 1m"));
        assertThat(errors(submit(form("api", null, ""), USER))).containsOnlyKeys("until");
        assertThat(errors(submit(form("api", "2h", "x".repeat(501)), USER))).containsOnlyKeys("reason");
        // The gate checks a submission again: a member may not open a window.
        assertThat(errors(submit(form("api", "2h", ""), MEMBER))).containsOnlyKeys("until");
        assertThat(count("SELECT COUNT(*) FROM maintenance_windows")).isZero();

        // The fake directory gives every user tz Europe/Berlin: "until 18:00" is 18:00 there.
        ZonedDateTime now = clock.instant().atZone(ZoneId.of("Europe/Berlin"));
        ZonedDateTime six = now.withHour(18).withMinute(0).withSecond(0).withNano(0);
        if (!six.isAfter(now)) {
            six = six.plusDays(1);
        }
        Ack ok = submit(form("api", "until 18:00", "database upgrade"), USER);
        assertThat(ok.payload() == null || !ok.payload().has("errors")).isTrue();
        assertThat(count("SELECT ends_at FROM maintenance_windows WHERE id = 1"))
                .isEqualTo(six.toInstant().toEpochMilli());
        Message notice = h.slack.awaitMessage(USER, m -> m.text().contains("Maintenance #1"), WAIT);
        assertThat(notice.text()).contains("`api`");
        Message start = h.slack.awaitMessage(OPS, m -> !m.isReply() && m.text().contains("Maintenance #1"), WAIT);
        assertThat(start.blocks().toString()).contains("database upgrade");
        assertThat(h.command("maintenance list").text()).contains("#1").contains("database upgrade");

        // An environment chosen in the form covers it.
        assertThat(submit(form("STAGE", "90m", ""), USER).payload())
                .satisfiesAnyOf(p -> assertThat(p).isNull(), p -> assertThat(p.has("errors"))
                        .isFalse());
        assertThat(h.command("maintenance list").text()).contains("#2").contains("`STAGE`");
        assertThat(h.slack.violations()).isEmpty();
    }

    @Test
    void aChannelThatTurnsMaintenancePostsOffStillGetsTheHeldBackOutage() {
        startBot(OPS, QUIET);
        assertThat(h.command("maintenance posts off", MEMBER, QUIET).text()).contains("admins");
        assertThat(h.command("maintenance posts off", USER, QUIET).text()).contains("no maintenance start or end");
        assertThat(h.command("maintenance posts", MEMBER, QUIET).text()).contains("posts on");
        assertThat(h.command("maintenance posts", USER, OPS).text()).contains("posts off");
        assertThat(h.command("maintenance posts off", USER, "C0NOWHERE1").text())
                .contains("not subscribed");
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = 'channel.maintenance_posts'"))
                .isEqualTo(1);

        addServer("api", "/api");
        h.awaitStatus("api", Status.UP, WAIT);
        assertThat(h.command("maintenance api 10m deploy").text()).contains("Maintenance #1");
        h.slack.awaitMessage(OPS, m -> !m.isReply() && m.text().contains("Maintenance #1"), WAIT);

        target.status.set(503);
        h.command("check api");
        h.awaitStatus("api", Status.DOWN, WAIT);
        clock.advance(Duration.ofMinutes(11));
        h.slack.awaitMessage(OPS, m -> !m.isReply() && m.text().contains("ended"), WAIT);
        Message held = h.slack.awaitMessage(QUIET, m -> !m.isReply() && m.text().contains("api is DOWN"), WAIT);
        assertThat(held.blocks().toString()).contains("incident_ack");
        h.slack.awaitMessage(OPS, m -> !m.isReply() && m.text().contains("api is DOWN"), WAIT);

        assertThat(h.slack.messages(QUIET)).noneMatch(m -> m.text().contains("Maintenance"));
        assertThat(count("SELECT COUNT(*) FROM followups WHERE channel = '" + QUIET
                        + "' AND kind IN ('MAINTENANCE_START', 'MAINTENANCE_END')"))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM followups WHERE channel = '" + OPS
                        + "' AND kind IN ('MAINTENANCE_START', 'MAINTENANCE_END')"))
                .isEqualTo(2);
    }
}
