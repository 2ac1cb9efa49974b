package dev.healthbot.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies numbered migrations ({@code V<n>__<description>.sql}) in order, each in its own
 * transaction, and records them in {@code schema_migrations}; refuses to start when an applied
 * migration was edited. Called once at start, before anything else uses the database.
 */
public final class Migrator {

    /** The classpath folder the migrations are packaged in (the repository's top-level {@code db/}). */
    public static final String FOLDER = "db";

    private static final Logger LOG = LoggerFactory.getLogger(Migrator.class);
    private static final Pattern NAME = Pattern.compile("V(\\d{1,9})__([A-Za-z0-9_.-]+)\\.sql");
    private static final Pattern TRIGGER =
            Pattern.compile("^CREATE\\s+(?:TEMP\\s+|TEMPORARY\\s+)?TRIGGER\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern TRIGGER_END = Pattern.compile("\\bEND\\s*;$", Pattern.CASE_INSENSITIVE);

    /**
     * One migration file.
     *
     * @param checksum SHA-256 (hex) of the file's text with line endings normalised to {@code \n}
     */
    public record Migration(int version, String description, String fileName, String sql, String checksum) {

        /** Reads a migration from its file name and content; throws {@link IllegalArgumentException} on a bad name. */
        public static Migration of(String fileName, String content) {
            Matcher m = NAME.matcher(fileName);
            if (!m.matches()) {
                throw new IllegalArgumentException(
                        "migration file " + fileName + " is not named V<number>__<description>.sql");
            }
            // A checkout with CRLF line endings is the same migration.
            String text = content.replace("\r\n", "\n");
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            return new Migration(Integer.parseInt(m.group(1)), m.group(2), fileName, text, sha256(text));
        }
    }

    private final Jdbi jdbi;
    private final InstantSource clock;

    public Migrator(Jdbi jdbi, InstantSource clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /**
     * Applies the migrations not applied yet, in version order; returns how many were applied.
     * Throws {@link IllegalStateException} naming the file when an applied migration was edited.
     */
    public int migrate(List<Migration> migrations) {
        List<Migration> ordered = ordered(migrations);
        jdbi.useHandle(
                h -> h.execute(
                        """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version     INTEGER PRIMARY KEY,
                    description TEXT    NOT NULL,
                    checksum    TEXT    NOT NULL,
                    applied_at  INTEGER NOT NULL
                )"""));
        Map<Integer, String> applied = applied();
        for (Migration m : ordered) {
            String checksum = applied.get(m.version());
            if (checksum != null) {
                verify(m, checksum);
            }
        }
        int known = ordered.isEmpty() ? 0 : ordered.get(ordered.size() - 1).version();
        for (int version : applied.keySet()) {
            if (version > known) {
                throw new IllegalStateException("the database has migration V" + version
                        + " which this build does not know; it was written by a newer healthbot");
            }
        }
        int count = 0;
        for (Migration m : ordered) {
            if (!applied.containsKey(m.version()) && apply(m)) {
                count++;
            }
        }
        return count;
    }

    /** The migrations in a classpath folder, whether it is a directory or inside a jar. */
    public static List<Migration> fromClasspath(ClassLoader loader, String folder) {
        Map<String, Migration> found = new TreeMap<>();
        try {
            List<URL> roots = new ArrayList<>(Collections.list(loader.getResources(folder)));
            roots.addAll(Collections.list(loader.getResources(folder + "/")));
            for (URL root : roots) {
                for (Migration m : list(root, folder)) {
                    found.putIfAbsent(m.fileName(), m);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list migrations in classpath folder " + folder, e);
        }
        // By version, not by file name: V13 sorts before V1__ as text.
        return found.values().stream()
                .sorted(Comparator.comparingInt(Migration::version))
                .toList();
    }

    /** The migrations in a directory of files. */
    public static List<Migration> fromDirectory(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            List<Migration> out = new ArrayList<>();
            for (Path p : files.sorted().toList()) {
                String name = p.getFileName().toString();
                if (name.endsWith(".sql") && Files.isRegularFile(p)) {
                    out.add(Migration.of(name, Files.readString(p, StandardCharsets.UTF_8)));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read migrations in " + dir, e);
        }
    }

    /**
     * Splits a script into statements at a {@code ;} that ends a line; a trigger's body runs to its
     * {@code END;}. Comment lines between statements are dropped.
     */
    static List<String> statements(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\n", -1)) {
            String trimmed = line.strip();
            if (current.length() == 0 && (trimmed.isEmpty() || trimmed.startsWith("--"))) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";") && !trimmed.startsWith("--")) {
                String statement = current.toString().strip();
                if (TRIGGER.matcher(statement).find()
                        && !TRIGGER_END.matcher(statement).find()) {
                    continue;
                }
                out.add(statement);
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }

    private static List<Migration> ordered(List<Migration> migrations) {
        List<Migration> ordered = new ArrayList<>(migrations);
        ordered.sort(Comparator.comparingInt(Migration::version));
        for (int i = 1; i < ordered.size(); i++) {
            if (ordered.get(i).version() == ordered.get(i - 1).version()) {
                throw new IllegalStateException(
                        "migrations " + ordered.get(i - 1).fileName() + " and "
                                + ordered.get(i).fileName() + " have the same version");
            }
        }
        return ordered;
    }

    private Map<Integer, String> applied() {
        return jdbi.withHandle(h -> {
            Map<Integer, String> out = new TreeMap<>();
            h.createQuery("SELECT version, checksum FROM schema_migrations")
                    .map((rs, ctx) -> Map.entry(rs.getInt("version"), rs.getString("checksum")))
                    .forEach(e -> out.put(e.getKey(), e.getValue()));
            return out;
        });
    }

    private static void verify(Migration m, String appliedChecksum) {
        if (!appliedChecksum.equals(m.checksum())) {
            throw new IllegalStateException("migration " + m.fileName()
                    + " was edited after it was applied; add a new migration instead (applied checksum "
                    + appliedChecksum + ", file checksum " + m.checksum() + ")");
        }
    }

    /** Applies one migration; false when another process applied it first. */
    private boolean apply(Migration m) {
        boolean applied = jdbi.inTransaction(h -> {
            Optional<String> already = h.createQuery("SELECT checksum FROM schema_migrations WHERE version = ?")
                    .bind(0, m.version())
                    .mapTo(String.class)
                    .findOne();
            if (already.isPresent()) {
                verify(m, already.get());
                return false;
            }
            execute(h, m);
            h.createUpdate(
                            """
                            INSERT INTO schema_migrations (version, description, checksum, applied_at)
                            VALUES (?, ?, ?, ?)""")
                    .bind(0, m.version())
                    .bind(1, m.description())
                    .bind(2, m.checksum())
                    .bind(3, clock.millis())
                    .execute();
            return true;
        });
        if (applied) {
            LOG.info("migration applied version={} name={}", m.version(), m.description());
        }
        return applied;
    }

    private static void execute(Handle h, Migration m) {
        // Plain JDBC: Jdbi would read ':' or '?' inside the DDL as parameters.
        try (Statement st = h.getConnection().createStatement()) {
            for (String sql : statements(m.sql())) {
                st.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("migration " + m.fileName() + " failed: " + e.getMessage(), e);
        }
    }

    private static List<Migration> list(URL root, String folder) throws IOException {
        List<Migration> out = new ArrayList<>();
        switch (root.getProtocol()) {
            case "file" -> {
                try {
                    Path dir = Path.of(root.toURI());
                    if (Files.isDirectory(dir)) {
                        out.addAll(fromDirectory(dir));
                    }
                } catch (URISyntaxException e) {
                    throw new IOException("bad migration folder URL " + root, e);
                }
            }
            case "jar" -> {
                JarURLConnection connection = (JarURLConnection) root.openConnection();
                connection.setUseCaches(false);
                String prefix = folder.endsWith("/") ? folder : folder + "/";
                try (JarFile jar = connection.getJarFile()) {
                    Enumeration<JarEntry> entries = jar.entries();
                    while (entries.hasMoreElements()) {
                        JarEntry entry = entries.nextElement();
                        String name = entry.getName();
                        if (entry.isDirectory()
                                || !name.startsWith(prefix)
                                || name.indexOf('/', prefix.length()) >= 0
                                || !name.endsWith(".sql")) {
                            continue;
                        }
                        try (InputStream in = jar.getInputStream(entry)) {
                            out.add(Migration.of(
                                    name.substring(prefix.length()),
                                    new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                        }
                    }
                }
            }
            default -> throw new IOException("cannot list migrations at " + root);
        }
        return out;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
