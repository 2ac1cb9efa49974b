package dev.healthbot.serversfile;

import dev.healthbot.monitor.MonitorService;
import dev.healthbot.monitor.MonitorSettings;
import dev.healthbot.monitor.Origin;
import dev.healthbot.monitor.RemovalLimit;
import dev.healthbot.monitor.SourceSync;
import java.util.List;

/**
 * Brings the saved servers in line with the servers file at start: adds and updates what it lists,
 * removes what it no longer lists only if it came from the file ({@link SourceSync} with no removal
 * limit: the file at start is what the operator wrote). Called once, before scheduling.
 */
public final class ServersFileSync {

    /** What the sync did. */
    public record Summary(int added, int updated, int removed) {}

    public static final String ACTOR = Origin.FILE.actor();

    private final MonitorService monitors;

    public ServersFileSync(MonitorService monitors) {
        this.monitors = monitors;
    }

    /** Applies the file's list; throws {@link ServersFileException} naming each entry not applied. */
    public Summary apply(List<MonitorSettings> wanted) {
        SourceSync.Outcome outcome = new SourceSync(monitors).apply(Origin.FILE, wanted, RemovalLimit.NONE);
        SourceSync.Summary s = ((SourceSync.Outcome.Applied) outcome).summary();
        if (!s.problems().isEmpty()) {
            throw new ServersFileException("(sync)", s.problems());
        }
        return new Summary(s.added(), s.updated(), s.removed());
    }
}
