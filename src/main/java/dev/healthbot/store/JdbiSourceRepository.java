package dev.healthbot.store;

import dev.healthbot.alert.SourceHealth;
import dev.healthbot.alert.SourceHealthRepository;
import dev.healthbot.alert.SourcePost;
import dev.healthbot.alert.SourcePostRepository;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/**
 * The sources' health and the outbox of notices about them, over SQLite ({@code source_health},
 * {@code source_posts}, V13). Thread-safe; each method is one transaction.
 */
public final class JdbiSourceRepository implements SourceHealthRepository, SourcePostRepository {

    private final Database db;

    public JdbiSourceRepository(Database db) {
        this.db = db;
        Jdbi jdbi = db.jdbi();
        jdbi.registerRowMapper(ConstructorMapper.factory(SourceDao.HealthRow.class));
        jdbi.registerRowMapper(ConstructorMapper.factory(SourceDao.PostRow.class));
    }

    @Override
    public Optional<SourceHealth> find(String source) {
        return all().stream().filter(h -> h.source().equals(source)).findFirst();
    }

    @Override
    public void save(SourceHealth h) {
        db.write(handle -> {
            handle.attach(SourceDao.class)
                    .saveHealth(
                            h.source(),
                            h.failingSince() == null ? null : h.failingSince().toEpochMilli(),
                            h.reason(),
                            h.checkedAt().toEpochMilli());
            return null;
        });
    }

    @Override
    public List<SourceHealth> all() {
        return db.jdbi().withExtension(SourceDao.class, SourceDao::health).stream()
                .map(r -> new SourceHealth(
                        r.source(),
                        r.failingSince() == null ? null : Instant.ofEpochMilli(r.failingSince()),
                        r.reason(),
                        Instant.ofEpochMilli(r.checkedAt())))
                .toList();
    }

    @Override
    public void add(String source, Collection<String> channels, String text, Instant now) {
        if (channels.isEmpty()) {
            return;
        }
        db.write(h -> {
            SourceDao dao = h.attach(SourceDao.class);
            for (String channel : channels) {
                dao.insertPost(source, channel, text, now.toEpochMilli());
            }
            return null;
        });
    }

    @Override
    public List<SourcePost> due(Instant now, int limit) {
        return db.jdbi().withExtension(SourceDao.class, dao -> dao.due(now.toEpochMilli(), limit)).stream()
                .map(r -> new SourcePost(r.id(), r.source(), r.channel(), r.text(), r.attempts()))
                .toList();
    }

    @Override
    public boolean sent(long id, String ts, Instant now) {
        return db.write(h -> h.attach(SourceDao.class).sent(id, ts, now.toEpochMilli())) == 1;
    }

    @Override
    public void retry(long id, String error, Instant next) {
        db.write(h -> h.attach(SourceDao.class).retry(id, error, next.toEpochMilli()));
    }

    @Override
    public void giveUp(long id, String error, Instant now) {
        db.write(h -> h.attach(SourceDao.class).giveUp(id, error, now.toEpochMilli()));
    }
}
