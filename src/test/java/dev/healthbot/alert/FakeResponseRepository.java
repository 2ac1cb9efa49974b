package dev.healthbot.alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A working in-memory {@link ResponseRepository} beside a {@link FakeAlertRepository} (incidents and deliveries)
 * and a {@link FakeSubscriptionRepository} (which channels are subscribed); every method is atomic (synchronized),
 * as a transaction would be. {@link ResponseRepositoryContract} holds it to the SQLite implementation.
 */
public final class FakeResponseRepository implements ResponseRepository {

    /** One follow-up row with its outbox state. */
    private static final class Row {
        FollowUp f;
        String state = "PENDING";
        String dedupe;

        Row(FollowUp f, String dedupe) {
            this.f = f;
            this.dedupe = dedupe;
        }
    }

    private final FakeAlertRepository alerts;
    private final FakeSubscriptionRepository subscriptions;
    private final Map<Long, Ack> acks = new HashMap<>();
    private final Map<Long, Mute> mutes = new TreeMap<>();
    private final Map<String, ReminderSchedule> reminders = new HashMap<>();
    private final Map<String, Map<Selector, List<Mention>>> mentions = new HashMap<>();
    private final Set<String> postsOff = new TreeSet<>();
    private final Map<Long, MaintenanceWindow> windows = new TreeMap<>();
    private final Map<Long, String> fileKeys = new HashMap<>();
    private final Set<Long> endHandled = new java.util.HashSet<>();
    private final Map<Long, Row> rows = new TreeMap<>();
    /** Who did what, as {@code audit_log} would hold it: action and subject. */
    private final List<String> audit = new ArrayList<>();

    private long nextWindow = 1;
    private long nextRow = 1;

    public FakeResponseRepository(FakeAlertRepository alerts, FakeSubscriptionRepository subscriptions) {
        this.alerts = alerts;
        this.subscriptions = subscriptions;
    }

    /** The audit entries written so far, {@code action subject}. */
    public synchronized List<String> audit() {
        return List.copyOf(audit);
    }

    private boolean open(long incidentId) {
        return alerts.incident(incidentId).map(Incident::isOpen).orElse(false);
    }

    private boolean subscribed(String channel) {
        return subscriptions.find(channel).isPresent();
    }

    private Row add(
            FollowUp.Kind kind,
            long incidentId,
            long windowId,
            String channel,
            int seq,
            long totalMs,
            FollowUpMessage.Recheck r,
            String dedupe,
            Instant now) {
        if (dedupe != null && rows.values().stream().anyMatch(x -> dedupe.equals(x.dedupe))) {
            return null;
        }
        FollowUp f = new FollowUp(
                nextRow++,
                kind,
                incidentId,
                windowId,
                channel,
                seq,
                totalMs,
                r == null ? null : r.by(),
                r == null ? null : r.up(),
                r == null ? null : r.latency().toMillis(),
                r == null ? null : r.failure().name(),
                r == null ? null : (r.detail() == null ? "" : r.detail()),
                0,
                now,
                now);
        Row row = new Row(f, dedupe);
        rows.put(f.id(), row);
        return row;
    }

    /** One pending edit per outage post that is sent or about to be. */
    private void queueRefreshes(long incidentId, Instant now) {
        for (Delivery d : alerts.allDeliveries()) {
            if (d.incidentId() != incidentId
                    || d.kind() != Delivery.Kind.OUTAGE
                    || !(d.state() == Delivery.State.SENT || d.state() == Delivery.State.PENDING)) {
                continue;
            }
            boolean pending = rows.values().stream()
                    .anyMatch(x -> x.state.equals("PENDING")
                            && x.f.kind() == FollowUp.Kind.REFRESH
                            && x.f.incidentId() == incidentId
                            && x.f.channel().equals(d.channel()));
            if (!pending) {
                add(FollowUp.Kind.REFRESH, incidentId, 0, d.channel(), 0, 0, null, null, now);
            }
        }
    }

    @Override
    public synchronized Optional<Ack> ack(long incidentId) {
        return Optional.ofNullable(acks.get(incidentId));
    }

