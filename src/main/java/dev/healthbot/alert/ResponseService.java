package dev.healthbot.alert;

import dev.healthbot.monitor.CheckResult;
import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.MonitorRepository;
import dev.healthbot.monitor.MonitorService;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Use cases behind the buttons of an outage post (acknowledge, re-check, mute) and the commands around them
 * (reminders, maintenance, unmute). Every answer is data the adapter words; every change is idempotent (a double
 * click changes once) and audited by the repository. Thread-safe; called from Slack handlers.
 */
public final class ResponseService {

    private static final System.Logger LOG = System.getLogger(ResponseService.class.getName());

    /** What a click came to. */
    public enum Outcome {
        ACKNOWLEDGED,
        ALREADY_YOURS,
        TAKEN,
        UNACKNOWLEDGED,
        NOT_YOURS,
        NOT_ACKNOWLEDGED,
        MUTED,
        ALREADY_MUTED,
        RECHECKING,
        TOO_SOON,
        RESOLVED,
        UNKNOWN
    }

    /**
     * The answer to one click.
     *
     * @param who the user who has the incident (TAKEN, NOT_YOURS, ALREADY_YOURS)
     * @param at when they acknowledged it; when a mute ends
     * @param retryIn how long until the next re-check may run (TOO_SOON)
     */
    public record Click(Outcome outcome, String monitorName, String who, Instant at, Duration retryIn, Mute mute) {
        static Click of(Outcome o, String name) {
            return new Click(o, name, null, null, null, null);
        }
    }

    private final AlertRepository alerts;
    private final ResponseRepository responses;
    private final MonitorRepository monitorRepo;
    private final MonitorService monitors;
    private final InstantSource clock;
    private final Runnable wake;
    private final RecheckGate gate = new RecheckGate();

    /** @param wake called after a change queued something to post, so the alert loop sends it at once */
    public ResponseService(
            AlertRepository alerts,
            ResponseRepository responses,
            MonitorRepository monitorRepo,
            MonitorService monitors,
            InstantSource clock,
            Runnable wake) {
        this.alerts = alerts;
        this.responses = responses;
        this.monitorRepo = monitorRepo;
        this.monitors = monitors;
        this.clock = clock;
        this.wake = wake;
    }

    /** Acknowledge: the user has it; reminders stop and the posts say so. */
    public Click acknowledge(long incidentId, String user) {
        Optional<Incident> i = alerts.incident(incidentId);
        if (i.isEmpty()) {
            return Click.of(Outcome.UNKNOWN, null);
        }
        String name = i.get().monitorName();
        if (!i.get().isOpen()) {
            return Click.of(Outcome.RESOLVED, name);
        }
        if (responses.acknowledge(incidentId, user, clock.instant())) {
            wake.run();
            return new Click(Outcome.ACKNOWLEDGED, name, user, clock.instant(), null, null);
        }
        // Lost the race or clicked twice: say who has it, or that it is resolved.
        Optional<ResponseRepository.Ack> ack = responses.ack(incidentId);
        if (ack.isEmpty()) {
            return Click.of(Outcome.RESOLVED, name);
        }
        Outcome o = ack.get().by().equals(user) ? Outcome.ALREADY_YOURS : Outcome.TAKEN;
        return new Click(o, name, ack.get().by(), ack.get().at(), null, null);
    }

    /** Unacknowledge: only the one who acknowledged may. */
    public Click unacknowledge(long incidentId, String user) {
        Optional<Incident> i = alerts.incident(incidentId);
        if (i.isEmpty()) {
            return Click.of(Outcome.UNKNOWN, null);
        }
        String name = i.get().monitorName();
        if (!i.get().isOpen()) {
            return Click.of(Outcome.RESOLVED, name);
        }
        if (responses.unacknowledge(incidentId, user, clock.instant())) {
            wake.run();
            return Click.of(Outcome.UNACKNOWLEDGED, name);
        }
        Optional<ResponseRepository.Ack> ack = responses.ack(incidentId);
        if (ack.isEmpty()) {
            return Click.of(Outcome.NOT_ACKNOWLEDGED, name);
        }
        return new Click(Outcome.NOT_YOURS, name, ack.get().by(), ack.get().at(), null, null);
    }

