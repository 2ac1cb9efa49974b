package dev.healthbot.serversfile;

import dev.healthbot.monitor.Origin;
import dev.healthbot.monitor.SourceReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;

/**
 * The servers file as a source that is watched: each {@link #read} looks at its size and modification
 * time (cheap), and only when they moved reads and hashes it. A new content is applied when two reads in
 * a row see the same bytes, so a file half-written by an editor is never applied. An invalid file is a
 * {@link Read.Failed} naming its lines and fields. Called from one thread (the source poller).
 */
public final class FileSource implements SourceReader {

    private record Stat(long size, long modified) {}

    private final Path file;
    private Stat lastStat;
    private byte[] settled;
    private byte[] pending;

    /** Watches {@code file}, taking what it holds now as already applied (the start applied it). */
    public static FileSource settled(Path file) {
        FileSource source = new FileSource(file);
        try {
            source.lastStat = stat(file);
            source.settled = sha256(Files.readAllBytes(file));
        } catch (IOException e) {
            // Unreadable now: the first read reports it.
        }
        return source;
    }

    public FileSource(Path file) {
        this.file = file;
    }

    @Override
    public Origin origin() {
        return Origin.FILE;
    }

    @Override
    public Read read() {
        byte[] bytes;
        try {
            Stat stat = stat(file);
            if (pending == null && stat.equals(lastStat)) {
                return new Read.Quiet();
            }
            lastStat = stat;
            if (stat.size() > ServersFile.MAX_CHARACTERS) {
                return new Read.Failed(ServersFile.TOO_LARGE);
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            lastStat = null;
            pending = null;
            settled = null;
            return new Read.Failed("cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        byte[] hash = sha256(bytes);
        if (Arrays.equals(hash, settled)) {
            pending = null;
            return new Read.Quiet();
        }
        if (!Arrays.equals(hash, pending)) {
            // Maybe still being written: apply it when the next read sees the same bytes.
            pending = hash;
            return new Read.Quiet();
        }
        pending = null;
        settled = hash;
        try {
            return new Read.Listed(ServersFile.parse(
                    file.getFileName().toString(), new StringReader(new String(bytes, StandardCharsets.UTF_8))));
        } catch (ServersFileException e) {
            return new Read.Failed(String.join("; ", e.problems()));
        }
    }

    @Override
    public void retryNext() {
        settled = null;
        lastStat = null;
    }

    private static Stat stat(Path file) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        return new Stat(a.size(), a.lastModifiedTime().toMillis());
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(Objects.requireNonNull(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
