package dev.healthbot.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.ConnectionFactory;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlite3.SQLitePlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The SQLite database file: every connection runs in WAL mode with foreign keys on, a busy timeout
 * and {@code synchronous=NORMAL}; opening it runs the migrations. Thread-safe: reads run in
 * parallel, and writes that go through {@link #write} are serialised by a fair lock so that
 * SQLite's single writer never answers {@code SQLITE_BUSY}.
 */
public final class Database implements AutoCloseable {

    /** How long a connection waits for another process's write lock before giving up. */
    public static final int BUSY_TIMEOUT_MS = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final int MAX_IDLE_CONNECTIONS = 16;

    private final Path file;
    private final Pool pool;
    private final Jdbi jdbi;
    private final ReentrantLock writeLock = new ReentrantLock(true);

    private Database(Path file, Pool pool) {
        this.file = file;
        this.pool = pool;
        this.jdbi = Jdbi.create(pool).installPlugin(new SQLitePlugin()).installPlugin(new SqlObjectPlugin());
        Rows.register(jdbi);
    }

    /** Opens (creating it and its folders if needed) the database file and applies the packaged migrations. */
    public static Database open(Path file) {
        return open(file, Migrator.fromClasspath(Database.class.getClassLoader(), Migrator.FOLDER));
    }

    /** Opens the database file and applies the given migrations; for tests and tools. */
    public static Database open(Path file, List<Migrator.Migration> migrations) {
        Path absolute = file.toAbsolutePath();
        try {
            if (absolute.getParent() != null) {
                Files.createDirectories(absolute.getParent());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder of database " + absolute, e);
        }
        Database db = new Database(absolute, new Pool(dataSource(absolute)));
        try {
            int applied = new Migrator(db.jdbi, InstantSource.system()).migrate(migrations);
            LOG.info("database open file={} migrationsApplied={}", absolute, applied);
            return db;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public Path file() {
        return file;
    }

    /**
     * Runs {@code callback} in one write transaction, after any other writer of this process has
     * finished. Do not call it from inside another {@code write}: the inner one would wait for the
     * outer one's SQLite lock.
     */
    public <R, X extends Exception> R write(HandleCallback<R, X> callback) throws X {
        // Opening the handle (and its configuration copy) needs no lock; keep the critical section short.
        try (Handle h = jdbi.open()) {
            writeLock.lock();
            try {
                return h.inTransaction(callback);
            } finally {
                writeLock.unlock();
            }
        }
    }

    /** Closes the idle connections; connections in use close when they are handed back. */
    @Override
    public void close() {
        pool.close();
    }

    private static SQLiteDataSource dataSource(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        // Take the write lock at BEGIN, so that a transaction never has to upgrade a read lock,
        // which SQLite refuses at once (SQLITE_BUSY) instead of waiting the busy timeout.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + file);
        return ds;
    }

    /**
     * Keeps a few open connections for reuse: opening a SQLite connection and applying its pragmas
     * costs more than the small statements that run on it.
     */
    private static final class Pool implements ConnectionFactory {
        private final SQLiteDataSource dataSource;
        private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
        private final AtomicInteger idleCount = new AtomicInteger();
        private volatile boolean closed;

        Pool(SQLiteDataSource dataSource) {
            this.dataSource = dataSource;
        }

        @Override
        public Connection openConnection() throws SQLException {
            if (closed) {
                throw new SQLException("the database is closed");
            }
            Connection c = idle.pollFirst();
            if (c != null) {
                idleCount.decrementAndGet();
                return c;
            }
            return dataSource.getConnection();
        }

        @Override
        public void closeConnection(Connection c) throws SQLException {
            if (c.isClosed()) {
                return;
            }
            try {
                if (!c.getAutoCommit()) {
                    c.rollback();
                    c.setAutoCommit(true);
                }
            } catch (SQLException e) {
                c.close();
                return;
            }
            if (closed || idleCount.incrementAndGet() > MAX_IDLE_CONNECTIONS) {
                if (!closed) {
                    idleCount.decrementAndGet();
                }
                c.close();
                return;
            }
            idle.offerFirst(c);
            if (closed) {
                drain();
            }
        }

        void close() {
            closed = true;
            drain();
        }

        private void drain() {
            Connection c;
            while ((c = idle.pollFirst()) != null) {
                idleCount.decrementAndGet();
                try {
                    c.close();
                } catch (SQLException e) {
                    LOG.warn("database close failed error={}", e.getMessage());
                }
            }
        }
    }
}
