package dev.healthbot.monitor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Brings the saved servers in line with what one source lists (the servers file, the inventory): adds
 * and updates what it lists, removes what it no longer lists only if it came from that source. A name
 * owned by another source is left alone and reported; a server typed in Slack is taken over. A list that
 * would remove more than the {@link RemovalLimit} allows changes nothing. Each change is audited with the
 * source as the actor. Not thread-safe: one caller at a time (the source poller's thread, or the start).
 */
public final class SourceSync {

    /** What one update did; {@code problems} are entries not applied, one line each. */
    public record Summary(
            int added, int updated, int removed, List<Monitor> changed, List<Monitor> gone, List<String> problems) {

        public Summary {
            changed = List.copyOf(changed);
            gone = List.copyOf(gone);
            problems = List.copyOf(problems);
        }

        /** True when nothing was added, updated or removed. */
        public boolean empty() {
            return added + updated + removed == 0;
        }

        /** One line, e.g. {@code inventory: 3 added, 1 removed}. */
        public String line(Origin source) {
            List<String> parts = new ArrayList<>();
            if (added > 0) {
                parts.add(added + " added");
            }
            if (updated > 0) {
                parts.add(updated + " updated");
            }
            if (removed > 0) {
                parts.add(removed + " removed");
            }
            if (parts.isEmpty()) {
                parts.add("no change");
            }
            String line = source.label() + ": " + String.join(", ", parts);
            return problems.isEmpty() ? line : line + "; " + problems.size() + " not applied";
        }
    }

    /** The result of one update: applied, or held back because it would remove too many servers. */
    public sealed interface Outcome {
        /** The list was applied. */
        record Applied(Summary summary) implements Outcome {}

        /** Nothing changed: the list would remove {@code wouldRemove} of the source's {@code of} servers. */
        record HeldBack(int wouldRemove, int of, RemovalLimit limit) implements Outcome {
            /** One line for people. */
            public String line(Origin source) {
                return source.label() + ": held back a list that would remove " + wouldRemove + " of its " + of
                        + " servers at once (more than " + limit.describe()
                        + "); nothing changed. If it is right, set HEALTHBOT_SERVERS_MAX_REMOVE.";
            }
        }
    }

    private final MonitorService monitors;

    public SourceSync(MonitorService monitors) {
        this.monitors = monitors;
    }

    /** Applies {@code wanted} as the whole list of {@code source}; see the class comment for the rules. */
    public Outcome apply(Origin source, List<MonitorSettings> wanted, RemovalLimit limit) {
        if (!source.managed()) {
            throw new IllegalArgumentException("Slack is not a source of lists");
        }
        String actor = source.actor();
        Map<String, Monitor> saved = new HashMap<>();
        for (Monitor m : monitors.all()) {
            saved.put(key(m.name()), m);
        }
        Set<String> names = new HashSet<>();
        for (MonitorSettings s : wanted) {
            names.add(key(s.name()));
        }
        List<Monitor> leaving = saved.values().stream()
                .filter(m -> m.origin() == source && !names.contains(key(m.name())))
                .toList();
        long owned = saved.values().stream().filter(m -> m.origin() == source).count();
        if (!leaving.isEmpty() && !limit.allows(leaving.size(), (int) owned)) {
            return new Outcome.HeldBack(leaving.size(), (int) owned, limit);
        }
        int added = 0, updated = 0, removed = 0;
        List<Monitor> changed = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (MonitorSettings s : wanted) {
            Monitor current = saved.get(key(s.name()));
            MonitorDraft draft = MonitorDraft.from(s);
            MonitorService.EditResult outcome;
            if (current == null) {
                outcome = monitors.register(draft, source, actor);
            } else if (current.origin().managed() && current.origin() != source) {
                problems.add(s.name() + ": already comes from the "
                        + current.origin().label());
                continue;
            } else if (!current.settings().equals(s) || current.origin() != source) {
                outcome = monitors.update(current, draft, source, actor);
            } else {
                continue;
            }
            if (outcome instanceof MonitorService.EditResult.Saved saved1) {
                changed.add(saved1.monitor());
                if (current == null) {
                    added++;
                } else {
                    updated++;
                }
            } else if (outcome instanceof MonitorService.EditResult.Invalid invalid) {
                problems.add(
                        s.name() + ": " + String.join("; ", invalid.errors().values()));
            } else {
                problems.add(s.name() + ": " + outcome);
            }
        }
        for (Monitor m : leaving) {
            monitors.removeById(m.id(), actor);
            removed++;
        }
        return new Outcome.Applied(new Summary(added, updated, removed, changed, leaving, problems));
    }

    private static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }
}
