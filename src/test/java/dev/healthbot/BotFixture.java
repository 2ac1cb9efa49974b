package dev.healthbot;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an end-to-end test of the bot starts with: a temporary directory for the database, a target server on
 * loopback, the log captured, and a {@link BotHarness} the test starts itself; all closed after each test.
 */
abstract class BotFixture {

    @TempDir
    Path dir;

    BotHarness h;
    Targets target;
    LogCapture logs;

    @BeforeEach
    void startFixture() {
        target = new Targets();
        logs = LogCapture.attach();
    }

    @AfterEach
    void stopFixture() {
        try {
            if (h != null) {
                h.close();
            }
        } finally {
            logs.close();
            target.close();
        }
    }

    /** Every command that changes something about a server named {@code api}, or about the channel. */
    List<String> changes() {
        return List.of(
                "add other " + target.url("/o"),
                "add",
                "edit api",
                "remove api",
                "subscribe",
                "unsubscribe",
                "alerts off api",
                "alerts off");
    }
}
