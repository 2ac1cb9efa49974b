package dev.healthbot.store;

import dev.healthbot.alert.PostRef;
import dev.healthbot.errors.ErrorGroup;
import dev.healthbot.errors.ErrorPost;
import dev.healthbot.errors.ErrorRepository;
import dev.healthbot.errors.ErrorSample;
import dev.healthbot.errors.ErrorSource;
import dev.healthbot.errors.ErrorSourceRepository;
import dev.healthbot.monitor.Environment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * {@link ErrorSourceRepository} and {@link ErrorRepository} on SQLite: a report is counted, and its
 * posts queued, in one write transaction. Keys never reach the audit log. Thread-safe.
 */
public final class JdbiErrorRepository implements ErrorSourceRepository, ErrorRepository {

    private final Database db;

    public JdbiErrorRepository(Database db) {
        this.db = db;
    }

    @Override
    public Optional<ErrorSource> create(String name, Environment environment, String key, String actor, Instant now) {
        return db.write(h -> {
            ErrorDao dao = h.attach(ErrorDao.class);
            if (dao.insertSource(name, environment.name(), key, actor, now.toEpochMilli()) != 1) {
                return Optional.<ErrorSource>empty();
            }
            dao.audit(now.toEpochMilli(), actor, "errors.add", subject(name), "env=" + environment.name());
            Audit.logged(actor, "errors.add", subject(name), "env=" + environment.name());
            return dao.sourceByName(name);
        });
    }

    @Override
    public Optional<ErrorSource> findByName(String name) {
        return db.jdbi().withExtension(ErrorDao.class, dao -> dao.sourceByName(name));
    }

    @Override
    public Optional<ErrorSource> findById(long id) {
        return db.jdbi().withExtension(ErrorDao.class, dao -> dao.sourceById(id));
    }

    @Override
    public Optional<ErrorSource> findByKey(String key) {
        return db.jdbi().withExtension(ErrorDao.class, dao -> dao.sourceByKey(key));
    }

    @Override
    public List<ErrorSource> all() {
        return db.jdbi().withExtension(ErrorDao.class, ErrorDao::sources);
    }

    @Override
    public boolean remove(String name, String actor, Instant now) {
        return db.write(h -> {
            ErrorDao dao = h.attach(ErrorDao.class);
            if (dao.deleteSource(name) != 1) {
                return false;
            }
            dao.audit(now.toEpochMilli(), actor, "errors.remove", subject(name), "");
            Audit.logged(actor, "errors.remove", subject(name), "");
            return true;
        });
    }

    @Override
    public Optional<ErrorSource> rotate(String name, String newKey, String actor, Instant now) {
        return db.write(h -> {
            ErrorDao dao = h.attach(ErrorDao.class);
            if (dao.rotate(name, newKey, actor, now.toEpochMilli()) != 1) {
                return Optional.<ErrorSource>empty();
            }
            dao.audit(now.toEpochMilli(), actor, "errors.rotate", subject(name), "");
            Audit.logged(actor, "errors.rotate", subject(name), "");
            return dao.sourceByName(name);
        });
    }

    @Override
    public Optional<ErrorSource> setEnvironment(
            String name, dev.healthbot.monitor.Environment environment, String actor, Instant now) {
        return db.write(h -> {
            ErrorDao dao = h.attach(ErrorDao.class);
            if (dao.setEnvironment(name, environment.name(), actor, now.toEpochMilli()) != 1) {
                return Optional.<ErrorSource>empty();
            }
            dao.audit(now.toEpochMilli(), actor, "errors.environment", subject(name), "environment=" + environment);
            Audit.logged(actor, "errors.environment", subject(name), "environment=" + environment);
            return dao.sourceByName(name);
        });
    }

    private static String subject(String name) {
        return "errors:" + name;
    }

    @Override
    public Recorded record(
            long sourceId,
            String fingerprint,
            ErrorSample sample,
            Instant now,
            Duration quiet,
            Function<Long, Set<String>> channels) {
        // Who hears the source is read before the write lock, and only if the group may open an episode.
        Optional<ErrorGroup> before = db.jdbi().withExtension(ErrorDao.class, dao -> dao.group(sourceId, fingerprint));
        Set<String> hearing = before.isEmpty() || opens(before.get(), now, quiet)
                ? new TreeSet<>(channels.apply(sourceId))
                : Set.of();
        long at = now.toEpochMilli();
        return db.write(h -> {
            ErrorDao dao = h.attach(ErrorDao.class);
            Optional<ErrorGroup> existing = dao.group(sourceId, fingerprint);
            long id;
            boolean opened;
            if (existing.isEmpty()) {
                id = dao.insertGroup(
                        sourceId,
                        fingerprint,
                        sample.level().name(),
                        sample.type(),
                        sample.message(),
                        sample.service(),
                        sample.environment(),
                        sample.release(),
                        sample.stack(),
                        sample.details(),
                        at);
                opened = true;
            } else {
                ErrorGroup g = existing.get();
                id = g.id();
                opened = opens(g, now, quiet);
                if (opened) {
                    String reason =
                            g.resolved() ? ErrorGroup.Reason.REGRESSION.name() : ErrorGroup.Reason.RETURN.name();
                    dao.openEpisode(
                            id,
                            reason,
                            sample.level().name(),
                            sample.type(),
                            sample.message(),
                            sample.service(),
                            sample.environment(),
                            sample.release(),
                            sample.stack(),
                            sample.details(),
                            at);
                } else {
                    dao.count(id, at);
                }
            }
            ErrorGroup g = dao.group(id).orElseThrow();
            int queued = 0;
            if (opened) {
                if (!g.mutedAt(now)) {
                    // Between the read above and this write another report may have opened the
                    // episode already: ON CONFLICT keeps one post per channel.
                    for (String channel : hearing) {
                        queued += dao.queue(id, g.episode(), channel, at);
                    }
                }
            } else {
                dao.owe(id, g.episode());
            }
            return new Recorded(g, opened, queued);
        });
    }

