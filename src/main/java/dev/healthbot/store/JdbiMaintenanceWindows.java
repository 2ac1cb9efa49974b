package dev.healthbot.store;

import dev.healthbot.alert.Incident;
import dev.healthbot.alert.MaintenanceWindow;
import dev.healthbot.alert.Selector;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The maintenance-window part of {@link JdbiResponseRepository}: windows made in Slack or planned in the servers file,
 * their start and end posts, and the incidents released at their end. Thread-safe; writes go through
 * {@link Database#write}.
 */
final class JdbiMaintenanceWindows {

    private final Database db;

    JdbiMaintenanceWindows(Database db) {
        this.db = db;
    }

    private <T> T read(org.jdbi.v3.core.extension.ExtensionCallback<T, ResponseDao, RuntimeException> call) {
        return db.jdbi().withExtension(ResponseDao.class, call);
    }

    public MaintenanceWindow addWindow(MaintenanceWindow w, Instant now) {
        return db.write(h -> insertWindow(h.attach(ResponseDao.class), w, null, now));
    }

    public Optional<MaintenanceWindow> addFileWindow(MaintenanceWindow w, String fileKey, Instant now) {
        return db.write(h -> {
            ResponseDao dao = h.attach(ResponseDao.class);
            if (dao.fileKeyCount(fileKey) > 0) {
                return Optional.<MaintenanceWindow>empty();
            }
            return Optional.of(insertWindow(dao, w, fileKey, now));
        });
    }

    public Map<String, Long> fileWindows() {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        for (ResponseDao.FileWindowRow r : read(ResponseDao::fileWindows)) {
            out.put(r.fileKey(), r.id());
        }
        return out;
    }

    private static MaintenanceWindow insertWindow(ResponseDao dao, MaintenanceWindow w, String fileKey, Instant now) {
        String selector = JdbiSubscriptionRepository.key(w.selector());
        long id = dao.addWindow(
                selector,
                w.label(),
                w.startsAt().toEpochMilli(),
                w.endsAt().toEpochMilli(),
                w.reason(),
                w.createdBy(),
                now.toEpochMilli());
        if (fileKey != null) {
            dao.setFileKey(id, fileKey);
        }
        JdbiResponseRepository.audit(
                dao,
                now,
                w.createdBy(),
                "maintenance.add",
                "maintenance:" + id,
                "selector=" + selector + " from=" + w.startsAt() + " to=" + w.endsAt());
        return window(dao.window(id).orElseThrow());
    }

    public Optional<MaintenanceWindow> window(long id) {
        return read(dao -> dao.window(id)).map(JdbiMaintenanceWindows::window);
    }

    public List<MaintenanceWindow> openWindows() {
        return read(ResponseDao::openWindows).stream()
                .map(JdbiMaintenanceWindows::window)
                .toList();
    }

    public boolean endWindow(long id, String actor, Instant now) {
        return db.write(h -> {
            ResponseDao dao = h.attach(ResponseDao.class);
            if (dao.endWindow(id, actor, now.toEpochMilli()) != 1) {
                return false;
            }
            JdbiResponseRepository.audit(dao, now, actor, "maintenance.end", "maintenance:" + id, "");
            return true;
        });
    }

    public boolean announceStart(long windowId, Set<String> channels, Instant now) {
        return db.write(h -> {
            ResponseDao dao = h.attach(ResponseDao.class);
            if (dao.markStartAnnounced(windowId) != 1) {
                return false;
            }
            for (String c : new TreeSet<>(channels)) {
                dao.addWindowPost(
                        "MAINTENANCE_START:" + windowId + ":" + c,
                        "MAINTENANCE_START",
                        windowId,
                        c,
                        0,
                        0,
                        now.toEpochMilli());
            }
            return true;
        });
    }

    public boolean finishWindow(
            long windowId,
            Set<String> channels,
            int outages,
            long downMs,
            Map<Long, Set<String>> releases,
            Instant now) {
        return db.write(h -> {
            ResponseDao dao = h.attach(ResponseDao.class);
            boolean started = dao.startAnnounced(windowId).orElse(false);
            if (dao.markEndHandled(windowId) != 1) {
                return false;
            }
            // A window ended before anyone heard it start says nothing at its end either.
            if (started) {
                for (String c : new TreeSet<>(channels)) {
                    dao.addWindowPost(
                            "MAINTENANCE_END:" + windowId + ":" + c,
                            "MAINTENANCE_END",
                            windowId,
                            c,
                            outages,
                            downMs,
                            now.toEpochMilli());
                }
            }
            for (Map.Entry<Long, Set<String>> r : releases.entrySet()) {
                JdbiResponseRepository.release(dao, r.getKey(), r.getValue(), now);
            }
            return true;
        });
    }

    public List<Incident> incidentsOpenedBetween(Instant from, Instant to) {
        return read(dao -> dao.incidentsOpenedBetween(from.toEpochMilli(), to.toEpochMilli()));
    }

    static MaintenanceWindow window(ResponseDao.WindowRow r) {
        return new MaintenanceWindow(
                r.id(),
                JdbiSubscriptionRepository.selector(r.selector()).orElse(Selector.everything()),
                r.label(),
                Instant.ofEpochMilli(r.startsAt()),
                Instant.ofEpochMilli(r.endsAt()),
                r.reason(),
                r.createdBy(),
                r.endedAt() == null ? null : Instant.ofEpochMilli(r.endedAt()),
                r.startAnnounced());
    }
}
