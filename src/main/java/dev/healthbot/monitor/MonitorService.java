package dev.healthbot.monitor;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Use cases over registered servers: register, edit, remove, list, check now and switch alerts.
 * Validates, saves, and keeps the scheduler in step. Thread-safe; called from Slack handlers and
 * from the servers file loader, never probing on the caller's thread.
 */
public final class MonitorService {

    /** The result of a change to the server list (register, edit, remove, alerts on or off) asked for by a user. */
    public sealed interface EditResult {
        /** Saved; {@code monitor} is the server as it now is. */
        record Saved(Monitor monitor) implements EditResult {}

        /** Nothing saved: the input was invalid; one reason per field. */
        record Invalid(Map<Field, String> errors) implements EditResult {}

        /** Nothing saved: no server has that name. */
        record NotFound(String name) implements EditResult {}

        /**
         * Nothing saved: the server comes from a source (the servers file, the inventory: {@code
         * monitor.origin()}), which must be changed instead.
         */
        record ManagedByFile(Monitor monitor) implements EditResult {}
    }

    /** A server with its current state, for listing. */
    public record Entry(Monitor monitor, MonitorState state) {}

    private final MonitorRepository monitors;
    private final StatusRepository status;
    private final MonitorScheduler scheduler;
    private final CheckRunner checks;
    private final InstantSource clock;
    private final TargetPolicy targets;

    /** @param targets where probes may go; a target it refuses is an error on the URL */
    public MonitorService(
            MonitorRepository monitors,
            StatusRepository status,
            MonitorScheduler scheduler,
            CheckRunner checks,
            InstantSource clock,
            TargetPolicy targets) {
        this.monitors = monitors;
        this.status = status;
        this.scheduler = scheduler;
        this.checks = checks;
        this.clock = clock;
        this.targets = targets;
    }

    public EditResult register(MonitorDraft draft, Origin origin, String actor) {
        MonitorValidator.Result v = validate(draft);
        if (!v.valid()) {
            return new EditResult.Invalid(v.errors());
        }
        if (monitors.findByName(v.settings().name()).isPresent()) {
            return new EditResult.Invalid(
                    Map.of(Field.NAME, "a server named " + v.settings().name() + " already exists"));
        }
        try {
            Monitor saved = monitors.add(v.settings(), origin, actor, clock.instant());
            checks.servers(1, false);
            scheduler.schedule(saved, Duration.ZERO);
            return new EditResult.Saved(saved);
        } catch (NameTakenException e) {
            return new EditResult.Invalid(Map.of(Field.NAME, e.getMessage()));
        }
    }

    /** Edits the server named {@code currentName} from Slack; servers owned by a source are refused. */
    public EditResult edit(String currentName, MonitorDraft draft, String actor) {
        Optional<Monitor> current = monitors.findByName(currentName);
        if (current.isEmpty()) {
            return new EditResult.NotFound(currentName);
        }
        if (current.get().origin().managed()) {
            return new EditResult.ManagedByFile(current.get());
        }
        return update(current.get(), draft, Origin.SLACK, actor);
    }

    /** Replaces the settings of an existing server, whatever its origin (the servers file uses this). */
    public EditResult update(Monitor current, MonitorDraft draft, Origin origin, String actor) {
        MonitorValidator.Result v = validate(draft);
        if (!v.valid()) {
            return new EditResult.Invalid(v.errors());
        }
        Optional<Monitor> clash = monitors.findByName(v.settings().name());
        if (clash.isPresent() && clash.get().id() != current.id()) {
            return new EditResult.Invalid(
                    Map.of(Field.NAME, "a server named " + v.settings().name() + " already exists"));
        }
        try {
            Monitor saved = monitors.update(current.id(), v.settings(), origin, actor, clock.instant());
            if (!saved.settings().equals(current.settings())) {
                scheduler.schedule(saved, Duration.ZERO);
            }
            return new EditResult.Saved(saved);
        } catch (NameTakenException e) {
            return new EditResult.Invalid(Map.of(Field.NAME, e.getMessage()));
        }
    }

