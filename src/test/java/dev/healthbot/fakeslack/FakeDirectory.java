package dev.healthbot.fakeslack;

import com.google.gson.JsonObject;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who the fake's users are and which of its channels are shared with another organisation, as {@code users.info},
 * {@code conversations.info} and the Socket Mode payloads tell the bot. A user never described is a workspace admin of
 * {@link FakeSlack#TEAM_ID}, so tests that are not about access may change everything. To make {@code users.info}
 * fail or hang, use {@link FakeSlack#failNext} and {@link FakeSlack#delay}. Thread-safe.
 */
public final class FakeDirectory {

    /** Another organisation's team, for people from a Slack Connect channel. */
    public static final String OTHER_TEAM_ID = "T0OTHER01";

    /**
     * What {@code users.info} says of one user.
     *
     * @param teamId the user's team, also carried in the payloads of what they send
     */
    public record Person(
            String teamId,
            boolean restricted,
            boolean ultraRestricted,
            boolean admin,
            boolean owner,
            boolean stranger) {

        public static final Person ADMIN = new Person(FakeSlack.TEAM_ID, false, false, true, false, false);
        public static final Person OWNER = new Person(FakeSlack.TEAM_ID, false, false, false, true, false);
        public static final Person MEMBER = new Person(FakeSlack.TEAM_ID, false, false, false, false, false);
        /** A multi-channel guest ({@code is_restricted}). */
        public static final Person GUEST = new Person(FakeSlack.TEAM_ID, true, false, false, false, false);
        /** A single-channel guest ({@code is_ultra_restricted}). */
        public static final Person SINGLE_CHANNEL_GUEST =
                new Person(FakeSlack.TEAM_ID, true, true, false, false, false);
        /** A member of another organisation, as seen through a shared channel: another team, admin there. */
        public static final Person EXTERNAL = new Person(OTHER_TEAM_ID, false, false, true, false, false);
        /** Someone Slack calls a stranger ({@code is_stranger}), though the payload names the bot's own team. */
        public static final Person STRANGER = new Person(FakeSlack.TEAM_ID, false, false, false, false, true);
    }

    private final Map<String, Person> people = new ConcurrentHashMap<>();
    private final Set<String> sharedChannels = ConcurrentHashMap.newKeySet();

    FakeDirectory() {}

    /** Describes {@code userId} from now on. */
    public FakeDirectory set(String userId, Person person) {
        people.put(userId, person);
        return this;
    }

    /** Makes {@code channelId} shared with another organisation ({@code is_ext_shared}), or not. */
    public FakeDirectory shared(String channelId, boolean shared) {
        if (shared) {
            sharedChannels.add(channelId);
        } else {
            sharedChannels.remove(channelId);
        }
        return this;
    }

    /** The user as described, or an admin of the fake's workspace. */
    public Person person(String userId) {
        return people.getOrDefault(userId, Person.ADMIN);
    }

    /** The user's team, for payloads. */
    String teamOf(String userId) {
        return person(userId).teamId();
    }

    /** Writes the user's attributes into a {@code users.info} user object. */
    void describeUser(String userId, JsonObject u) {
        Person p = person(userId);
        u.addProperty("team_id", p.teamId());
        u.addProperty("is_admin", p.admin());
        u.addProperty("is_owner", p.owner());
        u.addProperty("is_primary_owner", false);
        u.addProperty("is_restricted", p.restricted());
        u.addProperty("is_ultra_restricted", p.ultraRestricted());
        if (p.stranger()) {
            u.addProperty("is_stranger", true);
        }
    }

    /** Writes the channel's sharing into a {@code conversations.info} channel object. */
    void describeChannel(String channelId, JsonObject c) {
        boolean shared = sharedChannels.contains(channelId);
        c.addProperty("is_shared", shared);
        c.addProperty("is_ext_shared", shared);
    }
}
