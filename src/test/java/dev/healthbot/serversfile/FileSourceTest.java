package dev.healthbot.serversfile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.healthbot.monitor.SourceReader.Read;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watched servers file: quiet while unchanged, applied once two reads agree, invalid named by line. */
class FileSourceTest {

    @TempDir
    Path dir;

    private static void write(Path file, String text, long second) throws Exception {
        Files.writeString(file, text);
        // Explicit times: two writes within one clock tick must still look different.
        Files.setLastModifiedTime(file, FileTime.from(Instant.ofEpochSecond(1_700_000_000L + second)));
    }

    @Test
    void aChangeIsAppliedWhenTwoReadsSeeTheSameBytesAndOnlyOnce() throws Exception {
        Path file = dir.resolve("servers.yml");
        write(file, "servers: []\n", 0);
        FileSource source = FileSource.settled(file);
        assertThat(source.read()).isInstanceOf(Read.Quiet.class);

        write(file, "servers:\n  - name: api\n", 1); // half-written by an editor
        assertThat(source.read()).isInstanceOf(Read.Quiet.class);
        write(file, "servers:\n  - name: api\n    url: http://127.0.0.1:9/\n", 2);
        assertThat(source.read()).isInstanceOf(Read.Quiet.class);
        assertThat(source.read()).isInstanceOfSatisfying(Read.Listed.class, l -> assertThat(l.servers())
                .hasSize(1));
        assertThat(source.read()).isInstanceOf(Read.Quiet.class);

        // Touched but the same bytes: nothing to do.
        write(file, "servers:\n  - name: api\n    url: http://127.0.0.1:9/\n", 3);
        assertThat(source.read()).isInstanceOf(Read.Quiet.class);
        assertThat(source.read()).isInstanceOf(Read.Quiet.class);

        // Held back by the caller: the same list is read again.
        source.retryNext();
        source.read();
        assertThat(source.read()).isInstanceOf(Read.Listed.class);
    }

    @Test
    void anInvalidOrMissingFileFailsWithItsLineAndField() throws Exception {
        Path file = dir.resolve("servers.yml");
        write(file, "servers: []\n", 0);
        FileSource source = FileSource.settled(file);
        write(file, "servers:\n  - name: api\n    url: http://127.0.0.1:9/\n    interval: often\n", 1);
        source.read();
        assertThat(source.read()).isInstanceOfSatisfying(Read.Failed.class, f -> assertThat(f.reason())
                .startsWith("line 4: interval:"));
        assertThat(source.read()).isInstanceOf(Read.Quiet.class);
        Files.delete(file);
        assertThat(source.read()).isEqualTo(new Read.Failed("cannot be read (NoSuchFileException)"));
    }
}
