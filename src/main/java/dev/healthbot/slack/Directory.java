package dev.healthbot.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.model.Conversation;
import com.slack.api.model.User;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Slack says about the bot's own workspace ({@code auth.test}), a user ({@code users.info}) and a channel
 * ({@code conversations.info}), each kept a minute through a {@link CachedLookup}. A lookup throws
 * {@link CachedLookup.Unavailable} when Slack cannot answer before the caller's deadline. Thread-safe. Close once.
 */
public final class Directory implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Directory.class);

    /** The workspace the bot is installed in, and its Enterprise Grid organisation when it has one. */
    public record Home(String teamId, String enterpriseId) {}

    /**
     * A user as {@code users.info} describes them.
     *
     * @param found false when Slack knows no such user (for the bot's token)
     * @param guest a single- or multi-channel guest ({@code is_restricted}, {@code is_ultra_restricted})
     * @param stranger {@code is_stranger}: from another organisation, seen through a shared channel
     * @param adminOrOwner {@code is_admin} or {@code is_owner}
     * @param inactive a bot or a deactivated account
     * @param tz the user's time zone ({@code tz}, e.g. {@code Europe/Berlin}), or null
     */
    public record Person(
            String id,
            boolean found,
            String teamId,
            String enterpriseId,
            boolean guest,
            boolean stranger,
            boolean adminOrOwner,
            boolean inactive,
            String tz) {

        public Person(
                String id,
                boolean found,
                String teamId,
                String enterpriseId,
                boolean guest,
                boolean stranger,
                boolean adminOrOwner,
                boolean inactive) {
            this(id, found, teamId, enterpriseId, guest, stranger, adminOrOwner, inactive, null);
        }
    }

    /**
     * A channel as {@code conversations.info} describes it.
     *
     * @param found false when the bot cannot see the channel ({@code channel_not_found})
     * @param extShared {@code is_ext_shared}: shared with another organisation (Slack Connect)
     */
    public record Room(
            String id, boolean found, boolean archived, boolean isPrivate, boolean member, boolean extShared) {}

    private final MethodsClient methods;
    private final CachedLookup<String, Home> home;
    private final CachedLookup<String, Person> people;
    private final CachedLookup<String, Room> rooms;

    public Directory(MethodsClient methods, Duration cacheFor) {
        this(methods, cacheFor, System::nanoTime);
    }

    Directory(MethodsClient methods, Duration cacheFor, LongSupplier nanoTime) {
        this.methods = methods;
        this.home = new CachedLookup<>("slack-auth", k -> fetchHome(), cacheFor, nanoTime);
        this.people = new CachedLookup<>("slack-users", this::fetchPerson, cacheFor, nanoTime);
        this.rooms = new CachedLookup<>("slack-channels", this::fetchRoom, cacheFor, nanoTime);
    }

    /** The time {@code bound} from now, to pass to the lookups below. */
    public long deadline(Duration bound) {
        return people.deadline(bound);
    }

    /** The bot's workspace; throws {@link CachedLookup.Unavailable} past {@code deadline}. */
    public Home home(long deadline) {
        return home.get("auth", deadline);
    }

    /** The user, from the cache or Slack; throws {@link CachedLookup.Unavailable} past {@code deadline}. */
    public Person person(String userId, long deadline) {
        return people.get(userId, deadline);
    }

    /** The channel, from the cache or Slack; throws {@link CachedLookup.Unavailable} past {@code deadline}. */
    public Room room(String channelId, long deadline) {
        return rooms.get(channelId, deadline);
    }

    /** The channel as Slack sees it now, for a change that must not act on a minute-old answer. */
    public Room roomNow(String channelId, long deadline) {
        return rooms.fresh(channelId, deadline);
    }

    private Home fetchHome() {
        var auth = ask("auth.test", "", () -> methods.authTest(r -> r), null);
        return new Home(auth.getTeamId(), auth.getEnterpriseId());
    }

    private Person fetchPerson(String userId) {
        var info = ask("users.info", userId, () -> methods.usersInfo(r -> r.user(userId)), "user_not_found");
        if (!info.isOk()) {
            return new Person(userId, false, null, null, false, false, false, true);
        }
        User u = info.getUser();
        String enterprise = u.getEnterpriseUser() == null
                ? u.getEnterpriseId()
                : u.getEnterpriseUser().getEnterpriseId();
        return new Person(
                userId,
                true,
                u.getTeamId(),
                enterprise,
                u.isRestricted() || u.isUltraRestricted(),
                u.isStranger(),
                u.isAdmin() || u.isOwner() || u.isPrimaryOwner(),
                u.isBot() || u.isDeleted(),
                u.getTz());
    }

    /**
     * The user's time zone as Slack knows it; empty when unknown or when Slack does not answer within
     * {@link Permissions#CALL_BOUND}.
     */
    public java.util.Optional<java.time.ZoneId> zone(String userId) {
        try {
            String tz = person(userId, deadline(Permissions.CALL_BOUND)).tz();
            return tz == null || tz.isBlank()
                    ? java.util.Optional.empty()
                    : java.util.Optional.of(java.time.ZoneId.of(tz));
        } catch (CachedLookup.Unavailable | java.time.DateTimeException e) {
            return java.util.Optional.empty();
        }
    }

    private Room fetchRoom(String channelId) {
        var info = ask(
                "conversations.info",
                channelId,
                () -> methods.conversationsInfo(r -> r.channel(channelId)),
                "channel_not_found");
        if (!info.isOk()) {
            return new Room(channelId, false, false, false, false, false);
        }
        Conversation c = info.getChannel();
        return new Room(channelId, true, c.isArchived(), c.isPrivate(), c.isMember(), c.isExtShared());
    }

    /** A Slack call whose failure becomes {@link CachedLookup.Unavailable}; {@code absent} is an answer, not one. */
    private <T extends SlackApiTextResponse> T ask(String method, String subject, SlackCall<T> call, String absent) {
        T response;
        try {
            response = call.send();
        } catch (Exception e) {
            LOG.warn(
                    "lookup failed method={} subject={} error={}",
                    method,
                    subject,
                    e.getClass().getSimpleName());
            throw new CachedLookup.Unavailable("Slack could not be reached");
        }
        if (!response.isOk() && !java.util.Objects.equals(response.getError(), absent)) {
            LOG.warn("lookup refused method={} subject={} error={}", method, subject, response.getError());
            throw new CachedLookup.Unavailable("Slack answered " + response.getError());
        }
        return response;
    }

    /** One Web API call. */
    private interface SlackCall<T> {
        T send() throws Exception;
    }

    @Override
    public void close() {
        home.close();
        people.close();
        rooms.close();
    }
}
