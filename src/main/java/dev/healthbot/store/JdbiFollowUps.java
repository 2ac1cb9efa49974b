package dev.healthbot.store;

import dev.healthbot.alert.FollowUp;
import dev.healthbot.alert.PostRef;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The follow-up outbox part of {@link JdbiResponseRepository}: due rows, and each row's end (sent, skipped, given up)
 * or retry. Thread-safe; writes go through {@link Database#write}.
 */
final class JdbiFollowUps {

    private final Database db;

    JdbiFollowUps(Database db) {
        this.db = db;
    }

    private <T> T read(org.jdbi.v3.core.extension.ExtensionCallback<T, ResponseDao, RuntimeException> call) {
        return db.jdbi().withExtension(ResponseDao.class, call);
    }

    public List<FollowUp> dueFollowUps(Instant now, Set<String> heldChannels, int limit) {
        String held = JdbiAlertRepository.json(heldChannels);
        return read(dao -> dao.due(now.toEpochMilli(), held, limit));
    }

    public Optional<Instant> nextFollowUpAfter(Instant now) {
        return read(dao -> dao.nextAfter(now.toEpochMilli())).map(Instant::ofEpochMilli);
    }

    public void followUpSent(long id, PostRef post, Instant at) {
        db.write(h -> h.attach(ResponseDao.class)
                .finish(id, "SENT", at.toEpochMilli(), null, post == null ? null : post.ts(), null));
    }

    public void followUpSkipped(long id, String why, Instant at) {
        db.write(h -> h.attach(ResponseDao.class).finish(id, "SKIPPED", at.toEpochMilli(), why, null, null));
    }

    public void followUpRetry(long id, int attempts, Instant next, String error) {
        db.write(h -> h.attach(ResponseDao.class).retry(id, attempts, next.toEpochMilli(), error));
    }

    public void followUpGivenUp(long id, int attempts, String why, Instant at) {
        db.write(h -> h.attach(ResponseDao.class).finish(id, "GIVEN_UP", at.toEpochMilli(), why, null, attempts));
    }

    public List<FollowUp> followUps(long incidentId) {
        return read(dao -> dao.followUps(incidentId));
    }
}
