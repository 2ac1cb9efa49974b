package dev.healthbot.alert;

import dev.healthbot.monitor.Environment;
import dev.healthbot.monitor.FailureKind;
import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.MonitorRepository;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The dispatcher's view of what people did: whether a server is quiet (muted, in maintenance), what its outage post
 * shows, and, on each {@link #tick}, the follow-ups time calls for (reminders, mute ends, maintenance start and end
 * posts). Every decision is a pure rule ({@link Quiet}, {@link ReminderSchedule}, {@link MaintenanceWindow});
 * this class only reads the repositories and queues rows. Called from the alert loop's thread; thread-safe because
 * every state is in the repositories.
 */
public final class ResponseDesk {

    private static final System.Logger LOG = System.getLogger(ResponseDesk.class.getName());

    /** What the dispatcher does with one follow-up row. */
    public sealed interface Plan {
        /** Nothing to say any more. */
        record Skip(String why) implements Plan {}

        /** Not yet: the outage post it belongs to is still being sent. */
        record Wait(String why) implements Plan {}

        /** Edit the outage post. */
        record Edit(PostRef post, Alert alert, PostState state) implements Plan {}

        /** Post a message, in a thread when {@code threadTs} is set. */
        record Post(String threadTs, FollowUpMessage message, boolean broadcast) implements Plan {}
    }

    private final AlertRepository alerts;
    private final ResponseRepository responses;
    private final SubscriptionRepository subscriptions;
    private final MonitorRepository monitors;

    public ResponseDesk(
            AlertRepository alerts,
            ResponseRepository responses,
            SubscriptionRepository subscriptions,
            MonitorRepository monitors) {
        this.alerts = alerts;
        this.responses = responses;
        this.subscriptions = subscriptions;
        this.monitors = monitors;
    }

    public ResponseRepository responses() {
        return responses;
    }

    /** Why the server's alerts are held back now, or NONE. */
    public Quiet.Reason quiet(Monitor m, Instant now) {
        return quiet(m, now, responses.openWindows());
    }

    private Quiet.Reason quiet(Monitor m, Instant now, List<MaintenanceWindow> windows) {
        Mute mute = responses.mute(m.id()).orElse(null);
        boolean open = mute != null
                && alerts.incident(mute.incidentId()).map(Incident::isOpen).orElse(false);
        return Quiet.of(m, now, mute, open, windows);
    }

    /** What the incident's outage post in {@code channel} shows besides the alert. */
    public PostState postState(Incident i, String channel, Instant now) {
        Optional<ResponseRepository.Ack> ack = responses.ack(i.id());
        Mute mute = responses
                .mute(i.monitorId())
                .filter(m -> m.activeAt(now, i.isOpen()))
                .orElse(null);
        return new PostState(
                ack.map(ResponseRepository.Ack::by).orElse(null),
                ack.map(ResponseRepository.Ack::at).orElse(null),
                mute,
                mentions(i, channel));
    }

    /** Who the channel's subscriptions matching the incident's server call; pure over what is stored. */
    List<Mention> mentions(Incident i, String channel) {
        Map<Selector, List<Mention>> bySelector = responses.mentions(channel);
        if (bySelector.isEmpty()) {
            return List.of();
        }
        Optional<Monitor> m = monitors.findById(i.monitorId());
        Set<Mention> out = new LinkedHashSet<>();
        bySelector.forEach((selector, mentions) -> {
            boolean matches = m.isPresent()
                    ? selector.matches(m.get())
                    : selector instanceof Selector.Everything
                            || (selector instanceof Selector.Env e && e.environment() == i.environment())
                            || (selector instanceof Selector.Server s && s.monitorId() == i.monitorId());
            if (matches) {
                out.addAll(mentions);
            }
        });
        return new ArrayList<>(out);
    }

