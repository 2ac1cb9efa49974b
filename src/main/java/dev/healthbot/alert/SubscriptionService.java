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
 * Use cases behind the channel commands: subscribe, unsubscribe, pause and list. Arguments are
 * environment names ({@code DEV}, {@code STAGE}, {@code LIVE}, any case) or server names; an
 * environment name wins over a server of the same name. Thread-safe; called from Slack handlers.
 */
public final class SubscriptionService {

    /** The result of a channel command, with a readable message for the user. */
    public sealed interface Outcome {
        String message();

        /** Done; the message says what the channel now hears. */
        record Done(String message, ChannelView channel) implements Outcome {}

        /** Nothing changed: these names are neither an environment nor a server. */
        record UnknownServers(List<String> names) implements Outcome {
            @Override
            public String message() {
                return (names.size() == 1 ? "No server is named " : "No servers are named ")
                        + String.join(", ", names)
                        + ". Use DEV, STAGE, LIVE or a server name from /health list.";
            }
        }

        /** Nothing changed: the channel is not subscribed. */
        record NotSubscribed(String channel) implements Outcome {
            @Override
            public String message() {
                return "This channel is not subscribed to any alerts. Use /health subscribe first.";
            }
        }
    }

    /**
     * A subscribed channel as users see it.
     *
     * @param selectors readable: "everything", "LIVE", or a server's current name
     * @param failingReason why the last delivery failed for good; null when healthy
     */
    public record ChannelView(
            String channel, List<String> selectors, boolean paused, String failingReason, Instant failingSince) {

        /** One line, e.g. {@code LIVE, api-live (paused)}. */
        public String summary() {
            StringBuilder b = new StringBuilder(String.join(", ", selectors));
            if (paused) {
                b.append(" (paused)");
            }
            if (failingReason != null) {
                b.append(" (failing: ").append(failingReason).append(')');
            }
            return b.toString();
        }
    }

    private final SubscriptionRepository subscriptions;
    private final MonitorRepository monitors;
    private final InstantSource clock;

    public SubscriptionService(SubscriptionRepository subscriptions, MonitorRepository monitors, InstantSource clock) {
        this.subscriptions = subscriptions;
        this.monitors = monitors;
        this.clock = clock;
    }

    /** Subscribes the channel to the named environments and servers, or to everything when none are named. */
    public Outcome subscribe(String channel, List<String> args, String actor) {
        Parsed p = parse(args);
        if (!p.unknown().isEmpty()) {
            return new Outcome.UnknownServers(p.unknown());
        }
        Set<Selector> selectors = p.selectors().isEmpty() ? Set.of(Selector.everything()) : p.selectors();
        ChannelSubscription now = subscriptions.subscribe(channel, selectors, actor, clock.instant());
        ChannelView view = view(now);
        String added = describeAll(selectors);
        return new Outcome.Done(
                "This channel now gets alerts for " + added + ". It hears: " + view.summary() + ".", view);
    }

    /** Removes the named selectors, or every subscription of the channel when none are named. */
    public Outcome unsubscribe(String channel, List<String> args, String actor) {
        Optional<ChannelSubscription> before = subscriptions.find(channel);
        if (before.isEmpty()) {
            return new Outcome.NotSubscribed(channel);
        }
        Parsed p = parse(args);
        if (!p.unknown().isEmpty()) {
            return new Outcome.UnknownServers(p.unknown());
        }
        Optional<ChannelSubscription> after = subscriptions.unsubscribe(channel, p.selectors(), actor, clock.instant());
        if (after.isEmpty()) {
            return new Outcome.Done("This channel no longer gets any alerts.", null);
        }
        ChannelView view = view(after.get());
        Set<Selector> notThere = new LinkedHashSet<>(p.selectors());
        notThere.removeAll(before.get().selectors());
        String note = notThere.isEmpty() ? "" : " It was not subscribed to " + describeAll(notThere) + ".";
        return new Outcome.Done("This channel now hears: " + view.summary() + "." + note, view);
    }

    /** Pauses or resumes alerts for the channel; recoveries of outages it already heard of still arrive. */
    public Outcome pause(String channel, boolean paused, String actor) {
        if (!subscriptions.setPaused(channel, paused, actor, clock.instant())) {
            return new Outcome.NotSubscribed(channel);
        }
        ChannelView view = subscriptions.find(channel).map(this::view).orElse(null);
        return new Outcome.Done(
                paused
                        ? "Alerts are paused for this channel. Use /health alerts on to turn them back on."
                        : "Alerts are back on for this channel.",
                view);
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
        return 10;
    }

    private String describeAll(Set<Selector> selectors) {
        List<Selector> sorted = new ArrayList<>(selectors);
        sorted.sort(Comparator.comparingInt(SubscriptionService::rank).thenComparing(this::describe));
        return String.join(", ", sorted.stream().map(this::describe).toList());
    }

    private String describe(Selector s) {
        if (s instanceof Selector.Everything) {
            return "everything";
        }
        if (s instanceof Selector.Env e) {
            return e.environment().name();
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
                Optional<Monitor> m = monitors.findByName(word);
                if (m.isPresent()) {
                    selectors.add(Selector.server(m.get().id()));
                } else if (!unknown.contains(word)) {
                    unknown.add(word);
                }
            }
        }
        return new Parsed(selectors, unknown);
    }
}
