package dev.healthbot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.healthbot.fakeslack.Ack;
import dev.healthbot.fakeslack.Failure;
import dev.healthbot.fakeslack.FakeSlack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Who may change what ({@code HEALTHBOT_ADMINS}), and the audit trail every change leaves, end to end. */
class AdminsIT extends BotFixture {

    static final String ADMIN = "U0ADMIN01";
    static final String GROUP = "S0ADMINS1";
    static final String MEMBER = "U0MEMBER1";
    static final String GUEST = "U0GUEST01";
    static final String CHANNEL = FakeSlack.DEFAULT_CHANNEL_ID;

    private BotHarness withAdmins() {
        h = new BotHarness(dir);
        h.env.put("HEALTHBOT_ADMINS", ADMIN + "," + GROUP);
        h.slack.setUserGroup(GROUP, List.of(MEMBER, "U0SOMEONE"));
        return h.start();
    }

    @Test
    void everyoneMayReadButOnlyAdminsAndTheirGroupMayChange() throws Exception {
        withAdmins();
        assertThat(h.command("add api " + target.url("/a") + " every=1h", ADMIN, CHANNEL)
                        .text())
                .contains("registered");

        for (String read : List.of("list", "status", "check api", "channels", "help", "")) {
            assertThat(h.command(read, GUEST, CHANNEL).text()).as(read).doesNotContain("Only healthbot admins");
        }
        for (String change : changes()) {
            Ack refused = h.command(change, GUEST, CHANNEL);
            assertThat(refused.text())
                    .as(change)
                    .contains("Only healthbot admins may change servers and subscriptions")
                    .contains("<@" + ADMIN + ">")
                    .contains("<!subteam^" + GROUP + ">")
                    .contains("Ask one of them");
        }
        assertThat(h.bot.monitors().list()).hasSize(1);
        assertThat(h.slack.calls("views.open")).isEmpty();

        // A modal submitted by a guest is refused on its field; a remove button clicked by a guest too.
        Ack form = h.slack
                .viewSubmission(
                        "server_add", "", BotHarness.values(Map.of("name", "sneaky", "url", target.url("/s"))), GUEST)
                .get(10, TimeUnit.SECONDS);
        assertThat(form.payload().get("response_action").getAsString()).isEqualTo("errors");
        assertThat(form.payload().getAsJsonObject("errors").get("name").getAsString())
                .contains("Only healthbot admins");
        h.slack
                .blockAction("server_remove", "remove_confirm", "api", GUEST, CHANNEL, null)
                .get(10, TimeUnit.SECONDS);
        h.slack.awaitResponseUrlPost(
                p -> p.text() != null && p.text().contains("Only healthbot admins"), BotHarness.WAIT);
        assertThat(h.bot.monitors().find("api")).isPresent();
        assertThat(h.bot.monitors().find("sneaky")).isEmpty();

        // A member of the admin group may change; the group is asked once, then answered from the cache.
        assertThat(h.command("add by-member " + target.url("/m") + " every=1h", MEMBER, CHANNEL)
                        .text())
                .contains("registered");
        assertThat(h.command("alerts off by-member", MEMBER, CHANNEL).text()).contains("Alerts are off");
        assertThat(h.command("alerts off api", GUEST, CHANNEL).text()).contains("Only healthbot admins");
        assertThat(h.slack.calls("usergroups.users.list")).hasSize(1);
        assertThat(h.slack.calls("usergroups.users.list").get(0).param("usergroup"))
                .isEqualTo(GROUP);

        assertThat(logs.lines().stream().map(LogCapture.Line::text))
                .anyMatch(l -> l.contains("permission refused user=" + GUEST + " action=add"));
    }

    @Test
    void whenSlackCannotSayWhoIsInTheGroupTheChangeIsRefusedWithinTheAckDeadline() {
        withAdmins();
        h.slack.failNext("usergroups.users.list", 1, Failure.error("internal_error"));
        Ack failed = h.command("add x " + target.url("/x"), MEMBER, CHANNEL);
        assertThat(failed.text()).contains("Could not check your permission").contains("Try again");

        h.slack.delay("usergroups.users.list", Duration.ofMillis(2500));
        Ack slow = h.command("add x " + target.url("/x"), MEMBER, CHANNEL);
        assertThat(slow.text()).contains("Could not check your permission").contains("in time");
        assertThat(slow.elapsed()).isLessThan(Duration.ofMillis(2500));
        assertThat(h.bot.monitors().list()).isEmpty();

        // The slow answer still fills the cache (or is about to), so the retry is answered without a new call.
        h.slack.awaitCall("usergroups.users.list", c -> c.ok(), BotHarness.WAIT);
        h.slack.delay("usergroups.users.list", null);
        Ack retry = h.command("add x " + target.url("/x") + " every=1h", MEMBER, CHANNEL);
        assertThat(retry.text()).contains("registered");
        assertThat(h.slack.calls("usergroups.users.list")).hasSize(2);
    }