    @Override
    public synchronized boolean acknowledge(long incidentId, String user, Instant now) {
        if (!open(incidentId) || acks.containsKey(incidentId)) {
            return false;
        }
        acks.put(incidentId, new Ack(user, now));
        queueRefreshes(incidentId, now);
        audit.add("incident.acknowledge incident:" + incidentId);
        return true;
    }

    @Override
    public synchronized boolean unacknowledge(long incidentId, String user, Instant now) {
        Ack a = acks.get(incidentId);
        if (!open(incidentId) || a == null || !a.by().equals(user)) {
            return false;
        }
        acks.remove(incidentId);
        queueRefreshes(incidentId, now);
        audit.add("incident.unacknowledge incident:" + incidentId);
        return true;
    }

    @Override
    public synchronized Optional<Mute> mute(long monitorId) {
        return Optional.ofNullable(mutes.get(monitorId));
    }

    @Override
    public synchronized List<Mute> mutes() {
        return List.copyOf(mutes.values());
    }

    @Override
    public synchronized void setMute(Mute mute) {
        mutes.put(mute.monitorId(), mute);
        queueRefreshes(mute.incidentId(), mute.at());
        audit.add("server.mute monitor:" + mute.monitorId());
    }

    @Override
    public synchronized Optional<Mute> clearMute(long monitorId, String actor, Instant now) {
        Mute m = mutes.remove(monitorId);
        if (m == null) {
            return Optional.empty();
        }
        if (open(m.incidentId())) {
            queueRefreshes(m.incidentId(), now);
        }
        if (actor != null) {
            audit.add("server.unmute monitor:" + monitorId);
        }
        return Optional.of(m);
    }

    @Override
    public synchronized boolean release(long incidentId, Set<String> channels, Instant now) {
        boolean hadOutage = alerts.allDeliveries().stream()
                .anyMatch(d -> d.incidentId() == incidentId && d.kind() == Delivery.Kind.OUTAGE);
        if (!open(incidentId) || hadOutage) {
            return false;
        }
        for (String c : new TreeSet<>(channels)) {
            alerts.addOutage(incidentId, c, now);
        }
        return true;
    }

    @Override
    public synchronized List<Posted> remindable() {
        List<Posted> out = new ArrayList<>();
        alerts.allDeliveries().stream()
                .filter(d -> d.kind() == Delivery.Kind.OUTAGE && d.state() == Delivery.State.SENT && d.post() != null)
                .filter(d -> open(d.incidentId()) && !acks.containsKey(d.incidentId()))
                .sorted(Comparator.comparingLong(Delivery::incidentId).thenComparing(Delivery::channel))
                .forEach(d -> {
                    int last = rows.values().stream()
                            .filter(x -> x.f.kind() == FollowUp.Kind.REMINDER
                                    && x.f.incidentId() == d.incidentId()
                                    && x.f.channel().equals(d.channel()))
                            .mapToInt(x -> x.f.seq())
                            .max()
                            .orElse(0);
                    out.add(new Posted(alerts.incident(d.incidentId()).orElseThrow(), d.channel(), d.post(), last));
                });
        return out;
    }

    @Override
    public synchronized boolean addReminder(long incidentId, String channel, int n, Instant now) {
        return add(
                        FollowUp.Kind.REMINDER,
                        incidentId,
                        0,
                        channel,
                        n,
                        0,
                        null,
                        "REMINDER:" + incidentId + ":" + channel + ":" + n,
                        now)
                != null;
    }

    @Override
    public synchronized void addRecheck(long incidentId, String channel, FollowUpMessage.Recheck r, Instant now) {
        audit.add("incident.recheck incident:" + incidentId);
        add(FollowUp.Kind.RECHECK, incidentId, 0, channel, 0, 0, r, null, now);
    }

    @Override
    public synchronized Optional<ReminderSchedule> reminders(String channel) {
        if (!subscribed(channel)) {
            return Optional.empty();
        }
        return Optional.of(reminders.getOrDefault(channel, ReminderSchedule.DEFAULT));
    }

    @Override
    public synchronized boolean setReminders(String channel, ReminderSchedule schedule, String actor, Instant now) {
        if (!subscribed(channel)) {
            return false;
        }
        reminders.put(channel, schedule);
        audit.add("channel.reminders channel:" + channel);
        return true;
    }