    /** Mute the incident's server; a repeat of the same choice by the same user within a minute changes nothing. */
    public Click mute(long incidentId, Mute.Choice choice, String user) {
        Optional<Incident> i = alerts.incident(incidentId);
        if (i.isEmpty()) {
            return Click.of(Outcome.UNKNOWN, null);
        }
        String name = i.get().monitorName();
        if (!i.get().isOpen()) {
            return Click.of(Outcome.RESOLVED, name);
        }
        Instant now = clock.instant();
        Optional<Mute> before = responses.mute(i.get().monitorId());
        if (before.isPresent()
                && before.get().choice() == choice
                && before.get().incidentId() == incidentId
                && before.get().by().equals(user)
                && Duration.between(before.get().at(), now).compareTo(Duration.ofMinutes(1)) < 0) {
            return new Click(Outcome.ALREADY_MUTED, name, user, before.get().until(), null, before.get());
        }
        Mute mute = new Mute(i.get().monitorId(), incidentId, choice, user, now, choice.until(now));
        responses.setMute(mute);
        wake.run();
        return new Click(Outcome.MUTED, name, user, mute.until(), null, mute);
    }

    /** Ends a server's mute early ({@code /health alerts on <server>}); false when it was not muted. */
    public boolean unmute(long monitorId, String user) {
        boolean ended = responses.clearMute(monitorId, user, clock.instant()).isPresent();
        if (ended) {
            wake.run();
        }
        return ended;
    }

    /** The server's mute while it holds. */
    public Optional<Mute> muteOf(long monitorId) {
        Instant now = clock.instant();
        return responses
                .mute(monitorId)
                .filter(m -> m.activeAt(
                        now,
                        alerts.incident(m.incidentId()).map(Incident::isOpen).orElse(false)));
    }

    /**
     * Re-check now: probes the server off the caller's thread and queues the result as a reply in the thread of
     * the incident's outage post in {@code channel}. At most one per server every {@link RecheckGate#GAP}.
     */
    public Click recheck(long incidentId, String channel, String user) {
        Optional<Incident> i = alerts.incident(incidentId);
        if (i.isEmpty()) {
            return Click.of(Outcome.UNKNOWN, null);
        }
        String name = i.get().monitorName();
        Optional<Monitor> m = monitorRepo.findById(i.get().monitorId());
        if (m.isEmpty()) {
            return Click.of(Outcome.UNKNOWN, name);
        }
        if (!i.get().isOpen()) {
            return Click.of(Outcome.RESOLVED, name);
        }
        Duration wait = gate.tryStart(m.get().id(), clock.instant());
        if (!wait.isZero()) {
            return new Click(Outcome.TOO_SOON, name, null, null, wait, null);
        }
        long timeoutMs = m.get().settings().timeout().toMillis() + 5_000;
        monitors.checkNow(m.get().name())
                .orTimeout(timeoutMs, TimeUnit.MILLISECONDS)
                .whenComplete((result, error) -> {
                    if (error != null || !(result instanceof CheckResult.Checked c)) {
                        LOG.log(Level.WARNING, "recheck failed incident=" + incidentId + " error=" + error);
                        return;
                    }
                    var r = c.result();
                    responses.addRecheck(
                            incidentId,
                            channel,
                            new FollowUpMessage.Recheck(name, user, r.up(), r.latency(), r.failure(), r.detail()),
                            clock.instant());
                    wake.run();
                });
        return Click.of(Outcome.RECHECKING, name);
    }

    /** The outcome of a reminders or maintenance command. */
    public sealed interface Change {
        record Reminders(ReminderSchedule schedule) implements Change {}

        record NotSubscribed() implements Change {}

        record Invalid(String message) implements Change {}

        record WindowAdded(MaintenanceWindow window) implements Change {}

        record WindowEnded(MaintenanceWindow window) implements Change {}

        record NoSuchWindow(long id) implements Change {}

        /** Whether the channel gets the start and end posts of maintenance windows. */
        record MaintenancePosts(boolean on) implements Change {}
    }

    /** Sets the channel's reminder steps from {@code off}, {@code 30m,2h,8h} or {@code default}, maybe with {@code broadcast}. */
    public Change setReminders(String channel, String text, String user) {
        ReminderSchedule s;
        try {
            s = ReminderSchedule.parse(text);
        } catch (IllegalArgumentException e) {
            return new Change.Invalid(e.getMessage());
        }
        if (!responses.setReminders(channel, s, user, clock.instant())) {
            return new Change.NotSubscribed();
        }
        return new Change.Reminders(s);
    }

    public Optional<ReminderSchedule> reminders(String channel) {
        return responses.reminders(channel);
    }

    /** Opens a maintenance window over {@code selector} from now (or {@code from}) until {@code until}. */
    public Change addWindow(Selector selector, String label, Instant from, Instant until, String reason, String user) {
        Instant now = clock.instant();
        Instant start = from == null ? now : from;
        if (!until.isAfter(start) || !until.isAfter(now)) {
            return new Change.Invalid("the window must end in the future");
        }
        if (Duration.between(start, until).compareTo(Duration.ofDays(31)) > 0) {
            return new Change.Invalid("a window lasts at most 31 days");
        }
        MaintenanceWindow w = responses.addWindow(
                new MaintenanceWindow(0, selector, label, start, until, reason, user, null, false), now);
        wake.run();
        return new Change.WindowAdded(w);
    }