    @Test
    void everyChangeIsKeptInTheAuditLogWithWhoAndWhenAndLoggedInOneLine() throws Exception {
        Path file = dir.resolve("servers.yml");
        Files.writeString(
                file,
                """
                servers:
                  - name: from-file
                    url: %s
                    interval: 1h
                """
                        .formatted(target.url("/file")));
        h = new BotHarness(dir);
        h.env.put("HEALTHBOT_SERVERS_FILE", file.toString());
        long before = System.currentTimeMillis();
        h.start();
        String alice = "U0ALICE01";
        String bob = "U0BOB0001";
        assertThat(h.command("add web " + target.url("/w") + " every=1h", alice, CHANNEL)
                        .text())
                .contains("registered");
        Ack formed = h.slack
                .viewSubmission(
                        "server_add", "", BotHarness.values(Map.of("name", "formed", "url", target.url("/f"))), alice)
                .get(10, TimeUnit.SECONDS);
        assertThat(formed.payload()).isNull();
        Ack edited = h.slack
                .viewSubmission(
                        "server_edit",
                        "formed",
                        BotHarness.values(Map.of("name", "formed-2", "url", target.url("/f"), "interval", "5m")),
                        bob)
                .get(10, TimeUnit.SECONDS);
        assertThat(edited.payload()).isNull();
        assertThat(h.command("alerts off web", bob, CHANNEL).text()).contains("Alerts are off");
        assertThat(h.command("alerts on web", bob, CHANNEL).text()).contains("Alerts are on");
        h.command("subscribe LIVE", alice, CHANNEL);
        h.slack.awaitResponseUrlPost(p -> p.text() != null && p.text().contains("now gets alerts"), BotHarness.WAIT);
        assertThat(h.command("alerts off", bob, CHANNEL).text()).contains("paused");
        assertThat(h.command("alerts on", bob, CHANNEL).text()).contains("back on");
        assertThat(h.command("unsubscribe", alice, CHANNEL).text()).contains("no longer");
        h.command("remove web", bob, CHANNEL);
        h.slack
                .blockAction("server_remove", "remove_confirm", "web", bob, CHANNEL, null)
                .get(10, TimeUnit.SECONDS);
        h.slack.awaitResponseUrlPost(p -> p.text() != null && p.text().contains("removed"), BotHarness.WAIT);
        long after = System.currentTimeMillis();

        List<String[]> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + h.db);
                ResultSet rs = c.createStatement()
                        .executeQuery("SELECT at, actor, action, subject, detail FROM audit_log ORDER BY id")) {
            while (rs.next()) {
                long at = rs.getLong("at");
                assertThat(at).isBetween(before, after);
                rows.add(new String[] {
                    rs.getString("actor"), rs.getString("action"), rs.getString("subject"), rs.getString("detail")
                });
            }
        }
        assertThat(rows.stream().map(r -> r[0] + " " + r[1]).toList())
                .containsExactly(
                        "servers-file monitor.add",
                        alice + " monitor.add",
                        alice + " monitor.add",
                        bob + " monitor.update",
                        bob + " monitor.alerts_off",
                        bob + " monitor.alerts_on",
                        alice + " channel.subscribe",
                        bob + " channel.pause",
                        bob + " channel.resume",
                        alice + " channel.unsubscribe",
                        bob + " monitor.remove");
        assertThat(rows.get(3)[3]).contains("renamed from formed").contains("name=formed-2");
        assertThat(rows.get(6)[2]).isEqualTo("channel:" + CHANNEL);

        // Each row has its log line: one line, key=value, naming the actor.
        List<String> changes = logs.lines().stream()
                .map(LogCapture.Line::text)
                .filter(l -> l.startsWith("change actor="))
                .toList();
        assertThat(changes).hasSize(rows.size());
        assertThat(changes)
                .allMatch(l -> !l.contains("\n") && l.matches("change actor=\\S+ action=\\S+ subject=\\S+.*"));
        assertThat(changes.get(4)).startsWith("change actor=" + bob + " action=monitor.alerts_off subject=monitor:");
    }
}
