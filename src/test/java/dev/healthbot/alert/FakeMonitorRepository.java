package dev.healthbot.alert;

import dev.healthbot.monitor.Environment;
import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.MonitorRepository;
import dev.healthbot.monitor.MonitorSettings;
import dev.healthbot.monitor.NameTakenException;
import dev.healthbot.monitor.Origin;
import dev.healthbot.monitor.StatusCodes;
import dev.healthbot.monitor.Target;
import dev.healthbot.monitor.Thresholds;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;

/** A working in-memory {@link MonitorRepository}, held to the port by {@code MonitorRepositoryContract}; thread-safe. */
public final class FakeMonitorRepository implements MonitorRepository {
    private final Map<Long, Monitor> byId = new TreeMap<>();
    private long nextId = 1;

    public static MonitorSettings settings(String name, Environment env) {
        return new MonitorSettings(
                name,
                Target.parse("https://bot:s3cret@" + name + ".example.test/health?token=abc"),
                env,
                Duration.ofSeconds(60),
                Duration.ofSeconds(5),
                StatusCodes.DEFAULT,
                Thresholds.DEFAULT,
                true);
    }

    /** Adds a server with alerts on. */
    public Monitor add(String name, Environment env) {
        return add(settings(name, env), Origin.SLACK, "test", Instant.EPOCH);
    }

    @Override
    public synchronized Monitor add(MonitorSettings settings, Origin origin, String actor, Instant now) {
        if (findByName(settings.name()).isPresent()) {
            throw new NameTakenException(settings.name());
        }
        Monitor m = new Monitor(nextId++, settings, origin, now);
        byId.put(m.id(), m);
        return m;
    }

    @Override
    public synchronized Monitor update(long id, MonitorSettings settings, Origin origin, String actor, Instant now) {
        Monitor old = byId.get(id);
        if (old == null) {
            throw new NoSuchElementException("no server with id " + id);
        }
        Optional<Monitor> clash = findByName(settings.name());
        if (clash.isPresent() && clash.get().id() != id) {
            throw new NameTakenException(settings.name());
        }
        Monitor m = new Monitor(id, settings, origin, old.createdAt());
        byId.put(id, m);
        return m;
    }

    @Override
    public synchronized boolean remove(long id, String actor, Instant now) {
        return byId.remove(id) != null;
    }

    @Override
    public synchronized Optional<Monitor> findById(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized Optional<Monitor> findByName(String name) {
        return byId.values().stream()
                .filter(m -> m.name().equalsIgnoreCase(name))
                .findFirst();
    }

    @Override
    public synchronized List<Monitor> all() {
        List<Monitor> all = new ArrayList<>(byId.values());
        all.sort(Comparator.comparing(m -> m.name().toLowerCase(Locale.ROOT)));
        return all;
    }
}