    @Override
    public synchronized Map<Selector, List<Mention>> mentions(String channel) {
        Set<Selector> held =
                subscriptions.find(channel).map(ChannelSubscription::selectors).orElse(Set.of());
        Map<Selector, List<Mention>> out = new HashMap<>();
        mentions.getOrDefault(channel, Map.of()).forEach((s, m) -> {
            if (held.contains(s) && !m.isEmpty()) {
                out.put(s, m);
            }
        });
        return out;
    }

    @Override
    public synchronized void setMentions(
            String channel, Set<Selector> selectors, List<Mention> list, String actor, Instant now) {
        Set<Selector> held =
                subscriptions.find(channel).map(ChannelSubscription::selectors).orElse(Set.of());
        Map<Selector, List<Mention>> m = mentions.computeIfAbsent(channel, c -> new HashMap<>());
        for (Selector s : selectors) {
            if (held.contains(s)) {
                m.put(s, List.copyOf(list));
            }
        }
        audit.add("channel.mention channel:" + channel);
    }

    @Override
    public synchronized Optional<Boolean> maintenancePosts(String channel) {
        return subscribed(channel) ? Optional.of(!postsOff.contains(channel)) : Optional.empty();
    }

    @Override
    public synchronized boolean setMaintenancePosts(String channel, boolean on, String actor, Instant now) {
        if (!subscribed(channel)) {
            return false;
        }
        if (on) {
            postsOff.remove(channel);
        } else {
            postsOff.add(channel);
        }
        audit.add("channel.maintenance_posts channel:" + channel);
        return true;
    }

    @Override
    public synchronized Set<String> maintenancePostsOff() {
        Set<String> out = new TreeSet<>(postsOff);
        out.removeIf(c -> !subscribed(c));
        return out;
    }

    @Override
    public synchronized MaintenanceWindow addWindow(MaintenanceWindow draft, Instant now) {
        MaintenanceWindow w = new MaintenanceWindow(
                nextWindow++,
                draft.selector(),
                draft.label(),
                draft.startsAt(),
                draft.endsAt(),
                draft.reason(),
                draft.createdBy(),
                null,
                false);
        windows.put(w.id(), w);
        audit.add("maintenance.add maintenance:" + w.id());
        return w;
    }

    @Override
    public synchronized Optional<MaintenanceWindow> addFileWindow(
            MaintenanceWindow draft, String fileKey, Instant now) {
        if (fileKeys.containsValue(fileKey)) {
            return Optional.empty();
        }
        MaintenanceWindow w = addWindow(draft, now);
        fileKeys.put(w.id(), fileKey);
        return Optional.of(w);
    }

    @Override
    public synchronized Map<String, Long> fileWindows() {
        Map<String, Long> out = new LinkedHashMap<>();
        fileKeys.forEach((id, key) -> {
            MaintenanceWindow w = windows.get(id);
            if (!endHandled.contains(id) && w.endedAt() == null) {
                out.put(key, id);
            }
        });
        return out;
    }

    @Override
    public synchronized Optional<MaintenanceWindow> window(long id) {
        return Optional.ofNullable(windows.get(id));
    }

    @Override
    public synchronized List<MaintenanceWindow> openWindows() {
        return windows.values().stream()
                .filter(w -> !endHandled.contains(w.id()))
                .toList();
    }

    @Override
    public synchronized boolean endWindow(long id, String actor, Instant now) {
        MaintenanceWindow w = windows.get(id);
        if (w == null
                || endHandled.contains(id)
                || w.endedAt() != null
                || !w.endsAt().isAfter(now)) {
            return false;
        }
        windows.put(
                id,
                new MaintenanceWindow(
                        id,
                        w.selector(),
                        w.label(),
                        w.startsAt(),
                        w.endsAt(),
                        w.reason(),
                        w.createdBy(),
                        now,
                        w.startAnnounced()));
        audit.add("maintenance.end maintenance:" + id);
        return true;
    }

