package dev.healthbot.slack;

import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who gets in: guests and people of another organisation may read nothing but the help; full members may read; who
 * may change is the workspace's admins and owners (no {@code HEALTHBOT_ADMINS}), every member
 * ({@code HEALTHBOT_ADMINS=members}) or the named users and groups. What Slack says is asked through a
 * {@link Directory} within a bound, and when Slack cannot answer in time the attempt is refused with "try again",
 * never allowed. Thread-safe; every Slack entry point (command, button, form) asks {@link #decide} once.
 */
public final class AccessPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(AccessPolicy.class);

    /** Who may change servers and subscriptions. */
    public enum Changes {
        ADMINS_AND_OWNERS,
        MEMBERS,
        LISTED;

        /** The name in the start log line, e.g. {@code admins-and-owners}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * What a user attempts.
     *
     * @param action names it in the log, e.g. {@code add}, {@code list}, {@code server_remove}
     */
    public record Attempt(Access level, String action) {
        public static Attempt help() {
            return new Attempt(Access.HELP, "help");
        }

        public static Attempt read(String action) {
            return new Attempt(Access.READ, action);
        }

        public static Attempt change(String action) {
            return new Attempt(Access.CHANGE, action);
        }
    }

    /** The verdict before any user group is asked; pure. */
    enum Verdict {
        ALLOWED,
        NOT_A_MEMBER,
        NOT_AN_ADMIN,
        ASK_THE_LIST
    }

    static final String NOT_A_MEMBER_TEXT =
            "healthbot is for members of this workspace only, so it cannot do that for you.";
    static final String NOT_AN_ADMIN_TEXT = "Only workspace admins and owners may change servers and subscriptions.";
    static final String WHAT_TO_SET = "Ask whoever runs healthbot to set HEALTHBOT_ADMINS=members to let every member"
            + " change them, or HEALTHBOT_ADMINS to user and user group ids (e.g. U012AB3CD,S0ADMINS1) to name who may.";

    private static final Permissions.Decision NOT_A_MEMBER = new Permissions.Decision.Refused(
            ":no_entry: " + NOT_A_MEMBER_TEXT + " `/health help` says what it does.", NOT_A_MEMBER_TEXT);
    private static final Permissions.Decision NOT_AN_ADMIN = new Permissions.Decision.Refused(
            ":no_entry: " + NOT_AN_ADMIN_TEXT + " Ask whoever runs healthbot to set `HEALTHBOT_ADMINS=members` to let"
                    + " every member change them, or `HEALTHBOT_ADMINS` to user and user group ids (e.g."
                    + " `U012AB3CD,S0ADMINS1`) to name who may.",
            NOT_AN_ADMIN_TEXT + " " + WHAT_TO_SET);

    private final Directory directory;
    private final Permissions listed;
    private final Changes changes;
    private final Duration callBound;

    /**
     * @param listed the users and groups of {@code HEALTHBOT_ADMINS}; when it names any, only they may change
     * @param everyMember {@code HEALTHBOT_ADMINS=members}
     * @param callBound how long one decision may wait for Slack, well inside the 3 s ack deadline
     */
    public AccessPolicy(Directory directory, Permissions listed, boolean everyMember, Duration callBound) {
        this.directory = directory;
        this.listed = listed;
        this.changes = !listed.open() ? Changes.LISTED : everyMember ? Changes.MEMBERS : Changes.ADMINS_AND_OWNERS;
        this.callBound = callBound;
    }

    /** Who may change, for the start log line. */
    public Changes changes() {
        return changes;
    }

    /**
     * Whether {@code userId} may do {@code attempt}; takes at most about the call bound when Slack must be asked.
     *
     * @param payloadTeamId the user's team as the Slack payload gives it, or null
     */
    public Permissions.Decision decide(String userId, String payloadTeamId, Attempt attempt) {
        if (attempt.level() == Access.HELP) {
            return Permissions.ALLOWED;
        }
        Verdict verdict;
        try {
            long deadline = directory.deadline(callBound);
            Directory.Home home = directory.home(deadline);
            Directory.Person person = directory.person(userId, deadline);
            verdict = verdict(person, home, payloadTeamId, attempt.level(), changes);
            if (verdict == Verdict.NOT_A_MEMBER) {
                LOG.info(
                        "access refused user={} reason={} action={}",
                        userId,
                        outsider(person, home, payloadTeamId),
                        attempt.action());
            }
        } catch (CachedLookup.Unavailable e) {
            return Permissions.unknown(userId, attempt.action(), e.getMessage());
        }
        return switch (verdict) {
            case ALLOWED -> Permissions.ALLOWED;
            case NOT_A_MEMBER -> NOT_A_MEMBER;
            case ASK_THE_LIST -> listed.mayChange(userId, attempt.action());
            case NOT_AN_ADMIN -> {
                LOG.info("access refused user={} reason=not_admin action={}", userId, attempt.action());
                yield NOT_AN_ADMIN;
            }
        };
    }

    /** The verdict for what Slack says of a user; pure, so the rule is tested from a table. */
    static Verdict verdict(
            Directory.Person person, Directory.Home home, String payloadTeamId, Access level, Changes changes) {
        if (level == Access.HELP) {
            return Verdict.ALLOWED;
        }
        if (outsider(person, home, payloadTeamId) != null) {
            return Verdict.NOT_A_MEMBER;
        }
        if (level == Access.READ || changes == Changes.MEMBERS) {
            return Verdict.ALLOWED;
        }
        if (changes == Changes.LISTED) {
            return Verdict.ASK_THE_LIST;
        }
        return person.adminOrOwner() ? Verdict.ALLOWED : Verdict.NOT_AN_ADMIN;
    }

    /** Why the user is not a full member of the bot's workspace ({@code guest}, {@code external}, ...), or null. */
    static String outsider(Directory.Person person, Directory.Home home, String payloadTeamId) {
        if (!person.found()) {
            return "unknown_user";
        }
        if (person.inactive()) {
            return "inactive";
        }
        if (person.guest()) {
            return "guest";
        }
        if (person.stranger()) {
            return "external";
        }
        // On Enterprise Grid, another workspace of the same organisation is not another organisation.
        boolean sameOrganisation =
                home.enterpriseId() != null && home.enterpriseId().equals(person.enterpriseId());
        if (!sameOrganisation
                && (otherTeam(person.teamId(), home.teamId()) || otherTeam(payloadTeamId, home.teamId()))) {
            return "external";
        }
        return null;
    }

    private static boolean otherTeam(String team, String homeTeam) {
        return team != null && !team.isBlank() && !team.equals(homeTeam);
    }
}
