package dev.healthbot.store;

import dev.healthbot.alert.ChannelSubscription;
import dev.healthbot.alert.Selector;
import dev.healthbot.monitor.Environment;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;

/**
 * {@link SubscriptionRepository} on SQLite; every change is one write transaction with an
 * {@code audit_log} row naming the actor. Thread-safe.
 */
public final class JdbiSubscriptionRepository implements dev.healthbot.alert.SubscriptionRepository {

    private final Database db;

    public JdbiSubscriptionRepository(Database db) {
        this.db = db;
    }

    @Override
    public ChannelSubscription subscribe(String channel, Set<Selector> selectors, String actor, Instant now) {
        return db.write(h -> {
            SubscriptionDao dao = h.attach(SubscriptionDao.class);
            dao.upsertChannel(channel, actor, now.toEpochMilli());
            Set<String> keys = keys(selectors);
            for (String key : keys) {
                dao.addSelector(channel, key, actor, now.toEpochMilli());
            }
            dao.audit(now.toEpochMilli(), actor, "channel.subscribe", subject(channel), String.join(",", keys));
            Audit.logged(actor, "channel.subscribe", subject(channel), "selectors=" + String.join(",", keys));
            return find(h, channel).orElseThrow();
        });
    }

    @Override
    public Optional<ChannelSubscription> unsubscribe(
            String channel, Set<Selector> selectors, String actor, Instant now) {
        return db.write(h -> {
            SubscriptionDao dao = h.attach(SubscriptionDao.class);
            if (dao.find(channel).isEmpty()) {
                return Optional.<ChannelSubscription>empty();
            }
            Set<String> keys = keys(selectors);
            for (String key : keys) {
                dao.removeSelector(channel, key);
            }
            if (selectors.isEmpty() || dao.selectorCount(channel) == 0) {
                dao.deleteChannel(channel);
            }
            String detail = selectors.isEmpty() ? "all" : String.join(",", keys);
            dao.audit(now.toEpochMilli(), actor, "channel.unsubscribe", subject(channel), detail);
            Audit.logged(actor, "channel.unsubscribe", subject(channel), "selectors=" + detail);
            return find(h, channel);
        });
    }

    @Override
    public Optional<ChannelSubscription> find(String channel) {
        return db.jdbi().withHandle(h -> find(h, channel));
    }

    @Override
    public List<ChannelSubscription> all() {
        return db.jdbi().withExtension(SubscriptionDao.class, SubscriptionDao::all).stream()
                .map(JdbiSubscriptionRepository::subscription)
                .toList();
    }

    @Override
    public boolean setPaused(String channel, boolean paused, String actor, Instant now) {
        return db.write(h -> {
            SubscriptionDao dao = h.attach(SubscriptionDao.class);
            if (dao.setPaused(channel, paused, actor, now.toEpochMilli()) != 1) {
                return false;
            }
            String action = paused ? "channel.pause" : "channel.resume";
            dao.audit(now.toEpochMilli(), actor, action, subject(channel), "");
            Audit.logged(actor, action, subject(channel), "");
            return true;
        });
    }

    @Override
    public void markFailing(String channel, String reason, Instant since) {
        db.write(h -> h.attach(SubscriptionDao.class).markFailing(channel, reason, since.toEpochMilli()));
    }

    @Override
    public void clearFailing(String channel) {
        // Called after every successful post: read first, so the common case takes no write lock.
        boolean failing = find(channel).map(ChannelSubscription::failing).orElse(false);
        if (failing) {
            db.write(h -> h.attach(SubscriptionDao.class).clearFailing(channel));
        }
    }

    private static Optional<ChannelSubscription> find(Handle h, String channel) {
        return h.attach(SubscriptionDao.class).find(channel).map(JdbiSubscriptionRepository::subscription);
    }

    private static String subject(String channel) {
        return "channel:" + channel;
    }

    private static ChannelSubscription subscription(SubscriptionDao.ChannelRow row) {
        Set<Selector> selectors = new HashSet<>();
        if (row.selectors() != null) {
            for (String key : row.selectors().split(",")) {
                selector(key).ifPresent(selectors::add);
            }
        }
        return new ChannelSubscription(
                row.channel(),
                selectors,
                row.paused(),
                row.failingReason(),
                row.failingSince() == null ? null : Instant.ofEpochMilli(row.failingSince()));
    }

    private static Set<String> keys(Set<Selector> selectors) {
        Set<String> keys = new TreeSet<>();
        for (Selector s : selectors) {
            keys.add(key(s));
        }
        return keys;
    }

    static String key(Selector s) {
        if (s instanceof Selector.Env e) {
            return "ENV:" + e.environment().name();
        }
        if (s instanceof Selector.Server srv) {
            return "SERVER:" + srv.monitorId();
        }
        if (s instanceof Selector.ErrorSource src) {
            return "ERRORS:" + src.sourceId();
        }
        return "ALL";
    }

    static Optional<Selector> selector(String key) {
        if (key.equals("ALL")) {
            return Optional.of(Selector.everything());
        }
        if (key.startsWith("ENV:")) {
            return Environment.parse(key.substring(4)).map(Selector::env);
        }
        if (key.startsWith("SERVER:")) {
            try {
                return Optional.of(Selector.server(Long.parseLong(key.substring(7))));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        if (key.startsWith("ERRORS:")) {
            try {
                return Optional.of(Selector.errorSource(Long.parseLong(key.substring(7))));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
