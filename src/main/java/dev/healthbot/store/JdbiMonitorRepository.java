package dev.healthbot.store;

import dev.healthbot.monitor.Durations;
import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.MonitorDraft;
import dev.healthbot.monitor.MonitorRepository;
import dev.healthbot.monitor.MonitorSettings;
import dev.healthbot.monitor.NameTakenException;
import dev.healthbot.monitor.Origin;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongConsumer;
import org.jdbi.v3.core.statement.StatementException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * {@link MonitorRepository} over SQLite: each write is one transaction that also writes an
 * {@code audit_log} row naming the actor. Servers read by id are cached (each check reads its
 * server), and the cache is updated after each write commits; this process is the database's only
 * writer, so the cache cannot go stale. Thread-safe.
 */
public final class JdbiMonitorRepository implements MonitorRepository {

    private final Database db;
    private final LongConsumer removed;
    private final ConcurrentMap<Long, Monitor> byId = new ConcurrentHashMap<>();

    /**
     * @param removed told the id of each removed server once its removal is committed, so that a
     *     cache of another repository forgets it (in the bot: {@link JdbiStatusRepository#forget})
     */
    public JdbiMonitorRepository(Database db, LongConsumer removed) {
        this.db = db;
        this.removed = removed;
    }

    @Override
    public Monitor add(MonitorSettings settings, Origin origin, String actor, Instant now) {
        try {
            Monitor added = db.write(h -> {
                MonitorDao dao = h.attach(MonitorDao.class);
                long id = dao.insert(Rows.MonitorRow.of(settings, origin), now.toEpochMilli(), actor);
                dao.insertPendingState(id, now.toEpochMilli());
                String detail = describe(settings, origin);
                dao.audit(now.toEpochMilli(), actor, "monitor.add", subject(id), detail);
                Audit.logged(actor, "monitor.add", subject(id), detail);
                return dao.findById(id).orElseThrow();
            });
            byId.put(added.id(), added);
            return added;
        } catch (StatementException e) {
            throw nameTakenOr(e, settings.name());
        }
    }

    @Override
    public Monitor update(long id, MonitorSettings settings, Origin origin, String actor, Instant now) {
        try {
            Monitor updated = db.write(h -> {
                MonitorDao dao = h.attach(MonitorDao.class);
                Monitor before =
                        dao.findById(id).orElseThrow(() -> new NoSuchElementException("no server with id " + id));
                dao.update(id, Rows.MonitorRow.of(settings, origin), now.toEpochMilli(), actor);
                String detail = describe(settings, origin);
                if (!before.name().equals(settings.name())) {
                    detail = "renamed from " + before.name() + "; " + detail;
                }
                // Switching alerts alone is its own action, so the audit trail reads like what the user did.
                String action = before.origin() == origin
                                && before.settings().alertsEnabled() != settings.alertsEnabled()
                                && before.settings()
                                        .withAlerts(settings.alertsEnabled())
                                        .equals(settings)
                        ? (settings.alertsEnabled() ? "monitor.alerts_on" : "monitor.alerts_off")
                        : "monitor.update";
                dao.audit(now.toEpochMilli(), actor, action, subject(id), detail);
                Audit.logged(actor, action, subject(id), detail);
                return dao.findById(id).orElseThrow();
            });
            // A load racing with this write finishes first (same key), then this put wins.
            byId.put(id, updated);
            return updated;
        } catch (StatementException e) {
            throw nameTakenOr(e, settings.name());
        }
    }

    @Override
    public boolean remove(long id, String actor, Instant now) {
        boolean gone = db.write(h -> {
            MonitorDao dao = h.attach(MonitorDao.class);
            Optional<Monitor> before = dao.findById(id);
            if (before.isEmpty() || dao.delete(id) == 0) {
                return false;
            }
            String detail = describe(before.get().settings(), before.get().origin());
            dao.audit(now.toEpochMilli(), actor, "monitor.remove", subject(id), detail);
            Audit.logged(actor, "monitor.remove", subject(id), detail);
            return true;
        });
        byId.remove(id);
        if (gone) {
            removed.accept(id);
        }
        return gone;
    }

    @Override
    public Optional<Monitor> findById(long id) {
        Monitor cached = byId.get(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        // computeIfAbsent holds the key while it reads, so a write's put or remove lands after it.
        return Optional.ofNullable(byId.computeIfAbsent(id, k -> db.jdbi()
                .withExtension(MonitorDao.class, dao -> dao.findById(k))
                .orElse(null)));
    }

    @Override
    public Optional<Monitor> findByName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String key = Rows.nameKey(name.strip());
        return db.jdbi().withExtension(MonitorDao.class, dao -> dao.findByKey(key));
    }

    @Override
    public List<Monitor> all() {
        return db.jdbi().withExtension(MonitorDao.class, MonitorDao::all);
    }

    private static String subject(long id) {
        return "monitor:" + id;
    }

    /** The settings for the audit log; the URL is masked because the log is shown to people. */
    private static String describe(MonitorSettings s, Origin origin) {
        return "name=" + s.name()
                + " url=" + s.target().masked()
                + " env=" + s.environment()
                + " interval=" + Durations.format(s.interval())
                + " timeout=" + Durations.format(s.timeout())
                + " expect=" + s.expectedStatus()
                + " failuresBeforeDown=" + s.thresholds().failuresBeforeDown()
                + " successesBeforeUp=" + s.thresholds().successesBeforeUp()
                + " alerts=" + (s.alertsEnabled() ? "on" : "off")
                + MonitorDraft.shown(s.options()).entrySet().stream()
                        .map(e -> " " + e.getKey().name().toLowerCase(java.util.Locale.ROOT) + "="
                                + e.getValue().replace("\n", ", "))
                        .collect(java.util.stream.Collectors.joining())
                + " origin=" + origin;
    }

    private static RuntimeException nameTakenOr(StatementException e, String name) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException sqlite
                    && sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
                    && String.valueOf(sqlite.getMessage()).contains("monitors.name_key")) {
                return new NameTakenException(name);
            }
        }
        return e;
    }
}
