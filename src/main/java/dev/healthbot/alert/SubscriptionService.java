package dev.healthbot.alert;

import dev.healthbot.monitor.Environment;
import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.MonitorRepository;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Channel subscriptions: subscribe, unsubscribe, pause and list, the use cases behind the channel commands. Arguments are
 * environment names ({@code DEV}, {@code STAGE}, {@code LIVE}, any case) or server names; an
 * environment name wins over a server of the same name. Thread-safe; called from Slack handlers.
 */
public final class SubscriptionService {

    /** What a channel command changed, as data; the adapter words it for the user. */
    public sealed interface Change {
        /** The channel now hears {@code channel}; {@code added} names what was just subscribed, sorted. */
        record Subscribed(List<String> added, ChannelView channel) implements Change {}

        /**
         * Subscriptions were removed.
         *
         * @param channel what the channel still hears; null when it hears nothing any more
         * @param notSubscribed what was named but the channel never had, sorted
         */
        record Unsubscribed(ChannelView channel, List<String> notSubscribed) implements Change {}

        /** The channel's alerts were paused ({@code paused}) or resumed. */
        record Paused(boolean paused, ChannelView channel) implements Change {}

        /** Nothing changed: these names are neither an environment nor a server. */
        record UnknownServers(List<String> names) implements Change {}

        /** Nothing changed: the channel is not subscribed. */
        record NotSubscribed(String channel) implements Change {}
    }

    /**
     * A subscribed channel as users see it.
     *
     * @param selectors readable: "everything", "LIVE", or a server's current name
     * @param failingReason why the last delivery failed for good; null when healthy
     */
    public record ChannelView(
            String channel, List<String> selectors, boolean paused, String failingReason, Instant failingSince) {}

    /**
     * Error sources by name, for selectors that name one ({@code errors:<name>}, or the bare name when
     * no environment or server has it); implemented by the error-report core, wired in {@code Bot}.
     */
    public interface SourceNames {
        Optional<Long> idOf(String name);

        Optional<String> nameOf(long id);

        SourceNames NONE = new SourceNames() {
            @Override
            public Optional<Long> idOf(String name) {
                return Optional.empty();
            }

            @Override
            public Optional<String> nameOf(long id) {
                return Optional.empty();
            }
        };
    }

    private final SubscriptionRepository subscriptions;
    private final MonitorRepository monitors;
    private final InstantSource clock;
    private final SourceNames sources;

    public SubscriptionService(SubscriptionRepository subscriptions, MonitorRepository monitors, InstantSource clock) {
        this(subscriptions, monitors, clock, SourceNames.NONE);
    }

    public SubscriptionService(
            SubscriptionRepository subscriptions,
            MonitorRepository monitors,
            InstantSource clock,
            SourceNames sources) {
        this.subscriptions = subscriptions;
        this.monitors = monitors;
        this.clock = clock;
        this.sources = sources;
    }

    /** Subscribes the channel to the named environments and servers, or to everything when none are named. */
    public Change subscribe(String channel, List<String> args, String actor) {
        Parsed p = parse(args);
        if (!p.unknown().isEmpty()) {
            return new Change.UnknownServers(p.unknown());
        }
        Set<Selector> selectors = p.selectors().isEmpty() ? Set.of(Selector.everything()) : p.selectors();
        ChannelSubscription now = subscriptions.subscribe(channel, selectors, actor, clock.instant());
        return new Change.Subscribed(describeAll(selectors), view(now));
    }

    /** Removes the named selectors, or every subscription of the channel when none are named. */
    public Change unsubscribe(String channel, List<String> args, String actor) {
        Optional<ChannelSubscription> before = subscriptions.find(channel);
        if (before.isEmpty()) {
            return new Change.NotSubscribed(channel);
        }
        Parsed p = parse(args);
        if (!p.unknown().isEmpty()) {
            return new Change.UnknownServers(p.unknown());
        }
        Optional<ChannelSubscription> after = subscriptions.unsubscribe(channel, p.selectors(), actor, clock.instant());
        if (after.isEmpty()) {
            return new Change.Unsubscribed(null, List.of());
        }
        Set<Selector> notThere = new LinkedHashSet<>(p.selectors());
        notThere.removeAll(before.get().selectors());
        return new Change.Unsubscribed(view(after.get()), describeAll(notThere));
    }