    @Override
    public synchronized boolean announceStart(long windowId, Set<String> channels, Instant now) {
        MaintenanceWindow w = windows.get(windowId);
        if (w == null || w.startAnnounced()) {
            return false;
        }
        windows.put(
                windowId,
                new MaintenanceWindow(
                        windowId,
                        w.selector(),
                        w.label(),
                        w.startsAt(),
                        w.endsAt(),
                        w.reason(),
                        w.createdBy(),
                        w.endedAt(),
                        true));
        for (String c : new TreeSet<>(channels)) {
            add(
                    FollowUp.Kind.MAINTENANCE_START,
                    0,
                    windowId,
                    c,
                    0,
                    0,
                    null,
                    "MAINTENANCE_START:" + windowId + ":" + c,
                    now);
        }
        return true;
    }

    @Override
    public synchronized boolean finishWindow(
            long windowId,
            Set<String> channels,
            int outages,
            long downMs,
            Map<Long, Set<String>> releases,
            Instant now) {
        MaintenanceWindow w = windows.get(windowId);
        if (w == null || !endHandled.add(windowId)) {
            return false;
        }
        if (w.startAnnounced()) {
            for (String c : new TreeSet<>(channels)) {
                add(
                        FollowUp.Kind.MAINTENANCE_END,
                        0,
                        windowId,
                        c,
                        outages,
                        downMs,
                        null,
                        "MAINTENANCE_END:" + windowId + ":" + c,
                        now);
            }
        }
        releases.forEach((incidentId, to) -> release(incidentId, to, now));
        return true;
    }

    @Override
    public synchronized List<Incident> incidentsOpenedBetween(Instant from, Instant to) {
        return alerts.incidents().stream()
                .filter(i -> !i.openedAt().isBefore(from) && i.openedAt().isBefore(to))
                .sorted(Comparator.comparingLong(Incident::id))
                .toList();
    }

    @Override
    public synchronized List<FollowUp> dueFollowUps(Instant now, Set<String> heldChannels, int limit) {
        return rows.values().stream()
                .filter(x -> x.state.equals("PENDING")
                        && !x.f.nextAttemptAt().isAfter(now)
                        && !heldChannels.contains(x.f.channel()))
                .map(x -> x.f)
                .sorted(Comparator.comparing(FollowUp::nextAttemptAt).thenComparingLong(FollowUp::id))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized Optional<Instant> nextFollowUpAfter(Instant now) {
        return rows.values().stream()
                .filter(x -> x.state.equals("PENDING") && x.f.nextAttemptAt().isAfter(now))
                .map(x -> x.f.nextAttemptAt())
                .min(Comparator.naturalOrder());
    }

    private void finish(long id, String state, Integer attempts) {
        Row x = rows.get(id);
        if (x == null || !x.state.equals("PENDING")) {
            return;
        }
        x.state = state;
        if (attempts != null) {
            x.f = withAttempts(x.f, attempts, x.f.nextAttemptAt());
        }
    }

    private static FollowUp withAttempts(FollowUp f, int attempts, Instant next) {
        return new FollowUp(
                f.id(),
                f.kind(),
                f.incidentId(),
                f.windowId(),
                f.channel(),
                f.seq(),
                f.totalMs(),
                f.actor(),
                f.up(),
                f.latencyMs(),
                f.failure(),
                f.detail(),
                attempts,
                next,
                f.createdAt());
    }

    @Override
    public synchronized void followUpSent(long id, PostRef post, Instant at) {
        finish(id, "SENT", null);
    }

    @Override
    public synchronized void followUpSkipped(long id, String why, Instant at) {
        finish(id, "SKIPPED", null);
    }

    @Override
    public synchronized void followUpRetry(long id, int attempts, Instant next, String error) {
        Row x = rows.get(id);
        if (x != null && x.state.equals("PENDING")) {
            x.f = withAttempts(x.f, attempts, next);
        }
    }

    @Override
    public synchronized void followUpGivenUp(long id, int attempts, String why, Instant at) {
        finish(id, "GIVEN_UP", attempts);
    }

    @Override
    public synchronized List<FollowUp> followUps(long incidentId) {
        return rows.values().stream()
                .filter(x -> x.f.incidentId() == incidentId)
                .map(x -> x.f)
                .toList();
    }
}
