package dev.healthbot;

import dev.healthbot.config.HealthBotConfig;
import dev.healthbot.store.Backup;
import dev.healthbot.store.BackupException;
import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code java -jar healthbot.jar backup <file>}: a consistent copy of {@code HEALTHBOT_DB} into a new
 * file, safe while the bot runs; needs no Slack token. Exit 0 when written, 1 when it failed, 2 on
 * bad arguments; every failure is one line.
 */
final class BackupCommand {

    static final String USAGE = "usage: java -jar healthbot.jar backup <file>";

    private BackupCommand() {}

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.length != 2 || args[1].isBlank()) {
            err.println(USAGE);
            return 2;
        }
        Path target;
        try {
            target = Path.of(args[1]);
        } catch (InvalidPathException e) {
            err.println("healthbot: not a file name: " + e.getReason());
            err.println(USAGE);
            return 2;
        }
        try {
            Backup.Copy copy = Backup.copy(HealthBotConfig.storage(env), target);
            out.println("backup written: " + copy.file() + " (" + copy.bytes() + " bytes, integrity ok)");
            return 0;
        } catch (BackupException e) {
            err.println("healthbot: backup failed: " + e.getMessage());
            return 1;
        }
    }
}
