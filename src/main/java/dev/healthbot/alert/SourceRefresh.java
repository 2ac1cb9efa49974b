package dev.healthbot.alert;

import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.MonitorService;
import dev.healthbot.monitor.Origin;
import dev.healthbot.monitor.RemovalLimit;
import dev.healthbot.monitor.SourceReader;
import dev.healthbot.monitor.SourceSync;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Follows the sources of servers (the servers file, the inventory URL): reads each when it is due,
 * applies its list through {@link SourceSync}, and queues one notice per event in the {@code
 * source_posts} outbox: a source that fails (reported once, and again when it is back), a list held
 * back, and a summary of what changed. Then sends the owed notices, one per channel per tick. All of it
 * runs on one thread of its own, so the sources never sync at once. Start once, close once.
 */
public final class SourceRefresh implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SourceRefresh.class.getName());
    private static final DateTimeFormatter HH_MM =
            DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    /** Names listed in a summary line at most; the rest is counted. */
    static final int NAMES_SHOWN = 10;

    /** A source with how often it is read. */
    public record Feed(SourceReader reader, Duration every) {}

    private final List<Feed> feeds;
    private final Instant[] due;
    private final MonitorService monitors;
    private final SourceSync sync;
    private final RemovalLimit limit;
    private final SourceHealthRepository health;
    private final SourcePostRepository posts;
    private final SubscriptionRepository subscriptions;
    private final TextNotifier notifier;
    private final DispatchPolicy policy;
    private final InstantSource clock;
    private final Duration tick;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "source-refresh");
        t.setDaemon(true);
        return t;
    });
    /** When each channel last got a notice, for pacing; only the refresh thread touches it. */
    private final java.util.Map<String, Instant> lastSent = new java.util.HashMap<>();
    /** The last held-back list per source, so that the same one is reported once. */
    private final java.util.Map<Origin, String> heldBack = new java.util.concurrent.ConcurrentHashMap<>();

    public SourceRefresh(
            List<Feed> feeds,
            MonitorService monitors,
            RemovalLimit limit,
            SourceHealthRepository health,
            SourcePostRepository posts,
            SubscriptionRepository subscriptions,
            TextNotifier notifier,
            DispatchPolicy policy,
            InstantSource clock,
            Duration tick) {
        this.feeds = List.copyOf(feeds);
        this.due = new Instant[feeds.size()];
        this.monitors = monitors;
        this.sync = new SourceSync(monitors);
        this.limit = limit;
        this.health = health;
        this.posts = posts;
        this.subscriptions = subscriptions;
        this.notifier = notifier;
        this.policy = policy;
        this.clock = clock;
        this.tick = tick;
    }

    /** Reads every source at the first tick and then when due, and sends owed notices, every tick from now on. */
    public void start() {
        Instant now = clock.instant();
        java.util.Arrays.fill(due, now);
        thread.scheduleWithFixedDelay(this::tick, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One tick: every due source, then the owed notices. Never throws. */
    void tick() {
        try {
            Instant now = clock.instant();
            for (int i = 0; i < feeds.size(); i++) {
                if (!now.isBefore(due[i])) {
                    due[i] = now.plus(feeds.get(i).every());
                    refresh(feeds.get(i).reader());
                }
            }
            dispatch();
        } catch (RuntimeException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "source refresh failed error=" + e.getClass().getSimpleName());
        }
    }

    /** Reads one source and applies what it says; returns the outcome when a list was applied or held back. */
    public Optional<SourceSync.Outcome> refresh(SourceReader reader) {
        Origin source = reader.origin();
        Instant now = clock.instant();
        SourceReader.Read read = reader.read();
        if (read instanceof SourceReader.Read.Quiet) {
            return Optional.empty();
        }
        if (read instanceof SourceReader.Read.Failed failed) {
            failing(source, failed.reason(), now);
            return Optional.empty();
        }
        answered(source, now);
        if (!(read instanceof SourceReader.Read.Listed listed)) {
            return Optional.empty();
        }
        SourceSync.Outcome outcome = sync.apply(source, listed.servers(), limit);
        if (outcome instanceof SourceSync.Outcome.HeldBack held) {
            reader.retryNext();
            String line = held.line(source);
            if (!line.equals(heldBack.put(source, line))) {
                log("source held_back source={} wouldRemove={} of={}", source, held.wouldRemove(), held.of());
                posts.add(source.name(), channelsOf(source, List.of()), ":warning: " + line, now);
            }
            return Optional.of(outcome);
        }
        heldBack.remove(source);
        SourceSync.Summary summary = ((SourceSync.Outcome.Applied) outcome).summary();
        log(
                "source applied source={} added={} updated={} removed={} notApplied={}",
                source,
                summary.added(),
                summary.updated(),
                summary.removed(),
                summary.problems().size());
        if (!summary.empty() || !summary.problems().isEmpty()) {
            List<Monitor> touched = new ArrayList<>(summary.changed());
            touched.addAll(summary.gone());
            Set<String> channels = channelsHearing(touched);
            if (!summary.problems().isEmpty()) {
                channels.addAll(channelsOf(source, List.of()));
            }
            posts.add(source.name(), channels, summaryText(source, summary), now);
        }
        return Optional.of(outcome);
    }

    /** The one line posted for an applied list: the counts, then the names (cut after {@value #NAMES_SHOWN}). */
    static String summaryText(Origin source, SourceSync.Summary summary) {
        StringBuilder text = new StringBuilder(":card_index: ").append(summary.line(source));
        List<String> details = new ArrayList<>();
        summary.changed().forEach(m -> details.add(m.name()));
        summary.gone().forEach(m -> details.add("-" + m.name()));
        if (!details.isEmpty()) {
            text.append(" (")
                    .append(String.join(", ", details.subList(0, Math.min(NAMES_SHOWN, details.size()))))
                    .append(details.size() > NAMES_SHOWN ? ", " + (details.size() - NAMES_SHOWN) + " more" : "")
                    .append(')');
        }
        for (String p : summary.problems()
                .subList(0, Math.min(NAMES_SHOWN, summary.problems().size()))) {
            text.append("\n• not applied: ").append(p);
        }
        return text.toString();
    }

    private void failing(Origin source, String reason, Instant now) {
        Optional<SourceHealth> before = health.find(source.name());
        if (before.isPresent() && before.get().failing()) {
            health.save(new SourceHealth(source.name(), before.get().failingSince(), reason, now));
            return;
        }
        health.save(new SourceHealth(source.name(), now, reason, now));
        log("source failing source={} reason={}", source, reason);
        posts.add(
                source.name(),
                channelsOf(source, List.of()),
                ":warning: " + unreachable(source) + " since " + HH_MM.format(now) + " UTC: " + reason
                        + ". Nothing changed: healthbot keeps watching the servers it has.",
                now);
    }

    private void answered(Origin source, Instant now) {
        Optional<SourceHealth> before = health.find(source.name());
        health.save(new SourceHealth(source.name(), null, null, now));
        if (before.isPresent() && before.get().failing()) {
            log("source back source={}", source);
            posts.add(
                    source.name(),
                    channelsOf(source, List.of()),
                    ":white_check_mark: " + source.label() + " is back (failing from "
                            + HH_MM.format(before.get().failingSince()) + " to " + HH_MM.format(now) + " UTC).",
                    now);
        }
    }

    /**
     * One line per source for {@code /health about}, e.g. "inventory unreachable since 10:42 UTC (HTTP 500)",
     * and the lists held back. Thread-safe: called from Slack handlers.
     */
    public List<String> about() {
        List<String> out = new ArrayList<>();
        List<SourceHealth> all = health.all();
        for (Feed f : feeds) {
            Origin o = f.reader().origin();
            Optional<SourceHealth> h =
                    all.stream().filter(x -> x.source().equals(o.name())).findFirst();
            String every =
                    o == Origin.FILE ? "watched" : "read every " + dev.healthbot.monitor.Durations.format(f.every());
            if (h.isPresent() && h.get().failing()) {
                out.add(unreachable(o) + " since " + HH_MM.format(h.get().failingSince()) + " UTC ("
                        + h.get().reason() + "); " + every);
            } else if (h.isPresent()) {
                out.add(o.label() + " answering, last read "
                        + HH_MM.format(h.get().checkedAt()) + " UTC; " + every);
            } else {
                out.add(o.label() + " not read yet; " + every);
            }
            String held = heldBack.get(o);
            if (held != null) {
                out.add(held);
            }
        }
        return out;
    }

    /** "inventory unreachable", "servers file unusable": a file is there but may be invalid. */
    static String unreachable(Origin o) {
        return o.label() + (o == Origin.FILE ? " unusable" : " unreachable");
    }

    /** The channels that hear at least one of the source's servers; every subscribed channel when it has none. */
    private Set<String> channelsOf(Origin source, Collection<Monitor> extra) {
        List<Monitor> owned = new ArrayList<>(extra);
        monitors.all().stream().filter(m -> m.origin() == source).forEach(owned::add);
        if (owned.isEmpty()) {
            Set<String> all = new LinkedHashSet<>();
            subscriptions.all().stream().filter(s -> !s.paused()).forEach(s -> all.add(s.channel()));
            return all;
        }
        return channelsHearing(owned);
    }

    private Set<String> channelsHearing(Collection<Monitor> servers) {
        List<ChannelSubscription> subs = subscriptions.all();
        Set<String> channels = new LinkedHashSet<>();
        for (Monitor m : servers) {
            channels.addAll(ChannelSubscription.hearing(subs, m));
        }
        return channels;
    }

    /**
     * Sends the owed notices: at most one per channel per call, and none to a channel that got one less
     * than {@link DispatchPolicy#minGap} ago (Slack's one message a second per channel).
     */
    void dispatch() {
        Instant now = clock.instant();
        Set<String> served = new java.util.HashSet<>();
        lastSent.values().removeIf(at -> !at.plus(policy.minGap()).isAfter(now));
        for (SourcePost p : posts.due(now, policy.batchSize())) {
            if (lastSent.containsKey(p.channel()) || !served.add(p.channel())) {
                continue;
            }
            lastSent.put(p.channel(), now);
            try {
                PostRef ref = notifier.postText(p.channel(), p.text());
                posts.sent(p.id(), ref.ts(), clock.instant());
            } catch (DeliveryException e) {
                if (e.isPermanent()) {
                    posts.giveUp(p.id(), e.reason(), now);
                    log("source_post given_up channel={} reason={}", p.channel(), e.reason());
                } else {
                    Duration wait =
                            e.retryAfter() != null ? e.retryAfter() : policy.backoff(p.attempts() + 1, Math.random());
                    posts.retry(p.id(), e.reason(), now.plus(wait));
                    log("source_post retry channel={} reason={}", p.channel(), e.reason());
                }
            }
        }
    }

    private static void log(String format, Object... args) {
        String out = format;
        for (Object a : args) {
            out = out.replaceFirst("\\{}", java.util.regex.Matcher.quoteReplacement(String.valueOf(a)));
        }
        LOG.log(System.Logger.Level.INFO, out);
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
