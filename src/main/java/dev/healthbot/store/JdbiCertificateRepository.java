package dev.healthbot.store;

import dev.healthbot.alert.CertificatePost;
import dev.healthbot.alert.CertificateRepository;
import dev.healthbot.alert.PostRef;
import dev.healthbot.monitor.Monitor;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@link CertificateRepository} on SQLite: each claim is one write transaction whose conditional write
 * must change exactly one row. Thread-safe; writes go through {@link Database#write}.
 */
public final class JdbiCertificateRepository implements CertificateRepository {

    private final Database db;

    public JdbiCertificateRepository(Database db) {
        this.db = db;
    }

    @Override
    public Map<Long, List<Watch>> watches() {
        Map<Long, List<Watch>> out = new LinkedHashMap<>();
        for (Watch w : db.jdbi().withExtension(CertificateDao.class, CertificateDao::watches)) {
            out.computeIfAbsent(w.monitorId(), k -> new java.util.ArrayList<>()).add(w);
        }
        return out;
    }

    @Override
    public boolean claimWarning(Monitor monitor, Instant notAfter, Duration step, Set<String> channels, Instant now) {
        return db.write(h -> {
            CertificateDao dao = h.attach(CertificateDao.class);
            if (dao.claimStep(monitor.id(), notAfter.toEpochMilli(), step.toMillis(), now.toEpochMilli()) != 1) {
                return false;
            }
            for (String channel : new TreeSet<>(channels)) {
                dao.insertWarning(
                        monitor.id(),
                        monitor.name(),
                        monitor.settings().environment().name(),
                        monitor.settings().target().masked(),
                        notAfter.toEpochMilli(),
                        step.toMillis(),
                        channel,
                        now.toEpochMilli());
            }
            return true;
        });
    }

    @Override
    public boolean claimRenewal(long monitorId, Instant oldNotAfter, Instant newNotAfter, Instant now) {
        return db.write(h -> {
            CertificateDao dao = h.attach(CertificateDao.class);
            long old = oldNotAfter.toEpochMilli(), renewed = newNotAfter.toEpochMilli(), at = now.toEpochMilli();
            if (dao.claimRenewal(monitorId, old, renewed, at) != 1) {
                return false;
            }
            dao.insertRenewals(monitorId, old, renewed, at);
            return true;
        });
    }

    @Override
    public List<CertificatePost> duePosts(Instant now, Set<String> heldChannels, int limit) {
        String held = JdbiAlertRepository.json(heldChannels);
        return db.jdbi().withExtension(CertificateDao.class, dao -> dao.due(now.toEpochMilli(), held, limit));
    }

    @Override
    public Optional<Instant> nextAttemptAfter(Instant now) {
        return db.jdbi()
                .withExtension(CertificateDao.class, dao -> dao.nextAttemptAfter(now.toEpochMilli()))
                .map(Instant::ofEpochMilli);
    }

    @Override
    public void markSent(long postId, PostRef post, Instant at) {
        db.write(h -> h.attach(CertificateDao.class).markSent(postId, post.channel(), post.ts(), at.toEpochMilli()));
    }

    @Override
    public void reschedule(long postId, int attempts, Instant nextAttemptAt, String lastError) {
        db.write(h ->
                h.attach(CertificateDao.class).reschedule(postId, attempts, nextAttemptAt.toEpochMilli(), lastError));
    }

    @Override
    public void giveUp(long postId, int attempts, String reason, Instant at) {
        db.write(h -> h.attach(CertificateDao.class).giveUp(postId, attempts, reason, at.toEpochMilli()));
    }

    @Override
    public Optional<CertificatePost> latestWarning(long monitorId, Instant notAfter, String channel) {
        return db.jdbi()
                .withExtension(
                        CertificateDao.class, dao -> dao.latestWarning(monitorId, notAfter.toEpochMilli(), channel));
    }

    @Override
    public List<CertificatePost> posts(long monitorId) {
        return db.jdbi().withExtension(CertificateDao.class, dao -> dao.posts(monitorId));
    }
}
