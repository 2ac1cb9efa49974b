package dev.healthbot.slack.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.model.view.ViewState;
import dev.healthbot.fakeslack.FakeDirectory;
import dev.healthbot.fakeslack.FakeSlack;
import dev.healthbot.slack.Access;
import dev.healthbot.slack.AccessPolicy;
import dev.healthbot.slack.Directory;
import dev.healthbot.slack.Permissions;
import dev.healthbot.slack.transport.SlackApi;
import dev.healthbot.slack.view.Reply;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The handler table's one gate, asked of the fake Slack's {@code users.info}: whatever declares CHANGE is refused to a
 * member who is not an admin, and whatever is not HELP to a guest, typed, submitted or clicked.
 */
class HandlersTest {

    static final String ADMIN = "U0ADMIN";
    static final String MEMBER = "U0MEMBER";
    static final String GUEST = "U0GUEST";

    final AtomicInteger ran = new AtomicInteger();
    final FakeSlack slack = FakeSlack.start();
    final SlackApi api = new SlackApi(FakeSlack.BOT_TOKEN, FakeSlack.APP_TOKEN, slack.apiUrl());
    final Directory directory = new Directory(api.methods(), Permissions.CACHE_FOR);
    final Permissions listed = new Permissions(List.of(), api.methods(), Permissions.CACHE_FOR, Permissions.CALL_BOUND);

    @RegisterExtension
    final dev.healthbot.store.SqliteStore store = new dev.healthbot.store.SqliteStore();

    @AfterEach
    void close() {
        listed.close();
        directory.close();
        api.close();
        slack.close();
    }

    Subcommand command(String name, Access access) {
        return new Subcommand() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String usage() {
                return "/health " + name;
            }

            @Override
            public String summary() {
                return name;
            }

            @Override
            public Access access() {
                return access;
            }

            @Override
            public Reply handle(CommandRequest request) {
                ran.incrementAndGet();
                return Reply.text("done " + name);
            }
        };
    }

    final ViewHandler form = new ViewHandler() {
        @Override
        public String callbackId() {
            return "form";
        }

        @Override
        public String action() {
            return "add";
        }

        @Override
        public String formErrorBlock() {
            return "name";
        }

        @Override
        public Result submit(String userId, String privateMetadata, Map<String, Map<String, ViewState.Value>> values) {
            ran.incrementAndGet();
            return new Result.Close(null);
        }
    };

    ActionHandler button(Access access) {
        return new ActionHandler() {
            @Override
            public String actionId() {
                return "button";
            }

            @Override
            public Access access() {
                return access;
            }

            @Override
            public Reply clicked(String userId, String channelId, String value) {
                ran.incrementAndGet();
                return Reply.text("clicked");
            }
        };
    }

    Handlers table() {
        return new Handlers(
                List.of(command("help", Access.HELP), command("list", Access.READ), command("add", Access.CHANGE)),
                List.of(form),
                List.of(button(Access.CHANGE)),
                new AccessPolicy(directory, listed, false, Permissions.CALL_BOUND));
    }

    @Test
    void aMemberMayReadButNotChangeWhetherTypedSubmittedOrClicked() {
        slack.directory().set(MEMBER, FakeDirectory.Person.MEMBER);
        Handlers h = table();

        assertThat(h.command("help", MEMBER, FakeSlack.TEAM_ID, "C1", null, null)
                        .text())
                .isEqualTo("done help");
        assertThat(h.command("list", MEMBER, FakeSlack.TEAM_ID, "C1", null, null)
                        .text())
                .isEqualTo("done list");
        assertThat(h.command("add", MEMBER, FakeSlack.TEAM_ID, "C1", null, null).text())
                .contains("Only workspace admins and owners");
        assertThat(h.submit(form, MEMBER, FakeSlack.TEAM_ID, null, Map.of()))
                .isInstanceOfSatisfying(ViewHandler.Result.Errors.class, e -> assertThat(e.errorsByBlock())
                        .containsOnlyKeys("name"));
        assertThat(h.click(h.actions().get(0), MEMBER, FakeSlack.TEAM_ID, "C1", "x")
                        .text())
                .contains("Only workspace admins and owners");

        assertThat(ran).hasValue(2);
    }

    @Test
    void anAdminMayChangeEverywhere() {
        Handlers h = table();

        assertThat(h.command("add", ADMIN, FakeSlack.TEAM_ID, "C1", null, null).text())
                .isEqualTo("done add");
        assertThat(h.submit(form, ADMIN, FakeSlack.TEAM_ID, null, Map.of()))
                .isInstanceOf(ViewHandler.Result.Close.class);
        assertThat(h.click(h.actions().get(0), ADMIN, FakeSlack.TEAM_ID, "C1", "x")
                        .text())
                .isEqualTo("clicked");

        assertThat(ran).hasValue(3);
    }

    @Test
    void aGuestGetsOnlyTheHelpWhetherTypedSubmittedOrClicked() {
        slack.directory().set(GUEST, FakeDirectory.Person.GUEST);
        Handlers h = table();

        assertThat(h.command("help", GUEST, FakeSlack.TEAM_ID, "C1", null, null).text())
                .isEqualTo("done help");
        assertThat(h.command("list", GUEST, FakeSlack.TEAM_ID, "C1", null, null).text())
                .contains("members of this workspace only");
        assertThat(h.submit(form, GUEST, FakeSlack.TEAM_ID, null, Map.of()))
                .isInstanceOf(ViewHandler.Result.Errors.class);
        assertThat(h.click(h.actions().get(0), GUEST, FakeSlack.TEAM_ID, "C1", "x")
                        .text())
                .contains("members of this workspace only");

        assertThat(ran).hasValue(1);
    }

    @Test
    void aMemberMayListErrorSourcesButNotAddRemoveOrRotateThem() {
        slack.directory().set(MEMBER, FakeDirectory.Person.MEMBER);
        var sources = new dev.healthbot.errors.ErrorSources(
                new dev.healthbot.store.JdbiErrorRepository(store.db()), java.time.Instant::now);
        Handlers h = new Handlers(
                List.of(new ErrorsCommand(sources, () -> "https://health.example.com")),
                List.of(),
                List.of(),
                new AccessPolicy(directory, listed, false, Permissions.CALL_BOUND));
        assertThat(h.command("errors add checkout env=LIVE", ADMIN, FakeSlack.TEAM_ID, "C1", null, null)
                        .text())
                .contains("Sentry DSN");

        assertThat(h.command("errors list", MEMBER, FakeSlack.TEAM_ID, "C1", null, null)
                        .text())
                .contains("checkout")
                .doesNotContain(sources.find("checkout").orElseThrow().key());
        assertThat(h.command("errors", MEMBER, FakeSlack.TEAM_ID, "C1", null, null)
                        .text())
                .contains("checkout");
        for (String change : List.of("errors add other", "errors remove checkout", "errors rotate checkout")) {
            assertThat(h.command(change, MEMBER, FakeSlack.TEAM_ID, "C1", null, null)
                            .text())
                    .as(change)
                    .contains("Only workspace admins and owners");
        }
        assertThat(sources.list())
                .extracting(dev.healthbot.errors.ErrorSource::name)
                .containsExactly("checkout");
    }
}
