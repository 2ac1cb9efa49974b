package dev.healthbot.monitor;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Use cases of heartbeats: a ping arrives, a deadline passes, a heartbeat is added, edited, removed
 * or gets a new key. Feeds the same {@link StatusMachine} and status repository as a URL check, so
 * outages and recoveries reach the alert outbox the same way. Keeps the {@link DeadlineIndex} in
 * step with the database. Thread-safe: the events of one heartbeat are applied one at a time (a
 * striped lock), different heartbeats in parallel. Called by the HTTP endpoint's threads, the
 * {@link SilenceWatch} and the scheduler.
 */
public final class HeartbeatService {

    private static final System.Logger LOG = System.getLogger(HeartbeatService.class.getName());
    private static final int STRIPES = 256;

    /** What a ping came to. */
    public sealed interface PingAnswer {
        /** No heartbeat has that key (or the path is not a ping). */
        record Unknown() implements PingAnswer {}

        /** Saved; {@code status} is the heartbeat's status afterwards. */
        record Accepted(Monitor monitor, Status status) implements PingAnswer {}
    }

    /** A heartbeat as {@code check}, {@code list} and the add reply show it. */
    public record View(Monitor monitor, HeartbeatRecord record, MonitorState state) {
        /** When the next ping is due (without the grace); null before the first ping. */
        public Instant nextDue() {
            return HeartbeatRules.nextDue(record, monitor.settings());
        }
    }

    private final MonitorRepository monitors;
    private final StatusRepository status;
    private final HeartbeatRepository beats;
    private final DeadlineIndex index;
    private final StatusListener listener;
    private final InstantSource clock;
    private final Object[] locks = new Object[STRIPES];
    /** The period and grace each tracked heartbeat's deadline was computed with. */
    private final ConcurrentMap<Long, Duration[]> tracked = new ConcurrentHashMap<>();