    /** Validates the draft, then asks the target policy about its URL (may wait about a second for DNS). */
    private MonitorValidator.Result validate(MonitorDraft draft) {
        MonitorValidator.Result v = MonitorValidator.validate(draft);
        if (!v.valid() || v.settings().heartbeat()) {
            return v;
        }
        Optional<String> refused = targets.refusal(v.settings().target());
        return refused.isEmpty() ? v : new MonitorValidator.Result(null, Map.of(Field.URL, refused.get()));
    }

    public EditResult setAlerts(String name, boolean enabled, String actor) {
        Optional<Monitor> current = monitors.findByName(name);
        if (current.isEmpty()) {
            return new EditResult.NotFound(name);
        }
        Monitor m = current.get();
        if (m.origin().managed()) {
            return new EditResult.ManagedByFile(m);
        }
        if (m.settings().alertsEnabled() == enabled) {
            return new EditResult.Saved(m);
        }
        return new EditResult.Saved(
                monitors.update(m.id(), m.settings().withAlerts(enabled), m.origin(), actor, clock.instant()));
    }

    /** Removes a server; its checks stop at once. */
    public EditResult remove(String name, String actor) {
        Optional<Monitor> current = monitors.findByName(name);
        if (current.isEmpty()) {
            return new EditResult.NotFound(name);
        }
        scheduler.unschedule(current.get().id());
        if (monitors.remove(current.get().id(), actor, clock.instant())) {
            checks.servers(-1, false);
        }
        return new EditResult.Saved(current.get());
    }

    /** Removes a server by id whatever its origin (the servers file uses this). */
    public void removeById(long id, String actor) {
        scheduler.unschedule(id);
        if (monitors.remove(id, actor, clock.instant())) {
            checks.servers(-1, false);
        }
    }

    /** Every saved server, in one read. */
    public List<Monitor> all() {
        return monitors.all();
    }

    public Optional<Monitor> find(String name) {
        return monitors.findByName(name);
    }

    public Optional<MonitorState> state(long id) {
        return status.state(id);
    }

    /** Every server with its state: DOWN first, then PENDING, then UP, each by name. */
    public List<Entry> list() {
        Map<Long, MonitorState> states = status.allStates();
        return monitors.all().stream()
                .map(m -> new Entry(m, states.getOrDefault(m.id(), MonitorState.pending(m.createdAt()))))
                .sorted(Comparator.comparingInt((Entry e) -> order(e.state().status()))
                        .thenComparing(e -> e.monitor().name().toLowerCase(java.util.Locale.ROOT)))
                .toList();
    }

    /**
     * Checks the server now (off the caller's thread); completes with {@link CheckResult#NOT_FOUND}
     * when no server has that name.
     */
    public CompletableFuture<CheckResult> checkNow(String name) {
        return monitors.findByName(name)
                .map(m -> checks.run(m.id()))
                .orElseGet(() -> CompletableFuture.completedFuture(CheckResult.NOT_FOUND));
    }

    /**
     * Schedules every saved server again, keeping its state; called once at start. A server whose
     * verdict was forming is checked at once. A server checked before goes on at its next slot
     * ({@link Phase}: a stable offset within its interval, from a hash of its id, neighbouring ids in
     * short runs when there are many servers), so servers sharing
     * an interval stay spread evenly over it and a restart moves no check. Servers never checked get
     * their first check soon, about one a millisecond and within their interval; after it the check
     * runner puts them on their slot.
     */
    public int scheduleAll() {
        List<Monitor> all = monitors.all();
        Map<Long, MonitorState> states = status.allStates();
        java.time.Instant now = clock.instant();
        checks.servers(all.size(), true);
        int run = checks.run();
        List<Monitor> first = new java.util.ArrayList<>();
        for (Monitor m : all) {
            MonitorState s = states.get(m.id());
            if (s != null && s.unsettled()) {
                scheduler.schedule(m, Duration.ZERO);
            } else if (s != null && s.last() != null) {
                scheduler.schedule(m, Phase.untilNext(m.id(), m.settings().interval(), run, now));
            } else {
                first.add(m);
            }
        }
        for (int i = 0; i < first.size(); i++) {
            Monitor m = first.get(i);
            long window = Math.min(m.settings().interval().toMillis(), first.size());
            scheduler.schedule(m, Duration.ofMillis(window * i / first.size()));
        }
        return all.size();
    }

    private static int order(Status s) {
        return switch (s) {
            case DOWN -> 0;
            case PENDING -> 1;
            case UP -> 2;
        };
    }
}