    /** Pauses or resumes alerts for the channel; recoveries of outages it already heard of still arrive. */
    public Change pause(String channel, boolean paused, String actor) {
        if (!subscriptions.setPaused(channel, paused, actor, clock.instant())) {
            return new Change.NotSubscribed(channel);
        }
        return new Change.Paused(
                paused, subscriptions.find(channel).map(this::view).orElse(null));
    }

    /** The selectors the arguments name (everything when none), or empty when a name is unknown. */
    public Optional<Set<Selector>> selectors(List<String> args) {
        Parsed p = parse(args);
        if (!p.unknown().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(p.selectors().isEmpty() ? Set.of(Selector.everything()) : Set.copyOf(p.selectors()));
    }

    /** Every subscribed channel, by channel id. */
    public List<ChannelView> channels() {
        return subscriptions.all().stream().map(this::view).toList();
    }

    public Optional<ChannelView> channel(String channel) {
        return subscriptions.find(channel).map(this::view);
    }

    private ChannelView view(ChannelSubscription s) {
        List<Selector> sorted = new ArrayList<>(s.selectors());
        sorted.sort(Comparator.comparingInt(SubscriptionService::rank).thenComparing(this::describe));
        return new ChannelView(
                s.channel(),
                sorted.stream().map(this::describe).toList(),
                s.paused(),
                s.failingReason(),
                s.failingSince());
    }

    private static int rank(Selector s) {
        if (s instanceof Selector.Everything) {
            return 0;
        }
        if (s instanceof Selector.Env e) {
            return 1 + e.environment().ordinal();
        }
        return s instanceof Selector.ErrorSource ? 20 : 10;
    }

    private List<String> describeAll(Set<Selector> selectors) {
        List<Selector> sorted = new ArrayList<>(selectors);
        sorted.sort(Comparator.comparingInt(SubscriptionService::rank).thenComparing(this::describe));
        return sorted.stream().map(this::describe).toList();
    }

    private String describe(Selector s) {
        if (s instanceof Selector.Everything) {
            return "everything";
        }
        if (s instanceof Selector.Env e) {
            return e.environment().name();
        }
        if (s instanceof Selector.ErrorSource src) {
            return "errors:" + sources.nameOf(src.sourceId()).orElse("source #" + src.sourceId() + " (removed)");
        }
        long id = ((Selector.Server) s).monitorId();
        return monitors.findById(id).map(Monitor::name).orElse("server #" + id + " (removed)");
    }

    private record Parsed(Set<Selector> selectors, List<String> unknown) {}

    private Parsed parse(List<String> args) {
        Set<Selector> selectors = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String arg : args == null ? List.<String>of() : args) {
            for (String word : arg.split("[,\\s]+")) {
                if (word.isBlank()) {
                    continue;
                }
                Optional<Environment> env = Environment.parse(word);
                if (env.isPresent()) {
                    selectors.add(Selector.env(env.get()));
                    continue;
                }
                String lower = word.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("errors:") && word.length() > 7) {
                    Optional<Long> source = sources.idOf(word.substring(7));
                    if (source.isPresent()) {
                        selectors.add(Selector.errorSource(source.get()));
                    } else if (!unknown.contains(word)) {
                        unknown.add(word);
                    }
                    continue;
                }
                Optional<Monitor> m = monitors.findByName(word);
                Optional<Long> source = m.isPresent() ? Optional.empty() : sources.idOf(word);
                if (m.isPresent()) {
                    selectors.add(Selector.server(m.get().id()));
                } else if (source.isPresent()) {
                    selectors.add(Selector.errorSource(source.get()));
                } else if (!unknown.contains(word)) {
                    unknown.add(word);
                }
            }
        }
        return new Parsed(selectors, unknown);
    }
}