    /** What a maintenance target names: a selector and the label messages show. */
    public record Target(Selector selector, String label) {}

    /** Reads a target as users type it: {@code all}, {@code DEV}, {@code STAGE}, {@code LIVE} or a server's name. */
    public Optional<Target> target(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String t = text.strip();
        if (t.equalsIgnoreCase("all")) {
            return Optional.of(new Target(Selector.everything(), "all servers"));
        }
        Optional<dev.healthbot.monitor.Environment> env = dev.healthbot.monitor.Environment.parse(t);
        if (env.isPresent()) {
            return Optional.of(new Target(Selector.env(env.get()), env.get().name()));
        }
        return monitorRepo.findByName(t).map(m -> new Target(Selector.server(m.id()), m.name()));
    }

    /** Who opens and ends the servers file's windows, in the audit log. */
    public static final String FILE_ACTOR = "servers-file";

    /** A window the servers file plans; the target is read by {@link #target}. */
    public record Planned(String target, Instant start, Instant end, String reason, int line) {
        /** The same entry in the same file again has the same key, so a reload adds nothing. */
        String key() {
            return "file:" + target.strip().toLowerCase(java.util.Locale.ROOT) + "|" + start.toEpochMilli() + "|"
                    + end.toEpochMilli();
        }
    }

    /**
     * What applying the servers file's windows did.
     *
     * @param problems one line per entry that names no known server; nothing of the file is applied then
     */
    public record FileSync(int added, int ended, List<String> problems) {}

    /**
     * Brings the servers file's windows in: opens each one not opened before (over already, it is skipped) and ends
     * early each window of the file that the file no longer lists. Windows made in Slack are left alone.
     */
    public FileSync syncFileWindows(List<Planned> wanted) {
        Instant now = clock.instant();
        java.util.List<String> problems = new java.util.ArrayList<>();
        java.util.Map<String, MaintenanceWindow> drafts = new java.util.LinkedHashMap<>();
        for (Planned p : wanted) {
            Optional<Target> t = target(p.target());
            if (t.isEmpty()) {
                problems.add("line " + p.line() + ": target: no server is named " + p.target()
                        + " (targets are a server, DEV, STAGE, LIVE or all)");
                continue;
            }
            drafts.put(
                    p.key(),
                    new MaintenanceWindow(
                            0,
                            t.get().selector(),
                            t.get().label(),
                            p.start(),
                            p.end(),
                            p.reason(),
                            FILE_ACTOR,
                            null,
                            false));
        }
        if (!problems.isEmpty()) {
            return new FileSync(0, 0, problems);
        }
        int added = 0;
        int ended = 0;
        for (var e : drafts.entrySet()) {
            if (e.getValue().endsAt().isAfter(now)
                    && responses.addFileWindow(e.getValue(), e.getKey(), now).isPresent()) {
                added++;
            }
        }
        for (var e : responses.fileWindows().entrySet()) {
            if (!drafts.containsKey(e.getKey()) && responses.endWindow(e.getValue(), FILE_ACTOR, now)) {
                ended++;
            }
        }
        if (added + ended > 0) {
            wake.run();
        }
        return new FileSync(added, ended, List.of());
    }

    /** Windows not over yet, by id. */
    public List<MaintenanceWindow> windows() {
        Instant now = clock.instant();
        return responses.openWindows().stream()
                .filter(w -> now.isBefore(w.end()))
                .toList();
    }

    /** Ends a window now. */
    public Change endWindow(long id, String user) {
        if (!responses.endWindow(id, user, clock.instant())) {
            return new Change.NoSuchWindow(id);
        }
        wake.run();
        return new Change.WindowEnded(responses.window(id).orElseThrow());
    }

    /** Turns the channel's maintenance start and end posts on or off (outages held back are still posted). */
    public Change setMaintenancePosts(String channel, boolean on, String user) {
        if (!responses.setMaintenancePosts(channel, on, user, clock.instant())) {
            return new Change.NotSubscribed();
        }
        return new Change.MaintenancePosts(on);
    }

    /** Whether the channel gets maintenance start and end posts; empty when it is not subscribed. */
    public Optional<Boolean> maintenancePosts(String channel) {
        return responses.maintenancePosts(channel);
    }

    /** Sets who the channel's outage posts of {@code selectors} mention. */
    public void setMentions(String channel, java.util.Set<Selector> selectors, List<Mention> mentions, String user) {
        responses.setMentions(channel, selectors, mentions, user, clock.instant());
    }
}
