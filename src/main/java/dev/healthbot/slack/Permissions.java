package dev.healthbot.slack;

import com.slack.api.methods.MethodsClient;
import dev.healthbot.slack.view.BlockKit;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may change servers and subscriptions when {@code HEALTHBOT_ADMINS} names them: those users and the members of
 * those user groups. Group members come from {@code usergroups.users.list} through a {@link CachedLookup}, so they are
 * kept a minute and a check never holds a Slack ack for long; when Slack cannot answer, the change is refused, never
 * allowed. Thread-safe; called through {@link AccessPolicy}. Close once.
 */
public final class Permissions implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Permissions.class);
    public static final Duration CACHE_FOR = Duration.ofSeconds(60);
    public static final Duration CALL_BOUND = Duration.ofMillis(1500);

    /** The answer to "may this user change things?". */
    public sealed interface Decision {
        /** Go ahead. */
        record Allowed() implements Decision {}

        /**
         * Refused.
         *
         * @param message mrkdwn for an ephemeral reply (may mention the admins)
         * @param plain the same in plain text, for a modal field error
         */
        record Refused(String message, String plain) implements Decision {}
    }

    static final Decision ALLOWED = new Decision.Allowed();

    private final List<String> users;
    private final List<String> groups;
    private final MethodsClient methods;
    private final Duration callBound;
    private final CachedLookup<String, Set<String>> members;

    /**
     * @param admins user ids ({@code U...}, {@code W...}) and user group ids ({@code S...}); empty names nobody
     */
    public Permissions(List<String> admins, MethodsClient methods, Duration cacheFor, Duration callBound) {
        this(admins, methods, cacheFor, callBound, System::nanoTime);
    }

    Permissions(
            List<String> admins, MethodsClient methods, Duration cacheFor, Duration callBound, LongSupplier nanoTime) {
        this.users = admins.stream().filter(a -> !a.startsWith("S")).toList();
        this.groups = admins.stream().filter(a -> a.startsWith("S")).toList();
        this.methods = methods;
        this.callBound = callBound;
        this.members = new CachedLookup<>("slack-permissions", this::fetch, cacheFor, nanoTime);
    }

    /** True when no admins are named. */
    public boolean open() {
        return users.isEmpty() && groups.isEmpty();
    }

    /**
     * Whether {@code userId} is one of the named admins; takes at most about {@link #CALL_BOUND} when a group must
     * be asked.
     *
     * @param action what the user tried, for the log line of a refusal
     */
    public Decision mayChange(String userId, String action) {
        if (userId != null && users.contains(userId)) {
            return ALLOWED;
        }
        String failure = null;
        long deadline = members.deadline(callBound);
        for (String group : groups) {
            try {
                if (members.get(group, deadline).contains(userId)) {
                    return ALLOWED;
                }
            } catch (CachedLookup.Unavailable e) {
                failure = e.getMessage();
            }
        }
        if (failure != null) {
            return unknown(userId, action, failure);
        }
        LOG.info("permission refused user={} action={}", userId, action);
        return new Decision.Refused(
                ":no_entry: Only healthbot admins may change servers and subscriptions: " + mentions()
                        + ". Ask one of them.",
                "Only healthbot admins may change servers and subscriptions. Ask one of them.");
    }

    /** The refusal when Slack could not say who the user is or what groups they are in: try again, never allowed. */
    static Decision unknown(String userId, String action, String failure) {
        LOG.warn("permission unknown user={} action={} reason={}", userId, action, failure.replace(' ', '_'));
        String text = "Could not check your permission with Slack (" + failure + "). Try again in a moment.";
        return new Decision.Refused(":warning: " + BlockKit.escape(text), text);
    }

    /** The admins as Slack mentions, built from the configured ids only, never from user input. */
    String mentions() {
        String u = users.stream().map(id -> "<@" + id + ">").collect(Collectors.joining(", "));
        String g = groups.stream().map(id -> "<!subteam^" + id + ">").collect(Collectors.joining(", "));
        return u.isEmpty() ? g : g.isEmpty() ? u : u + ", " + g;
    }

    private Set<String> fetch(String group) {
        try {
            var response = methods.usergroupsUsersList(r -> r.usergroup(group));
            if (response.isOk()) {
                return Set.copyOf(response.getUsers() == null ? List.of() : response.getUsers());
            }
            if ("no_such_subteam".equals(response.getError())) {
                LOG.warn("admin group unknown group={} error=no_such_subteam", group);
                return Set.of();
            }
            LOG.warn("admin group refused group={} error={}", group, response.getError());
            throw new CachedLookup.Unavailable("Slack answered " + response.getError());
        } catch (CachedLookup.Unavailable e) {
            throw e;
        } catch (Exception e) {
            LOG.warn("admin group failed group={} error={}", group, e.getClass().getSimpleName());
            throw new CachedLookup.Unavailable("Slack could not be reached");
        }
    }

    @Override
    public void close() {
        members.close();
    }
}
