package dev.healthbot.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;

/**
 * Copies a database file, live or not, into a new file with SQLite's {@code VACUUM INTO}: one read
 * transaction, so the copy is a consistent snapshot even while the bot writes (in WAL mode a reader
 * never blocks the writer), and the copy is checked with {@code PRAGMA integrity_check}. Stateless;
 * each call opens and closes its own read-only connection, never migrates, never writes the source.
 */
public final class Backup {

    private Backup() {}

    /** What was written: the file and its size. */
    public record Copy(Path file, long bytes) {}

    /**
     * Writes a copy of {@code database} to {@code target}, which must not exist yet; throws
     * {@link BackupException} with a one-line reason on any failure, leaving no partial file behind.
     */
    public static Copy copy(Path database, Path target) {
        Path source = database.toAbsolutePath();
        Path out = target.toAbsolutePath();
        if (!Files.isRegularFile(source)) {
            throw new BackupException("no database at " + source + " (see HEALTHBOT_DB)");
        }
        if (Files.exists(out)) {
            throw new BackupException(out + " already exists; backup never overwrites a file");
        }
        if (out.getParent() != null && !Files.isDirectory(out.getParent())) {
            throw new BackupException("no folder " + out.getParent() + " for " + out.getFileName());
        }
        try {
            try (Connection c = open(source);
                    PreparedStatement vacuum = c.prepareStatement("VACUUM INTO ?")) {
                vacuum.setString(1, out.toString());
                vacuum.execute();
            }
            try (Connection c = open(out);
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
                String verdict = rs.next() ? rs.getString(1) : "no answer";
                if (!verdict.equals("ok")) {
                    throw new BackupException("the copy " + out + " failed its integrity check: " + verdict);
                }
            }
            return new Copy(out, Files.size(out));
        } catch (SQLException | IOException | BackupException e) {
            deleteQuietly(out);
            if (e instanceof BackupException b) {
                throw b;
            }
            throw new BackupException("cannot copy " + source + " to " + out + ": "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static Connection open(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(Database.BUSY_TIMEOUT_MS);
        return config.createConnection("jdbc:sqlite:" + file);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the reason already given matters more than a leftover file
        }
    }
}
