package dev.healthbot;

import dev.healthbot.config.ConfigException;
import dev.healthbot.config.HealthBotConfig;
import dev.healthbot.config.TargetRanges;
import dev.healthbot.http.HttpStartException;
import dev.healthbot.monitor.Durations;
import dev.healthbot.monitor.MonitorSettings;
import dev.healthbot.monitor.ProbeResult;
import dev.healthbot.monitor.ProbeSpec;
import dev.healthbot.monitor.StatusCodes;
import dev.healthbot.monitor.Target;
import dev.healthbot.probe.AddressPolicy;
import dev.healthbot.probe.HttpProbe;
import dev.healthbot.probe.ProbeRegistry;
import dev.healthbot.serversfile.ServersFile;
import dev.healthbot.serversfile.ServersFileException;
import dev.healthbot.slack.transport.SlackStartException;
import dev.healthbot.store.Database;
import dev.healthbot.store.JdbiMonitorRepository;
import java.io.PrintStream;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command line: {@code java -jar healthbot.jar} runs the bot; {@code export} prints the
 * servers file; {@code check <url>} probes once; {@code backup <file>} copies the database. Every failure is one line, never a stack trace.
 */
public final class HealthBot {

    private static final Logger LOG = LoggerFactory.getLogger(HealthBot.class);

    private HealthBot() {}

    public static void main(String[] args) {
        int code = run(args, System.getenv(), System.out, System.err);
        if (code != Integer.MIN_VALUE) {
            System.exit(code);
        }
    }

    /** Runs one command line and returns its exit code. */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        String command = args.length == 0 ? "run" : args[0];
        try {
            return switch (command) {
                case "run" -> runBot(env, err);
                case "export" -> export(env, out);
                case "check" -> check(args, env, out, err);
                case "backup" -> BackupCommand.run(args, env, out, err);
                case "help", "--help", "-h" -> {
                    out.println(
                            "usage: java -jar healthbot.jar [run | export | check <url> [--timeout 5s] | backup <file>]");
                    yield 0;
                }
                default -> {
                    err.println("healthbot: unknown command '" + command.replaceAll("[^\\w-]", "?")
                            + "'; use run, export, check <url> [--timeout 5s] or backup <file>");
                    yield 2;
                }
            };
        } catch (ConfigException | SlackStartException | ServersFileException | HttpStartException e) {
            err.println("healthbot: " + e.getMessage());
            return 1;
        }
    }

    private static int runBot(Map<String, String> env, PrintStream err) {
        HealthBotConfig config = HealthBotConfig.fromEnvironment(env);
        // Handlers first: a SIGTERM that arrives while the bot starts still ends in a clean stop, exit 0.
        CountDownLatch stop = new CountDownLatch(1);
        for (String signal : new String[] {"TERM", "INT"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(signal), s -> stop.countDown());
            } catch (IllegalArgumentException e) {
                LOG.warn("cannot handle signal={}", signal);
            }
        }
        long start = System.nanoTime();
        Bot bot;
        try {
            bot = Bot.start(config, InstantSource.system());
        } catch (SlackStartException | ServersFileException | HttpStartException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.error("start failed error={}", e.toString(), e);
            err.println("healthbot: could not start: " + e.getClass().getSimpleName() + " (see the log above)");
            return 1;
        }
        LOG.info("connected startMs={}", (System.nanoTime() - start) / 1_000_000);
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("stopping");
        Thread closer = new Thread(bot::close, "shutdown");
        closer.start();
        try {
            closer.join(TimeUnit.SECONDS.toMillis(8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("stopped");
        return 0;
    }

    private static int export(Map<String, String> env, PrintStream out) {
        try (Database db = Database.open(HealthBotConfig.storage(env))) {
            out.print(ServersFile.render(
                    new JdbiMonitorRepository(db, removed -> {}).all(),
                    new dev.healthbot.store.JdbiErrorRepository(db)
                            .all().stream()
                                    .map(s -> new ServersFile.ExportedSource(s.name(), s.environment(), s.maskedKey()))
                                    .toList()));
        }
        return 0;
    }

    private static int check(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        String usage = "usage: java -jar healthbot.jar check <url> [--timeout 5s]";
        if (args.length != 2 && !(args.length == 4 && args[2].equals("--timeout"))) {
            err.println(usage);
            return 2;
        }
        Target target;
        Duration timeout = MonitorSettings.DEFAULT_TIMEOUT;
        try {
            target = Target.parse(args[1]);
            if (args.length == 4) {
                timeout = Durations.parse(args[3]);
                if (timeout.compareTo(MonitorSettings.MIN_TIMEOUT) < 0
                        || timeout.compareTo(MonitorSettings.MAX_TIMEOUT) > 0) {
                    throw new IllegalArgumentException("timeout must be 100ms to 60s");
                }
            }
        } catch (IllegalArgumentException e) {
            err.println("healthbot: " + e.getMessage());
            err.println(usage);
            return 2;
        }
        TargetRanges ranges = HealthBotConfig.targets(env);
        try (AddressPolicy policy = AddressPolicy.of(ranges.deny(), ranges.allow());
                ProbeRegistry probes =
                        ProbeRegistry.standard(HttpProbe.defaultClient(), InstantSource.system(), policy)) {
            ProbeResult r = probes.probe(new ProbeSpec(target, timeout, StatusCodes.DEFAULT))
                    .join();
            out.println((r.up() ? "UP" : "DOWN " + r.failure()) + " " + target.masked() + " "
                    + r.latency().toMillis() + " ms " + r.detail());
            return r.up() ? 0 : 1;
        }
    }
}
