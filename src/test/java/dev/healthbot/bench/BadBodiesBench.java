package dev.healthbot.bench;

import dev.healthbot.BadBodies;
import dev.healthbot.Bot;
import dev.healthbot.config.HealthBotConfig;
import dev.healthbot.fakeslack.FakeSlack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;

/**
 * Issue 14's bad input, timed (the test asserts the answers, not their time): the real bot in this JVM answers the
 * same {@code bad.bodies} (2,000) generated malformed bodies ({@link BadBodies}) as {@code ErrorBadInputIT}, one at a time, after
 * {@code bad.warm} (500) of warm-up, and the time from sending each to its 4xx answer is recorded. Writes p50, p99
 * and max per kind of body into its section of {@code errors.out} (docs/BENCHMARKS.md). Run with {@code mvn -B -q
 * -Perrors-bench -DskipTests package -Derrors.mode=bad-bodies}. Bounded: a fixed count of requests, each with a
 * 10 s timeout, all on 127.0.0.1.
 */
public final class BadBodiesBench {

    static final int BODIES = Integer.getInteger("bad.bodies", 2000);
    static final int WARM = Integer.getInteger("bad.warm", 500);

    private BadBodiesBench() {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("healthbot-bad-bodies");
        Map<String, String> env = new HashMap<>();
        try (FakeSlack slack = FakeSlack.start()) {
            env.put("SLACK_BOT_TOKEN", FakeSlack.BOT_TOKEN);
            env.put("SLACK_APP_TOKEN", FakeSlack.APP_TOKEN);
            env.put("SLACK_API_URL", slack.apiUrl());
            env.put("HEALTHBOT_DB", dir.resolve("healthbot.db").toString());
            env.put("HEALTHBOT_HTTP_ADDR", "127.0.0.1:0");
            try (Bot bot = Bot.start(HealthBotConfig.fromEnvironment(env), InstantSource.system())) {
                slack.awaitConnected(Duration.ofSeconds(30));
                String text = slack.slashCommand("errors add fuzz")
                        .get(10, TimeUnit.SECONDS)
                        .text();
                Matcher dsn = ErrorsBench.DSN.matcher(text);
                if (!dsn.find()) {
                    throw new IllegalStateException("no DSN in the answer");
                }
                int port = bot.httpAddress().orElseThrow().getPort();
                BadBodies.Fired warm = BadBodies.fire(port, dsn.group(3), WARM, 7);
                BadBodies.Fired run = BadBodies.fire(port, dsn.group(3), BODIES, 14);
                StringBuilder kinds = new StringBuilder();
                run.byKind()
                        .forEach((kind, nanos) -> kinds.append(String.format(
                                java.util.Locale.ROOT,
                                "| %s | %d | %.1f / %.1f / %.1f ms |\n",
                                kind,
                                nanos.size(),
                                BadBodies.Fired.percentile(nanos, 50),
                                BadBodies.Fired.percentile(nanos, 99),
                                BadBodies.Fired.percentile(nanos, 100))));
                String figures = String.format(
                        java.util.Locale.ROOT,
                        "## Bad input: time to a 4xx per malformed body (issue 14)\n\n"
                                + "Run: `mvn -B -q -Perrors-bench -DskipTests package -Derrors.mode=bad-bodies` (%s, %d"
                                + " CPUs, load average %.1f at the start). Bot, fake Slack and the sender share one JVM;"
                                + " one body at a time, %d bodies of warm-up first (not counted). Time: from the send to"
                                + " the whole answer, measured by the client.\n\n"
                                + "| figure | value |\n|---|---|\n"
                                + "| bodies / answered 400, 413 or 415 with a reason / other | %d / %d / %d |\n"
                                + "| p50 / p99 / max, all bodies | %.1f / %.1f / %.1f ms |\n"
                                + "| bodies over 100 ms | %d |\n"
                                + "| `/healthz` afterwards | %d |\n\n"
                                + "| kind | bodies | p50 / p99 / max |\n|---|---|---|\n%s",
                        Instant.now(),
                        Runtime.getRuntime().availableProcessors(),
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                                .getSystemLoadAverage(),
                        WARM,
                        run.count(),
                        run.count() - run.wrong().size(),
                        run.wrong().size(),
                        BadBodies.Fired.percentile(run.all(), 50),
                        BadBodies.Fired.percentile(run.all(), 99),
                        BadBodies.Fired.percentile(run.all(), 100),
                        run.all().stream().filter(n -> n > 100_000_000L).count(),
                        BadBodies.healthz(port),
                        kinds);
                System.out.println(figures);
                DocSection.write(ErrorsBench.OUT, "bad-bodies", figures);
            }
        }
    }
}
