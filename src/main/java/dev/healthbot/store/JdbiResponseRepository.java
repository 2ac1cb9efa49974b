package dev.healthbot.store;

import dev.healthbot.alert.FollowUp;
import dev.healthbot.alert.FollowUpMessage;
import dev.healthbot.alert.Incident;
import dev.healthbot.alert.MaintenanceWindow;
import dev.healthbot.alert.Mention;
import dev.healthbot.alert.Mute;
import dev.healthbot.alert.PostRef;
import dev.healthbot.alert.ReminderSchedule;
import dev.healthbot.alert.ResponseRepository;
import dev.healthbot.alert.Selector;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@link ResponseRepository} on SQLite: every change is one write transaction; a person's change writes its
 * {@code audit_log} row in it. Thread-safe; writes go through {@link Database#write}.
 */
public final class JdbiResponseRepository implements ResponseRepository {

    private final Database db;

    public JdbiResponseRepository(Database db) {
        this.db = db;
    }

    private <T> T read(org.jdbi.v3.core.extension.ExtensionCallback<T, ResponseDao, RuntimeException> call) {
        return db.jdbi().withExtension(ResponseDao.class, call);
    }

    @Override
    public Optional<Ack> ack(long incidentId) {
        return read(dao -> dao.ack(incidentId))
                .filter(r -> r.ackedBy() != null && r.ackedAt() != null)
                .map(r -> new Ack(r.ackedBy(), Instant.ofEpochMilli(r.ackedAt())));
    }

    @Override
    public boolean acknowledge(long incidentId, String user, Instant now) {
        return db.write(h -> {
            ResponseDao dao = h.attach(ResponseDao.class);
            if (dao.acknowledge(incidentId, user, now.toEpochMilli()) != 1) {
                return false;
            }
            dao.queueRefreshes(incidentId, now.toEpochMilli());
            audit(dao, now, user, "incident.acknowledge", "incident:" + incidentId, "");
            return true;
        });
    }

    @Override
    public boolean unacknowledge(long incidentId, String user, Instant now) {
        return db.write(h -> {
            ResponseDao dao = h.attach(ResponseDao.class);
            if (dao.unacknowledge(incidentId, user) != 1) {
                return false;
            }
            dao.queueRefreshes(incidentId, now.toEpochMilli());
            audit(dao, now, user, "incident.unacknowledge", "incident:" + incidentId, "");
            return true;
        });
    }

    @Override
    public Optional<Mute> mute(long monitorId) {
        return read(dao -> dao.mute(monitorId)).map(JdbiResponseRepository::mute);
    }

    @Override
    public List<Mute> mutes() {
        return read(ResponseDao::mutes).stream()
                .map(JdbiResponseRepository::mute)
                .toList();
    }

    @Override
    public void setMute(Mute mute) {
        db.write(h -> {
            ResponseDao dao = h.attach(ResponseDao.class);
            dao.setMute(
                    mute.monitorId(),
                    mute.until() == null ? null : mute.until().toEpochMilli(),
                    mute.incidentId(),
                    mute.choice().value(),
                    mute.by(),
                    mute.at().toEpochMilli());
            dao.queueRefreshes(mute.incidentId(), mute.at().toEpochMilli());
            audit(
                    dao,
                    mute.at(),
                    mute.by(),
                    "server.mute",
                    "monitor:" + mute.monitorId(),
                    "choice=" + mute.choice().value() + " incident=" + mute.incidentId());
            return null;
        });
    }

    @Override
    public Optional<Mute> clearMute(long monitorId, String actor, Instant now) {
        return db.write(h -> {
            ResponseDao dao = h.attach(ResponseDao.class);
            Optional<Mute> mute = dao.mute(monitorId).map(JdbiResponseRepository::mute);
            if (mute.isEmpty() || dao.clearMute(monitorId) != 1) {
                return Optional.<Mute>empty();
            }
            boolean open =
                    dao.incident(mute.get().incidentId()).map(Incident::isOpen).orElse(false);
            if (open) {
                dao.queueRefreshes(mute.get().incidentId(), now.toEpochMilli());
            }
            if (actor != null) {
                audit(dao, now, actor, "server.unmute", "monitor:" + monitorId, "");
            }
            return mute;
        });
    }

    @Override
    public boolean release(long incidentId, Set<String> channels, Instant now) {
        return db.write(h -> release(h.attach(ResponseDao.class), incidentId, channels, now));
    }

    private static boolean release(ResponseDao dao, long incidentId, Set<String> channels, Instant now) {
        boolean open = dao.incident(incidentId).map(Incident::isOpen).orElse(false);
        if (!open || dao.outageDeliveries(incidentId) > 0) {
            return false;
        }
        for (String channel : new TreeSet<>(channels)) {
            dao.insertOutage(incidentId, channel, now.toEpochMilli());
        }
        return true;
    }

    @Override
    public List<Posted> remindable() {
        return db.jdbi().withHandle(h -> {
            ResponseDao dao = h.attach(ResponseDao.class);
            Map<Long, Incident> incidents = new HashMap<>();
            return dao.remindable().stream()
                    .map(r -> new Posted(
                            incidents.computeIfAbsent(
                                    r.incidentId(), id -> dao.incident(id).orElseThrow()),
                            r.channel(),
                            new PostRef(r.postChannel(), r.postTs()),
                            r.lastReminder()))
                    .toList();
        });
    }

    @Override
    public boolean addReminder(long incidentId, String channel, int n, Instant now) {
        return db.write(h -> h.attach(ResponseDao.class)
                        .addReminder(
                                "REMINDER:" + incidentId + ":" + channel + ":" + n,
                                incidentId,
                                channel,
                                n,
                                now.toEpochMilli())
                == 1);
    }

    @Override
    public void addRecheck(long incidentId, String channel, FollowUpMessage.Recheck r, Instant now) {
        db.write(h -> {
            ResponseDao dao = h.attach(ResponseDao.class);
            audit(
                    dao,
                    now,
                    r.by(),
                    "incident.recheck",
                    "incident:" + incidentId,
                    "up=" + r.up() + " latencyMs=" + r.latency().toMillis());
            dao.addRecheck(
                    incidentId,
                    channel,
                    r.by(),
                    r.up(),
                    r.latency().toMillis(),
                    r.failure().name(),
                    r.detail() == null ? "" : r.detail(),
                    now.toEpochMilli());
            return null;
        });
    }

    @Override
    public Optional<ReminderSchedule> reminders(String channel) {
        return read(dao -> {
            if (dao.channelCount(channel) == 0) {
                return Optional.<ReminderSchedule>empty();
            }
            String stored = dao.reminders(channel).orElse(null);
            if (stored == null) {
                return Optional.of(ReminderSchedule.DEFAULT);
            }
            try {
                return Optional.of(ReminderSchedule.parse(stored.replace(";", " ")));
            } catch (IllegalArgumentException e) {
                return Optional.of(ReminderSchedule.DEFAULT);
            }
        });
    }

    @Override
    public boolean setReminders(String channel, ReminderSchedule schedule, String actor, Instant now) {
        return db.write(h -> {
            ResponseDao dao = h.attach(ResponseDao.class);
            if (dao.setReminders(channel, schedule.format(), actor, now.toEpochMilli()) != 1) {
                return false;
            }
            audit(dao, now, actor, "channel.reminders", "channel:" + channel, schedule.format());
            return true;
        });
    }

    @Override
    public Map<Selector, List<Mention>> mentions(String channel) {
        Map<Selector, List<Mention>> out = new HashMap<>();
        for (ResponseDao.MentionRow r : read(dao -> dao.mentions(channel))) {
            JdbiSubscriptionRepository.selector(r.selector()).ifPresent(s -> {
                List<Mention> m = Mention.split(r.mention());
                if (!m.isEmpty()) {
                    out.put(s, m);
                }
            });
        }
        return out;
    }

    @Override
    public void setMentions(
            String channel, Set<Selector> selectors, List<Mention> mentions, String actor, Instant now) {
        String stored = mentions.isEmpty() ? null : Mention.join(mentions);
        db.write(h -> {
            ResponseDao dao = h.attach(ResponseDao.class);
            for (Selector s : selectors) {
                dao.setMention(channel, JdbiSubscriptionRepository.key(s), stored);
            }
            audit(dao, now, actor, "channel.mention", "channel:" + channel, stored == null ? "none" : stored);
            return null;
        });
    }

    @Override
    public MaintenanceWindow addWindow(MaintenanceWindow w, Instant now) {
        return db.write(h -> {
            ResponseDao dao = h.attach(ResponseDao.class);
            String selector = JdbiSubscriptionRepository.key(w.selector());
            long id = dao.addWindow(
                    selector,
                    w.label(),
                    w.startsAt().toEpochMilli(),
                    w.endsAt().toEpochMilli(),
                    w.reason(),
                    w.createdBy(),
                    now.toEpochMilli());
            audit(
                    dao,
                    now,
                    w.createdBy(),
                    "maintenance.add",
                    "maintenance:" + id,
                    "selector=" + selector + " from=" + w.startsAt() + " to=" + w.endsAt());
            return window(dao.window(id).orElseThrow());
        });
    }

    @Override
    public Optional<MaintenanceWindow> window(long id) {
        return read(dao -> dao.window(id)).map(JdbiResponseRepository::window);
    }

    @Override
    public List<MaintenanceWindow> openWindows() {
        return read(ResponseDao::openWindows).stream()
                .map(JdbiResponseRepository::window)
                .toList();
    }

    @Override
    public boolean endWindow(long id, String actor, Instant now) {
        return db.write(h -> {
            ResponseDao dao = h.attach(ResponseDao.class);
            if (dao.endWindow(id, actor, now.toEpochMilli()) != 1) {
                return false;
            }
            audit(dao, now, actor, "maintenance.end", "maintenance:" + id, "");
            return true;
        });
    }

    @Override
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

    @Override
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
                release(dao, r.getKey(), r.getValue(), now);
            }
            return true;
        });
    }

    @Override
    public List<Incident> incidentsOpenedBetween(Instant from, Instant to) {
        return read(dao -> dao.incidentsOpenedBetween(from.toEpochMilli(), to.toEpochMilli()));
    }

    @Override
    public List<FollowUp> dueFollowUps(Instant now, Set<String> heldChannels, int limit) {
        String held = JdbiAlertRepository.json(heldChannels);
        return read(dao -> dao.due(now.toEpochMilli(), held, limit));
    }

    @Override
    public Optional<Instant> nextFollowUpAfter(Instant now) {
        return read(dao -> dao.nextAfter(now.toEpochMilli())).map(Instant::ofEpochMilli);
    }

    @Override
    public void followUpSent(long id, PostRef post, Instant at) {
        db.write(h -> h.attach(ResponseDao.class)
                .finish(id, "SENT", at.toEpochMilli(), null, post == null ? null : post.ts(), null));
    }

    @Override
    public void followUpSkipped(long id, String why, Instant at) {
        db.write(h -> h.attach(ResponseDao.class).finish(id, "SKIPPED", at.toEpochMilli(), why, null, null));
    }

    @Override
    public void followUpRetry(long id, int attempts, Instant next, String error) {
        db.write(h -> h.attach(ResponseDao.class).retry(id, attempts, next.toEpochMilli(), error));
    }

    @Override
    public void followUpGivenUp(long id, int attempts, String why, Instant at) {
        db.write(h -> h.attach(ResponseDao.class).finish(id, "GIVEN_UP", at.toEpochMilli(), why, null, attempts));
    }

    @Override
    public List<FollowUp> followUps(long incidentId) {
        return read(dao -> dao.followUps(incidentId));
    }

    private static void audit(
            ResponseDao dao, Instant now, String actor, String action, String subject, String detail) {
        dao.audit(now.toEpochMilli(), actor, action, subject, detail);
        Audit.logged(actor, action, subject, detail.isEmpty() ? "" : detail);
    }

    private static Mute mute(ResponseDao.MuteRow r) {
        return new Mute(
                r.monitorId(),
                r.incidentId(),
                Mute.Choice.parse(r.choice()).orElse(Mute.Choice.H1),
                r.mutedBy(),
                Instant.ofEpochMilli(r.mutedAt()),
                r.untilAt() == null ? null : Instant.ofEpochMilli(r.untilAt()));
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
