package dev.healthbot.slack;

import static dev.healthbot.slack.Access.CHANGE;
import static dev.healthbot.slack.Access.HELP;
import static dev.healthbot.slack.Access.READ;
import static dev.healthbot.slack.AccessPolicy.Changes.ADMINS_AND_OWNERS;
import static dev.healthbot.slack.AccessPolicy.Changes.LISTED;
import static dev.healthbot.slack.AccessPolicy.Changes.MEMBERS;
import static dev.healthbot.slack.AccessPolicy.Verdict.ALLOWED;
import static dev.healthbot.slack.AccessPolicy.Verdict.ASK_THE_LIST;
import static dev.healthbot.slack.AccessPolicy.Verdict.NOT_AN_ADMIN;
import static dev.healthbot.slack.AccessPolicy.Verdict.NOT_A_MEMBER;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The access rule from a table: who the user is, what they attempt, and which policy is in force. */
class AccessPolicyTest {

    static final Directory.Home HOME = new Directory.Home("T0HOME", null);
    static final Directory.Home GRID = new Directory.Home("T0HOME", "E0ORG");

    static Directory.Person person(String team, boolean guest, boolean stranger, boolean admin) {
        return new Directory.Person("U1", true, team, null, guest, stranger, admin, false);
    }

    static final Directory.Person MEMBER = person("T0HOME", false, false, false);
    static final Directory.Person ADMIN = person("T0HOME", false, false, true);
    static final Directory.Person GUEST = person("T0HOME", true, false, false);
    static final Directory.Person GUEST_ADMIN_FLAG = person("T0HOME", true, false, true);
    static final Directory.Person STRANGER = person("T0HOME", false, true, true);
    static final Directory.Person OTHER_TEAM = person("T0OTHER", false, false, true);
    static final Directory.Person SAME_ORG_OTHER_WORKSPACE =
            new Directory.Person("U1", true, "T0SISTER", "E0ORG", false, false, false, false);
    static final Directory.Person UNKNOWN = new Directory.Person("U1", false, null, null, false, false, false, true);
    static final Directory.Person DEACTIVATED =
            new Directory.Person("U1", true, "T0HOME", null, false, false, true, true);

    record Row(
            String why,
            Directory.Person person,
            Directory.Home home,
            String payloadTeam,
            Access level,
            AccessPolicy.Changes changes,
            AccessPolicy.Verdict expected) {}

    static final List<Row> TABLE = List.of(
            new Row("anyone may ask for help", GUEST, HOME, "T0OTHER", HELP, ADMINS_AND_OWNERS, ALLOWED),
            new Row("a member reads", MEMBER, HOME, "T0HOME", READ, ADMINS_AND_OWNERS, ALLOWED),
            new Row(
                    "a member may not change by default",
                    MEMBER,
                    HOME,
                    "T0HOME",
                    CHANGE,
                    ADMINS_AND_OWNERS,
                    NOT_AN_ADMIN),
            new Row("an admin or owner changes by default", ADMIN, HOME, "T0HOME", CHANGE, ADMINS_AND_OWNERS, ALLOWED),
            new Row("members: a member changes", MEMBER, HOME, null, CHANGE, MEMBERS, ALLOWED),
            new Row("a list: the list decides", MEMBER, HOME, "T0HOME", CHANGE, LISTED, ASK_THE_LIST),
            new Row("a list: an admin is asked too", ADMIN, HOME, "T0HOME", CHANGE, LISTED, ASK_THE_LIST),
            new Row("a list: a member reads", MEMBER, HOME, "T0HOME", READ, LISTED, ALLOWED),
            new Row("a guest may not read", GUEST, HOME, "T0HOME", READ, MEMBERS, NOT_A_MEMBER),
            new Row("a guest may not change", GUEST, HOME, "T0HOME", CHANGE, MEMBERS, NOT_A_MEMBER),
            new Row(
                    "a guest is not saved by an admin flag",
                    GUEST_ADMIN_FLAG,
                    HOME,
                    null,
                    CHANGE,
                    LISTED,
                    NOT_A_MEMBER),
            new Row("a stranger may not read", STRANGER, HOME, "T0HOME", READ, MEMBERS, NOT_A_MEMBER),
            new Row("another team in users.info", OTHER_TEAM, HOME, "T0HOME", READ, MEMBERS, NOT_A_MEMBER),
            new Row("another team in the payload", ADMIN, HOME, "T0OTHER", CHANGE, ADMINS_AND_OWNERS, NOT_A_MEMBER),
            new Row("no team in the payload", ADMIN, HOME, null, CHANGE, ADMINS_AND_OWNERS, ALLOWED),
            new Row("a blank team in the payload", ADMIN, HOME, " ", CHANGE, ADMINS_AND_OWNERS, ALLOWED),
            new Row("same Grid organisation", SAME_ORG_OTHER_WORKSPACE, GRID, "T0SISTER", READ, MEMBERS, ALLOWED),
            new Row(
                    "another workspace, no Grid",
                    SAME_ORG_OTHER_WORKSPACE,
                    HOME,
                    "T0SISTER",
                    READ,
                    MEMBERS,
                    NOT_A_MEMBER),
            new Row("a user Slack does not know", UNKNOWN, HOME, "T0HOME", READ, MEMBERS, NOT_A_MEMBER),
            new Row("a deactivated admin", DEACTIVATED, HOME, "T0HOME", CHANGE, ADMINS_AND_OWNERS, NOT_A_MEMBER));

    @Test
    void everyRowOfTheTableHolds() {
        for (Row row : TABLE) {
            assertThat(AccessPolicy.verdict(row.person(), row.home(), row.payloadTeam(), row.level(), row.changes()))
                    .as(row.why())
                    .isEqualTo(row.expected());
        }
    }

    @Test
    void theOutsiderReasonNamesTheKind() {
        assertThat(AccessPolicy.outsider(GUEST, HOME, null)).isEqualTo("guest");
        assertThat(AccessPolicy.outsider(STRANGER, HOME, null)).isEqualTo("external");
        assertThat(AccessPolicy.outsider(OTHER_TEAM, HOME, null)).isEqualTo("external");
        assertThat(AccessPolicy.outsider(UNKNOWN, HOME, null)).isEqualTo("unknown_user");
        assertThat(AccessPolicy.outsider(DEACTIVATED, HOME, null)).isEqualTo("inactive");
        assertThat(AccessPolicy.outsider(MEMBER, HOME, "T0HOME")).isNull();
    }

    @Test
    void theStartLogNamesThePolicy() {
        assertThat(ADMINS_AND_OWNERS.label()).isEqualTo("admins-and-owners");
        assertThat(MEMBERS.label()).isEqualTo("members");
        assertThat(LISTED.label()).isEqualTo("listed");
    }
}