    /** Queues what time calls for: mute ends, maintenance start and end posts, reminders. */
    public void tick(Instant now) {
        List<Subscriptions> subs = new ArrayList<>();
        endMutes(now, subs);
        // Reminders first: a post queued by this tick then never overtakes a reminder it decided.
        remind(now, responses.openWindows());
        List<MaintenanceWindow> windows = responses.openWindows();
        for (MaintenanceWindow w : windows) {
            try {
                window(w, now, windows, subs);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "maintenance tick failed window=" + w.id() + " error=" + e, e);
            }
        }
    }

    /** The subscriptions read once per tick, on first use. */
    private final class Subscriptions {
        private List<ChannelSubscription> all;

        Set<String> hearing(Monitor m) {
            if (all == null) {
                all = subscriptions.all();
            }
            return ChannelSubscription.hearing(all, m);
        }

        List<ChannelSubscription> all() {
            if (all == null) {
                all = subscriptions.all();
            }
            return all;
        }

        private Set<String> postsOff;

        Set<String> postsOff() {
            if (postsOff == null) {
                postsOff = responses.maintenancePostsOff();
            }
            return postsOff;
        }
    }

    private Subscriptions subs(List<Subscriptions> holder) {
        if (holder.isEmpty()) {
            holder.add(new Subscriptions());
        }
        return holder.get(0);
    }

    private void endMutes(Instant now, List<Subscriptions> holder) {
        for (Mute mute : responses.mutes()) {
            boolean open =
                    alerts.incident(mute.incidentId()).map(Incident::isOpen).orElse(false);
            if (mute.activeAt(now, open)) {
                continue;
            }
            if (responses.clearMute(mute.monitorId(), null, now).isEmpty()) {
                continue;
            }
            LOG.log(
                    Level.INFO,
                    "mute ended monitorId=" + mute.monitorId() + " choice="
                            + mute.choice().value());
            releaseIfDown(mute.monitorId(), now, responses.openWindows(), subs(holder));
        }
    }

    /** Posts the outage of a server still down whose post was held back, unless something else still holds it. */
    private void releaseIfDown(long monitorId, Instant now, List<MaintenanceWindow> windows, Subscriptions subs) {
        Optional<Monitor> m = monitors.findById(monitorId);
        Optional<Incident> open = alerts.openIncident(monitorId);
        if (m.isEmpty() || open.isEmpty() || !m.get().settings().alertsEnabled()) {
            return;
        }
        if (quiet(m.get(), now, windows) != Quiet.Reason.NONE) {
            return;
        }
        if (responses.release(open.get().id(), subs.hearing(m.get()), now)) {
            LOG.log(
                    Level.INFO,
                    "alert released incident=" + open.get().id() + " monitor="
                            + m.get().name());
        }
    }

    private void window(MaintenanceWindow w, Instant now, List<MaintenanceWindow> windows, List<Subscriptions> holder) {
        if (!w.end().isAfter(w.startsAt())) {
            // Ended before it began (a planned window taken out of the servers file): nothing held, nothing to say.
            if (responses.finishWindow(w.id(), Set.of(), 0, 0, Map.of(), now)) {
                LOG.log(Level.INFO, "maintenance dropped window=" + w.id() + " before its start");
            }
            return;
        }
        if (now.isBefore(w.startsAt())) {
            return;
        }
        Subscriptions subs = subs(holder);
        List<Monitor> covered = monitors.all().stream().filter(w::covers).toList();
        Set<String> channels = audience(w, covered, subs);
        // Channels that opted out get neither post; a held-back outage still reaches them through releases.
        channels.removeAll(subs.postsOff());
        if (now.isBefore(w.end())) {
            if (!w.startAnnounced() && responses.announceStart(w.id(), channels, now)) {
                LOG.log(Level.INFO, "maintenance started window=" + w.id() + " channels=" + channels.size());
            }
            return;
        }
        int outages = 0;
        long downMs = 0;
        for (Incident i : responses.incidentsOpenedBetween(w.startsAt(), w.end())) {
            if (!covers(w, i)) {
                continue;
            }
            outages++;
            Instant to = i.resolvedAt() == null || i.resolvedAt().isAfter(w.end()) ? w.end() : i.resolvedAt();
            downMs += Math.max(0, Duration.between(i.openedAt(), to).toMillis());
        }
        List<MaintenanceWindow> others =
                windows.stream().filter(o -> o.id() != w.id()).toList();
        Map<Long, Set<String>> releases = new HashMap<>();
        for (Monitor m : covered) {
            Optional<Incident> open = alerts.openIncident(m.id());
            if (open.isEmpty() || !m.settings().alertsEnabled() || quiet(m, now, others) != Quiet.Reason.NONE) {
                continue;
            }
            releases.put(open.get().id(), subs.hearing(m));
        }
        if (responses.finishWindow(w.id(), channels, outages, downMs, releases, now)) {
            LOG.log(
                    Level.INFO,
                    "maintenance ended window=" + w.id() + " outages=" + outages + " released=" + releases.size());
        }
    }

    private static boolean covers(MaintenanceWindow w, Incident i) {
        Selector s = w.selector();
        return s instanceof Selector.Everything
                || (s instanceof Selector.Env e && e.environment() == i.environment())
                || (s instanceof Selector.Server srv && srv.monitorId() == i.monitorId());
    }

    /** The channels that hear of any server the window covers, or subscribe to what it names. */
    private Set<String> audience(MaintenanceWindow w, List<Monitor> covered, Subscriptions subs) {
        Set<String> channels = new HashSet<>();
        for (Monitor m : covered) {
            channels.addAll(subs.hearing(m));
        }
        for (ChannelSubscription c : subs.all()) {
            if (c.paused()) {
                continue;
            }
            for (Selector s : c.selectors()) {
                if (s.equals(w.selector())
                        || s instanceof Selector.Everything
                        || (w.selector() instanceof Selector.Env e && s.equals(Selector.env(e.environment())))) {
                    channels.add(c.channel());
                }
            }
        }
        return channels;
    }

    private void remind(Instant now, List<MaintenanceWindow> windows) {
        Map<String, ReminderSchedule> schedules = new HashMap<>();
        Map<Long, Quiet.Reason> quiet = new HashMap<>();
        for (ResponseRepository.Posted p : responses.remindable()) {
            Incident i = p.incident();
            Quiet.Reason why = quiet.computeIfAbsent(
                    i.monitorId(),
                    id -> monitors.findById(id).map(m -> quiet(m, now, windows)).orElse(Quiet.Reason.NONE));
            if (why != Quiet.Reason.NONE) {
                continue;
            }
            ReminderSchedule s = schedules.computeIfAbsent(
                    p.channel(), c -> responses.reminders(c).orElse(ReminderSchedule.OFF));
            int n = s.dueCount(Duration.between(i.openedAt(), now));
            if (n > p.lastReminder() && responses.addReminder(i.id(), p.channel(), n, now)) {
                LOG.log(Level.INFO, "reminder queued incident=" + i.id() + " channel=" + p.channel() + " n=" + n);
            }
        }
    }

    /** Decides what one due follow-up row comes to now. */
    public Plan plan(FollowUp f, Instant now) {
        if (f.kind() == FollowUp.Kind.MAINTENANCE_START || f.kind() == FollowUp.Kind.MAINTENANCE_END) {
            Optional<MaintenanceWindow> w = responses.window(f.windowId());
            if (w.isEmpty()) {
                return new Plan.Skip("window gone");
            }
            return new Plan.Post(
                    null,
                    f.kind() == FollowUp.Kind.MAINTENANCE_START
                            ? new FollowUpMessage.MaintenanceStarted(w.get())
                            : new FollowUpMessage.MaintenanceEnded(w.get(), f.seq(), Duration.ofMillis(f.totalMs())),
                    false);
        }
        Optional<Incident> incident = alerts.incident(f.incidentId());
        if (incident.isEmpty()) {
            return new Plan.Skip("incident gone");
        }
        Incident i = incident.get();
        Optional<Delivery> outage = alerts.outageDelivery(i.id(), f.channel());
        if (outage.isPresent() && outage.get().state() == Delivery.State.PENDING) {
            return new Plan.Wait("the outage post is not recorded yet");
        }
        Optional<PostRef> post =
                outage.filter(d -> d.state() == Delivery.State.SENT).map(Delivery::post);
        if (post.isEmpty()) {
            return new Plan.Skip("no outage post in the channel");
        }
        switch (f.kind()) {
            case REFRESH:
                if (!i.isOpen()) {
                    return new Plan.Skip("resolved: the recovery edit shows it");
                }
                return new Plan.Edit(post.get(), Alert.outage(i), postState(i, f.channel(), now));
            case RECHECK:
                return new Plan.Post(
                        post.get().ts(),
                        new FollowUpMessage.Recheck(
                                i.monitorName(),
                                f.actor(),
                                Boolean.TRUE.equals(f.up()),
                                Duration.ofMillis(f.latencyMs() == null ? 0 : f.latencyMs()),
                                FailureKind.valueOf(f.failure() == null ? "NONE" : f.failure()),
                                f.detail()),
                        false);
            case REMINDER:
                if (!i.isOpen()) {
                    return new Plan.Skip("resolved meanwhile");
                }
                if (responses.ack(i.id()).isPresent()) {
                    return new Plan.Skip("acknowledged meanwhile");
                }
                Optional<Monitor> m = monitors.findById(i.monitorId());
                if (m.isPresent() && quiet(m.get(), now) != Quiet.Reason.NONE) {
                    return new Plan.Skip("muted or in maintenance");
                }
                Duration down = Duration.between(i.openedAt(), now);
                ReminderSchedule s = responses.reminders(f.channel()).orElse(ReminderSchedule.DEFAULT);
                List<Mention> mentions =
                        down.compareTo(ReminderSchedule.MENTION_AFTER) >= 0 ? mentions(i, f.channel()) : List.of();
                return new Plan.Post(
                        post.get().ts(),
                        new FollowUpMessage.Reminder(Alert.outage(i), f.seq(), down, mentions),
                        s.broadcast() && i.environment() == Environment.LIVE);
            case PING_LOG:
                // Posted even when resolved meanwhile: the log says why the job failed.
                return new Plan.Post(post.get().ts(), new FollowUpMessage.PingLog(i.monitorName(), f.detail()), false);
            default:
                return new Plan.Skip("unknown kind");
        }
    }
}