    public HeartbeatService(
            MonitorRepository monitors,
            StatusRepository status,
            HeartbeatRepository beats,
            DeadlineIndex index,
            StatusListener listener,
            InstantSource clock) {
        this.monitors = monitors;
        this.status = status;
        this.beats = beats;
        this.index = index;
        this.listener = listener;
        this.clock = clock;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    /** Applies a ping; {@code body} is the request body (may be empty). */
    public PingAnswer ping(Ping ping, byte[] body) {
        if (!PingKey.wellFormed(ping.key())) {
            return new PingAnswer.Unknown();
        }
        Optional<HeartbeatRecord> found = beats.findByKey(ping.key());
        if (found.isEmpty()) {
            return new PingAnswer.Unknown();
        }
        long id = found.get().monitorId();
        String text = body == null || body.length == 0 ? "" : new String(body, StandardCharsets.UTF_8);
        synchronized (lock(id)) {
            Optional<Monitor> m = monitors.findById(id);
            Optional<HeartbeatRecord> hb = beats.find(id);
            Optional<MonitorState> state = status.state(id);
            if (m.isEmpty()
                    || hb.isEmpty()
                    || state.isEmpty()
                    || !m.get().settings().heartbeat()
                    || !hb.get().key().value().equals(ping.key())) {
                // Removed, made a URL check or given a new key since the lookup.
                return new PingAnswer.Unknown();
            }
            HeartbeatRules.Outcome o =
                    HeartbeatRules.ping(id, hb.get(), state.get(), m.get().settings(), ping, text, now());
            MonitorState after = apply(m.get(), o);
            // One line per ping would be 10,000 a minute at scale: a ping that changes the status is INFO.
            LOG.log(
                    o.step() != null && o.step().flipped() ? System.Logger.Level.INFO : System.Logger.Level.DEBUG,
                    "ping monitor=" + m.get().name() + " kind=" + ping.kind()
                            + (ping.exitCode() == null ? "" : " exit=" + ping.exitCode())
                            + " status=" + after.status() + " bytes=" + (body == null ? 0 : body.length));
            return new PingAnswer.Accepted(m.get(), after.status());
        }
    }

    /** The deadline {@code deadline} of the heartbeat passed (called by the {@link SilenceWatch}). */
    public void missed(long id, Instant deadline) {
        synchronized (lock(id)) {
            Optional<Monitor> m = monitors.findById(id);
            Optional<HeartbeatRecord> hb = beats.find(id);
            Optional<MonitorState> state = status.state(id);
            if (m.isEmpty()
                    || hb.isEmpty()
                    || state.isEmpty()
                    || !m.get().settings().heartbeat()) {
                return;
            }
            if (hb.get().nextDeadline() == null || !hb.get().nextDeadline().equals(deadline)) {
                // A ping moved it meanwhile; the index holds the new one.
                return;
            }
            HeartbeatRules.Outcome o =
                    HeartbeatRules.missed(id, hb.get(), state.get(), m.get().settings(), deadline);
            MonitorState after = apply(m.get(), o);
            LOG.log(
                    System.Logger.Level.INFO,
                    "heartbeat missed monitor=" + m.get().name() + " deadline=" + deadline + " status=" + after.status()
                            + " lateMs="
                            + Duration.between(deadline, clock.instant()).toMillis());
        }
    }

    /** Saves the record, then the result and any flip, then moves the deadline; announces a flip. */
    private MonitorState apply(Monitor m, HeartbeatRules.Outcome o) {
        beats.save(o.record());
        StatusChange saved = null;
        MonitorState after = status.state(m.id()).orElseThrow();
        if (o.result() != null) {
            saved = status.record(m.id(), o.result(), o.step().state(), o.step().change());
            after = o.step().state();
        }
        index.put(m.id(), o.record().nextDeadline());
        if (saved != null) {
            try {
                listener.changed(saved);
            } catch (RuntimeException e) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "status listener failed monitor=" + m.name() + "; the change is saved",
                        e);
            }
        }
        return after;
    }

    /**
     * Starts watching a heartbeat (added, edited, or at start): gives it a key when it has none and,
     * when its period or grace changed, recomputes its deadline. Returns its record.
     */
    public HeartbeatRecord track(Monitor m) {
        return track(m, true);
    }

    /**
     * {@link #track(Monitor)}; without {@code needRecord} a heartbeat already tracked with the same
     * period and grace costs no read (the start schedules every server, up to 100,000 heartbeats), and
     * null is returned for it.
     */
    public HeartbeatRecord track(Monitor m, boolean needRecord) {
        synchronized (lock(m.id())) {
            Duration[] now = {m.settings().period(), m.settings().grace()};
            Duration[] before = tracked.get(m.id());
            if (before != null && before[0].equals(now[0]) && before[1].equals(now[1])) {
                if (!needRecord) {
                    return null;
                }
                Optional<HeartbeatRecord> hb = beats.find(m.id());
                if (hb.isPresent()) {
                    return hb.get();
                }
            }
            HeartbeatRecord hb = beats.create(HeartbeatRecord.fresh(m.id(), PingKey.generate(), now()));
            MonitorState state = status.state(m.id()).orElse(MonitorState.pending(m.createdAt()));
            Instant deadline = HeartbeatRules.deadline(hb, state, m.settings());
            if (before != null || hb.lastPingAt() != null || hb.lastStartAt() != null) {
                // Edited (or tracked again without the start's rebuild): the deadline follows the new settings.
                hb = hb.withDeadline(deadline);
                beats.save(hb);
            }
            index.put(m.id(), hb.nextDeadline());
            tracked.put(m.id(), now);
            return hb;
        }
    }

    /** Stops watching a heartbeat (removed, or made a URL check: then its record goes too). */
    public void forget(long id, boolean deleteRecord) {
        synchronized (lock(id)) {
            index.remove(id);
            tracked.remove(id);
            if (deleteRecord) {
                beats.delete(id);
            }
        }
    }

    /** True when the heartbeat is watched. */
    public boolean tracking(long id) {
        return tracked.containsKey(id);
    }

    /**
     * Rebuilds the deadline index from the database, in two reads; called once at start, before the
     * servers are scheduled. A deadline that passed while the bot was down fires at once.
     */
    public int rebuild() {
        Map<Long, Monitor> byId = new HashMap<>();
        for (Monitor m : monitors.all()) {
            if (m.settings().heartbeat()) {
                byId.put(m.id(), m);
            }
        }
        List<HeartbeatRecord> all = beats.all();
        index.clear();
        int n = 0;
        for (HeartbeatRecord hb : all) {
            Monitor m = byId.get(hb.monitorId());
            if (m == null) {
                continue;
            }
            index.put(hb.monitorId(), hb.nextDeadline());
            tracked.put(
                    hb.monitorId(),
                    new Duration[] {m.settings().period(), m.settings().grace()});
            n++;
        }
        return n;
    }

    /** The heartbeat named {@code name} with its record and state; empty when there is none. */
    public Optional<View> view(String name) {
        return monitors.findByName(name).filter(m -> m.settings().heartbeat()).map(this::view);
    }

    /** The heartbeat's view; its record is created when it has none yet. */
    public View view(Monitor m) {
        HeartbeatRecord hb = beats.find(m.id()).orElseGet(() -> track(m));
        return new View(m, hb, status.state(m.id()).orElse(MonitorState.pending(m.createdAt())));
    }

    /** Gives the heartbeat a fresh key; the old one answers 404 from now on. Empty when it is not a heartbeat. */
    public Optional<View> rotateKey(long id) {
        synchronized (lock(id)) {
            Optional<Monitor> m = monitors.findById(id).filter(x -> x.settings().heartbeat());
            if (m.isEmpty()) {
                return Optional.empty();
            }
            HeartbeatRecord hb = beats.find(id).orElseGet(() -> track(m.get()));
            HeartbeatRecord rotated = hb.withKey(PingKey.generate(), now());
            beats.save(rotated);
            LOG.log(
                    System.Logger.Level.INFO,
                    "heartbeat key rotated monitor=" + m.get().name());
            return Optional.of(new View(
                    m.get(),
                    rotated,
                    status.state(id).orElse(MonitorState.pending(m.get().createdAt()))));
        }
    }

    /** How many heartbeats have a deadline now. */
    public int watched() {
        return index.size();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private Object lock(long id) {
        return locks[(int) Math.floorMod(id, (long) STRIPES)];
    }
}
