package dev.healthbot.serversfile;

import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.MonitorDraft;
import dev.healthbot.monitor.MonitorService;
import dev.healthbot.monitor.MonitorSettings;
import dev.healthbot.monitor.Origin;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Brings the saved servers in line with the servers file at start: adds and updates what it lists,
 * removes what it no longer lists only if it came from the file. Called once, before scheduling.
 */
public final class ServersFileSync {

    /** What the sync did. */
    public record Summary(int added, int updated, int removed) {}

    public static final String ACTOR = "servers-file";

    private final MonitorService monitors;

    public ServersFileSync(MonitorService monitors) {
        this.monitors = monitors;
    }

    public Summary apply(List<MonitorSettings> wanted) {
        int added = 0, updated = 0, removed = 0;
        Set<String> names = new HashSet<>();
        List<String> problems = new ArrayList<>();
        // One read of every saved server, not one query per line of the file.
        Map<String, Monitor> saved = new HashMap<>();
        for (Monitor m : monitors.all()) {
            saved.put(key(m.name()), m);
        }
        for (MonitorSettings s : wanted) {
            names.add(key(s.name()));
            MonitorDraft draft = MonitorDraft.from(s);
            Optional<Monitor> current = Optional.ofNullable(saved.get(key(s.name())));
            MonitorService.EditResult outcome;
            if (current.isEmpty()) {
                outcome = monitors.register(draft, Origin.FILE, ACTOR);
                added++;
            } else if (!current.get().settings().equals(s) || current.get().origin() != Origin.FILE) {
                outcome = monitors.update(current.get(), draft, Origin.FILE, ACTOR);
                updated++;
            } else {
                continue;
            }
            if (!(outcome instanceof MonitorService.EditResult.Saved)) {
                problems.add(s.name() + ": " + outcome);
            }
        }
        for (Monitor m : saved.values()) {
            if (m.origin() == Origin.FILE && !names.contains(key(m.name()))) {
                monitors.removeById(m.id(), ACTOR);
                removed++;
            }
        }
        if (!problems.isEmpty()) {
            throw new ServersFileException("(sync)", problems);
        }
        return new Summary(added, updated, removed);
    }

    private static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }
}
