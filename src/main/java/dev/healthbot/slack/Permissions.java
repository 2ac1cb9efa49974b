package dev.healthbot.slack;

import com.slack.api.methods.MethodsClient;
import dev.healthbot.slack.view.BlockKit;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may change servers and subscriptions: the users and user groups named in
 * {@code HEALTHBOT_ADMINS}, or everyone when none are named. Group members come from
 * {@code usergroups.users.list}, cached for a minute; a call is bounded so a check never holds a
 * Slack ack for long, and when Slack cannot answer the change is refused, never allowed.
 * Thread-safe; called from Slack handlers. Close once.
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

    private static final Decision ALLOWED = new Decision.Allowed();

    private record Cached(Set<String> users, long fetchedNanos) {}

    private final List<String> users;
    private final List<String> groups;
    private final MethodsClient methods;
    private final Duration cacheFor;
    private final Duration callBound;
    private final LongSupplier nanoTime;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Set<String>>> inflight = new ConcurrentHashMap<>();
    private final ExecutorService calls;

    /**
     * @param admins user ids ({@code U...}, {@code W...}) and user group ids ({@code S...}); empty means everyone
     */
    public Permissions(List<String> admins, MethodsClient methods, Duration cacheFor, Duration callBound) {
        this(admins, methods, cacheFor, callBound, System::nanoTime);
    }

    Permissions(
            List<String> admins, MethodsClient methods, Duration cacheFor, Duration callBound, LongSupplier nanoTime) {
        this.users = admins.stream().filter(a -> !a.startsWith("S")).toList();
        this.groups = admins.stream().filter(a -> a.startsWith("S")).toList();
        this.methods = methods;
        this.cacheFor = cacheFor;
        this.callBound = callBound;
        this.nanoTime = nanoTime;
        AtomicInteger n = new AtomicInteger();
        this.calls = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "slack-permissions-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Everyone may change everything (no {@code HEALTHBOT_ADMINS}). */
    public static Permissions everyone() {
        return new Permissions(List.of(), null, CACHE_FOR, CALL_BOUND);
    }

    /** True when no admins are named, so everyone may change everything. */
    public boolean open() {
        return users.isEmpty() && groups.isEmpty();
    }

    /**
     * Whether {@code userId} may use an interaction that declares {@code access}: the one gate in
     * front of every command, form submission and button click.
     *
     * @param action what the user tried, for the log line of a refusal
     */
    public Decision allows(String userId, Access access, String action) {
        return access == Access.CHANGE ? mayChange(userId, action) : ALLOWED;
    }

    /**
     * Whether {@code userId} may make a change; takes at most about {@link #CALL_BOUND} when a group
     * must be asked.
     *
     * @param action what the user tried, for the log line of a refusal
     */
    private Decision mayChange(String userId, String action) {
        if (open() || (userId != null && users.contains(userId))) {
            return ALLOWED;
        }
        String failure = null;
        long deadline = nanoTime.getAsLong() + callBound.toNanos();
        for (String group : groups) {
            try {
                long left = Math.max(1, deadline - nanoTime.getAsLong());
                if (members(group).get(left, TimeUnit.NANOSECONDS).contains(userId)) {
                    return ALLOWED;
                }
            } catch (TimeoutException e) {
                failure = "Slack did not answer in time";
            } catch (ExecutionException e) {
                failure = e.getCause() instanceof GroupUnavailable g ? g.getMessage() : "Slack could not be reached";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = "interrupted";
            }
        }
        if (failure != null) {
            LOG.warn("permission unknown user={} action={} reason={}", userId, action, failure.replace(' ', '_'));
            String text = "Could not check your permission with Slack (" + failure + "). Try again in a moment.";
            return new Decision.Refused(":warning: " + BlockKit.escape(text), text);
        }
        LOG.info("permission refused user={} action={}", userId, action);
        return new Decision.Refused(
                ":no_entry: Only healthbot admins may change servers and subscriptions: " + mentions()
                        + ". Ask one of them.",
                "Only healthbot admins may change servers and subscriptions. Ask one of them.");
    }

    /** The admins as Slack mentions, built from the configured ids only, never from user input. */
    String mentions() {
        String u = users.stream().map(id -> "<@" + id + ">").collect(Collectors.joining(", "));
        String g = groups.stream().map(id -> "<!subteam^" + id + ">").collect(Collectors.joining(", "));
        return u.isEmpty() ? g : g.isEmpty() ? u : u + ", " + g;
    }

    private CompletableFuture<Set<String>> members(String group) {
        Cached c = cache.get(group);
        if (c != null && nanoTime.getAsLong() - c.fetchedNanos() < cacheFor.toNanos()) {
            return CompletableFuture.completedFuture(c.users());
        }
        CompletableFuture<Set<String>> mine = new CompletableFuture<>();
        CompletableFuture<Set<String>> running = inflight.putIfAbsent(group, mine);
        if (running != null) {
            return running;
        }
        // A call that outlives the bound still fills the cache, so the user's retry is answered at once.
        calls.execute(() -> {
            try {
                Set<String> users = fetch(group);
                cache.put(group, new Cached(users, nanoTime.getAsLong()));
                mine.complete(users);
            } catch (RuntimeException e) {
                mine.completeExceptionally(e);
            } finally {
                inflight.remove(group, mine);
            }
        });
        return mine;
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
            throw new GroupUnavailable("Slack answered " + response.getError());
        } catch (GroupUnavailable e) {
            throw e;
        } catch (Exception e) {
            LOG.warn("admin group failed group={} error={}", group, e.getClass().getSimpleName());
            throw new GroupUnavailable("Slack could not be reached");
        }
    }

    @Override
    public void close() {
        calls.shutdownNow();
    }

    /** A group whose members Slack would not tell. */
    private static final class GroupUnavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        GroupUnavailable(String message) {
            super(message, null, false, false);
        }
    }
}
