package dev.healthbot;

import dev.healthbot.fakeslack.FakeSlack;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Starts the packaged jar ({@link JarIT#JAR}) as a child process wired to a fake Slack, the way the crash and kill
 * tests need it: its own database, a free HTTP port, the log in a file, and nothing inherited from the caller's
 * {@code SLACK_*} or {@code HEALTHBOT_*} variables. Stateless.
 */
public final class BotProcess {

    private BotProcess() {}

    /** Starts the jar with {@code db} as its database, its output in {@code dir/log}, and {@code env} added. */
    static Process launch(Path dir, Path db, FakeSlack slack, String log, Map<String, String> env) throws IOException {
        return launch(db, slack, dir.resolve(log), env);
    }

    /** Starts the jar with {@code db} as its database, its output in {@code log}, and {@code env} added (also for the benches). */
    public static Process launch(Path db, FakeSlack slack, Path log, Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        JarIT.JAR.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("SLACK_") || k.startsWith("HEALTHBOT_"));
        pb.environment().put("HEALTHBOT_DB", db.toString());
        pb.environment().put("HEALTHBOT_HTTP_ADDR", "127.0.0.1:0"); // a free port: runs never collide on 8080
        pb.environment().put("SLACK_BOT_TOKEN", FakeSlack.BOT_TOKEN);
        pb.environment().put("SLACK_APP_TOKEN", FakeSlack.APP_TOKEN);
        pb.environment().put("SLACK_API_URL", slack.apiUrl());
        pb.environment().putAll(env);
        return pb.start();
    }

    /** Starts the jar with {@code dir/bot.db} as its database. */
    static Process launch(Path dir, FakeSlack slack, String log) throws IOException {
        return launch(dir, dir.resolve("bot.db"), slack, log, Map.of());
    }
}
