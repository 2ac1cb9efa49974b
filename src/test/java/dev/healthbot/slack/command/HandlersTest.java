package dev.healthbot.slack.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.model.view.ViewState;
import dev.healthbot.slack.Access;
import dev.healthbot.slack.Permissions;
import dev.healthbot.slack.view.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The handler table's one gate: whatever declares CHANGE is refused to a non-admin, typed, submitted or clicked. */
class HandlersTest {

    static final String ADMIN = "U0ADMIN";
    static final String MEMBER = "U0MEMBER";

    final AtomicInteger ran = new AtomicInteger();
    final Permissions permissions =
            new Permissions(List.of(ADMIN), null, Duration.ofSeconds(60), Duration.ofSeconds(1));

    @AfterEach
    void close() {
        permissions.close();
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
                permissions);
    }

    @Test
    void aMemberMayReadButNotChangeWhetherTypedSubmittedOrClicked() {
        Handlers h = table();

        assertThat(h.command("help", MEMBER, "C1", null, null).text()).isEqualTo("done help");
        assertThat(h.command("list", MEMBER, "C1", null, null).text()).isEqualTo("done list");
        assertThat(h.command("add", MEMBER, "C1", null, null).text()).contains("Only healthbot admins");
        assertThat(h.submit(form, MEMBER, null, Map.of()))
                .isInstanceOfSatisfying(ViewHandler.Result.Errors.class, e -> assertThat(e.errorsByBlock())
                        .containsOnlyKeys("name"));
        assertThat(h.click(h.actions().get(0), MEMBER, "C1", "x").text()).contains("Only healthbot admins");

        assertThat(ran).hasValue(2);
    }

    @Test
    void anAdminMayChangeEverywhere() {
        Handlers h = table();

        assertThat(h.command("add", ADMIN, "C1", null, null).text()).isEqualTo("done add");
        assertThat(h.submit(form, ADMIN, null, Map.of())).isInstanceOf(ViewHandler.Result.Close.class);
        assertThat(h.click(h.actions().get(0), ADMIN, "C1", "x").text()).isEqualTo("clicked");

        assertThat(ran).hasValue(3);
    }
}