    /** A report opens a new episode when the group was resolved, or was quiet for {@code quiet} or more. */
    private static boolean opens(ErrorGroup g, Instant now, Duration quiet) {
        return g.resolved() || !now.isBefore(g.lastSeen().plus(quiet));
    }

    @Override
    public Optional<ErrorGroup> group(long groupId) {
        return db.jdbi().withExtension(ErrorDao.class, dao -> dao.group(groupId));
    }

    @Override
    public List<ErrorPost> owed(Instant now, int limit) {
        return db.jdbi().withExtension(ErrorDao.class, dao -> dao.owed(now.toEpochMilli(), limit));
    }

    @Override
    public Optional<Instant> nextOwedAfter(Instant now) {
        return db.jdbi()
                .withExtension(ErrorDao.class, dao -> dao.nextOwedAfter(now.toEpochMilli()))
                .map(Instant::ofEpochMilli);
    }

    @Override
    public Optional<PostRef> previousPost(long groupId, int episode, String channel) {
        return db.jdbi()
                .withExtension(ErrorDao.class, dao -> dao.previous(groupId, episode, channel))
                .map(ErrorPost::post);
    }

    @Override
    public void posted(long postId, PostRef post, long shownCount, Instant at) {
        step(postId, dao -> dao.posted(postId, post.channel(), post.ts(), shownCount, at.toEpochMilli()));
    }

    @Override
    public void detailsDone(long postId, Instant next) {
        step(postId, dao -> dao.detailsDone(postId, next.toEpochMilli()));
    }

    @Override
    public void milestoneShown(long postId, long milestone, Instant next) {
        step(postId, dao -> dao.milestoneShown(postId, milestone, next.toEpochMilli()));
    }

    @Override
    public void edited(long postId, long shownCount, Instant at, Instant next) {
        step(postId, dao -> dao.edited(postId, shownCount, at.toEpochMilli(), next.toEpochMilli()));
    }

    @Override
    public void retry(long postId, int attempts, String error, Instant next) {
        db.write(h -> h.attach(ErrorDao.class).retry(postId, attempts, error, next.toEpochMilli()));
    }

    @Override
    public void giveUp(long postId, String reason, Instant at) {
        db.write(h -> h.attach(ErrorDao.class).giveUp(postId, reason, at.toEpochMilli()));
    }

    private void step(long postId, Function<ErrorDao, Integer> change) {
        db.write(h -> {
            ErrorDao dao = h.attach(ErrorDao.class);
            change.apply(dao);
            return dao.settle(postId);
        });
    }

    @Override
    public Optional<ErrorGroup> resolve(long groupId, boolean resolved, String actor, Instant at) {
        return db.write(h -> {
            ErrorDao dao = h.attach(ErrorDao.class);
            if (dao.resolve(groupId, resolved ? at.toEpochMilli() : null, resolved ? actor : null) != 1) {
                return Optional.<ErrorGroup>empty();
            }
            dao.oweEdit(groupId, at.toEpochMilli());
            dao.audit(
                    at.toEpochMilli(),
                    actor,
                    resolved ? "errors.resolve" : "errors.reopen",
                    "error-group:" + groupId,
                    "");
            return dao.group(groupId);
        });
    }

    @Override
    public Optional<ErrorGroup> mute(long groupId, Instant until, String actor, Instant at) {
        return db.write(h -> {
            ErrorDao dao = h.attach(ErrorDao.class);
            Long u = until == null ? null : until.equals(Instant.MAX) ? Long.MAX_VALUE : until.toEpochMilli();
            if (dao.mute(groupId, u, until == null ? null : actor) != 1) {
                return Optional.<ErrorGroup>empty();
            }
            dao.oweEdit(groupId, at.toEpochMilli());
            dao.audit(
                    at.toEpochMilli(),
                    actor,
                    until == null ? "errors.unmute" : "errors.mute",
                    "error-group:" + groupId,
                    u == null
                            ? ""
                            : "until="
                                    + (u == Long.MAX_VALUE
                                            ? "forever"
                                            : Instant.ofEpochMilli(u).toString()));
            return dao.group(groupId);
        });
    }
}
