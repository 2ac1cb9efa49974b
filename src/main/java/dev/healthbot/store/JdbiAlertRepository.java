package dev.healthbot.store;

import dev.healthbot.alert.AlertRepository;
import dev.healthbot.alert.Delivery;
import dev.healthbot.alert.Incident;
import dev.healthbot.alert.PostRef;
import dev.healthbot.monitor.StatusChange;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@link AlertRepository} on SQLite: each claim is one write transaction whose conditional update
 * must change exactly one row. Thread-safe; writes go through {@link Database#write}.
 */
public final class JdbiAlertRepository implements AlertRepository {

    private final Database db;

    public JdbiAlertRepository(Database db) {
        this.db = db;
    }

    @Override
    public List<StatusChange> pendingChanges(int limit) {
        return db.jdbi().withExtension(AlertDao.class, dao -> dao.pendingChanges(limit));
    }

    @Override
    public boolean claimOutage(StatusChange change, Incident draft, Set<String> channels, Instant now) {
        return db.write(h -> {
            AlertDao dao = h.attach(AlertDao.class);
            if (dao.claim(change.id(), now.toEpochMilli()) != 1) {
                return false;
            }
            long incidentId = dao.insertIncident(
                    draft.monitorId(),
                    draft.monitorName(),
                    draft.environment().name(),
                    draft.target(),
                    draft.openedAt().toEpochMilli(),
                    draft.cause().name(),
                    draft.detail() == null ? "" : draft.detail(),
                    draft.failedChecks(),
                    change.id());
            ResponseDao followUps = h.attach(ResponseDao.class);
            for (String channel : new TreeSet<>(channels)) {
                dao.insertDelivery(incidentId, channel, Delivery.Kind.OUTAGE.name(), now.toEpochMilli());
                // A heartbeat's kept ping body goes in the outage's thread, queued with the post itself.
                followUps.addPingLog(incidentId, channel, now.toEpochMilli());
            }
            return true;
        });
    }

    @Override
    public boolean claimRecovery(StatusChange change, Instant now) {
        return db.write(h -> {
            AlertDao dao = h.attach(AlertDao.class);
            if (dao.claim(change.id(), now.toEpochMilli()) != 1) {
                return false;
            }
            Optional<Incident> open = dao.openIncident(change.monitorId());
            if (open.isPresent()) {
                dao.resolve(open.get().id(), change.at().toEpochMilli(), change.id());
                dao.insertRecoveries(open.get().id(), now.toEpochMilli());
            }
            return true;
        });
    }

    @Override
    public boolean claimQuiet(StatusChange change, Instant now) {
        return db.write(h -> h.attach(AlertDao.class).claim(change.id(), now.toEpochMilli()) == 1);
    }

    @Override
    public List<Delivery> dueDeliveries(Instant now, Set<String> heldChannels, int limit) {
        String held = json(heldChannels);
        return db.jdbi().withExtension(AlertDao.class, dao -> dao.due(now.toEpochMilli(), held, limit));
    }

    @Override
    public Optional<Instant> nextAttemptAfter(Instant now) {
        return db.jdbi()
                .withExtension(AlertDao.class, dao -> dao.nextAttemptAfter(now.toEpochMilli()))
                .map(Instant::ofEpochMilli);
    }

    @Override
    public void markSent(long deliveryId, PostRef post, Instant at, String note) {
        db.write(h -> h.attach(AlertDao.class)
                .markSent(
                        deliveryId,
                        post == null ? null : post.channel(),
                        post == null ? null : post.ts(),
                        at.toEpochMilli(),
                        note));
    }

    @Override
    public void recordReply(long deliveryId, PostRef reply) {
        db.write(h -> h.attach(AlertDao.class).recordReply(deliveryId, reply.channel(), reply.ts()));
    }

    @Override
    public void reschedule(long deliveryId, int attempts, Instant nextAttemptAt, String lastError) {
        db.write(h ->
                h.attach(AlertDao.class).reschedule(deliveryId, attempts, nextAttemptAt.toEpochMilli(), lastError));
    }

    @Override
    public void markAttempt(long deliveryId, Instant startedAt) {
        Long at = startedAt == null ? null : startedAt.toEpochMilli();
        db.write(h -> h.attach(AlertDao.class).markAttempt(deliveryId, at));
    }

    @Override
    public void giveUp(long deliveryId, int attempts, String reason, Instant at) {
        db.write(h -> h.attach(AlertDao.class).giveUp(deliveryId, attempts, reason, at.toEpochMilli()));
    }

    @Override
    public Optional<Delivery> outageDelivery(long incidentId, String channel) {
        return db.jdbi().withExtension(AlertDao.class, dao -> dao.outageDelivery(incidentId, channel));
    }

    @Override
    public Optional<Incident> incident(long incidentId) {
        return db.jdbi().withExtension(AlertDao.class, dao -> dao.incident(incidentId));
    }

    @Override
    public Optional<Incident> openIncident(long monitorId) {
        return db.jdbi().withExtension(AlertDao.class, dao -> dao.openIncident(monitorId));
    }

    /** A JSON array of strings, for {@code json_each}. */
    static String json(Set<String> values) {
        StringBuilder b = new StringBuilder("[");
        for (String v : values) {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append('"');
            for (char c : v.toCharArray()) {
                if (c == '"' || c == '\\') {
                    b.append('\\').append(c);
                } else if (c < 0x20) {
                    b.append(String.format("\\u%04x", (int) c));
                } else {
                    b.append(c);
                }
            }
            b.append('"');
        }
        return b.append(']').toString();
    }
}
