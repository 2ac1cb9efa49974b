package dev.healthbot.bench;

import dev.healthbot.fakeslack.ApiCall;
import dev.healthbot.fakeslack.FakeSlack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The 10,000-server benchmark of issue 6: starts {@link TargetFarm} as its own JVM, the bot as
 * {@code java -jar target/healthbot.jar} against the fake Slack, measures the bot's process from
 * /proc, and rewrites its section of docs/BENCHMARKS.md. Run with {@code mvn -B -q -Pscale -DskipTests package}.
 * Bounded: every wait has a deadline; the whole run takes about 27 minutes.
 *
 * <p>System properties: {@code scale.servers} (10000), {@code scale.scenarios} (comma list of
 * http, mixed, start, storm, size; all by default; also {@code spread} and {@code json}, run only when
 * named), {@code scale.repeat} (runs of each of http and mixed, and pairs of json, 3; the median CPU's
 * run is reported), {@code scale.jfr} (true records a JFR file per load scenario under
 * target/scale-bench), {@code scale.out} (docs/BENCHMARKS.md).
 *
 * <p>{@code spread}: {@code scale.spreadServers} (1000) HTTP servers at every 10 s, loaded together
 * from the servers file, and the farm's probes counted per wall-clock second over {@code
 * scale.spreadWindowS} (60) seconds after {@code scale.spreadWarmS} (30): each second should see
 * servers / 10 ± 10 %. Its own section, {@code spread}. {@code json}: the http load with every server
 * asserting {@code expect_json: $.status == "UP"} against a farm answering {@code {"status":"UP"}},
 * alternated with the same load without the assertion (same farm answer), {@code scale.repeat} pairs
 * in one sitting; CPU per 1,000 probes of both, side by side. Its own section, {@code json}.
 */
public final class ScaleBench {

    static final Path JAR = Path.of("target/healthbot.jar");
    static final Duration INTERVAL = Duration.ofSeconds(10);
    static final int FAIL_EVERY = 20; // 5 %
    static final Duration WARM = Duration.ofSeconds(60);

    /** When in the warm-up 1 % of other servers go down, and for how long, before the window. */
    static final Duration REHEARSAL_AFTER = Duration.ofSeconds(10);

    static final Duration REHEARSAL = Duration.ofSeconds(25);
    static final Duration WINDOW = Duration.ofSeconds(90);
    static final int COMMANDS = 200;
    static final int STORM_SERVERS = 1000;
    static final String[] STORM_CHANNELS = {"C0STORMDEV", "C0STORMSTG", "C0STORMLIV"};
    static final String[] ENVS = {"DEV", "STAGE", "LIVE"};

    /** JVM options for the bot, as the README's run command gives them ({@code scale.jvmArgs}, space-separated). */
    static final List<String> JVM_ARGS = List.of(
                    System.getProperty("scale.jvmArgs", "").strip().split("\\s+"))
            .stream()
            .filter(a -> !a.isEmpty())
            .toList();

    private final int servers = Integer.getInteger("scale.servers", 10_000);
    private final boolean jfr = Boolean.getBoolean("scale.jfr");
    private final Path work;
    private final Map<String, String> figures = new LinkedHashMap<>();

    /** The suffix of a figure's unrounded value, kept for verdicts and left out of the tables. */
    private static final String EXACT = "Exact";

    private final List<String> notes = new ArrayList<>();

    ScaleBench(Path work) {
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of("target/scale-bench/run-" + System.currentTimeMillis());
        Files.createDirectories(work);
        ScaleBench bench = new ScaleBench(work);
        List<String> scenarios = List.of(System.getProperty("scale.scenarios", "http,mixed,start,storm,size")
                .split(","));
        long t0 = System.nanoTime();
        int repeat = Math.max(1, Integer.getInteger("scale.repeat", 3));
        String out = System.getProperty("scale.out", "docs/BENCHMARKS.md");
        if (scenarios.contains("spread")) {
            String doc = bench.spread();
            DocSection.write(Path.of(out), "spread", doc);
            System.out.println(doc);
        }
        if (scenarios.contains("json")) {
            String doc = bench.jsonBesidePlain(repeat);
            DocSection.write(Path.of(out), "json", doc);
            System.out.println(doc);
        }
        if (scenarios.stream().noneMatch(List.of("http", "mixed", "start", "storm", "size")::contains)) {
            // Only the scenarios of their own sections ran: the scale section stays as it is.
            return;
        }
        Load http = null;
        if (scenarios.contains("http")) {
            http = bench.repeated("http", 0.0, scenarios.contains("start"), repeat);
        }
        if (scenarios.contains("mixed")) {
            bench.repeated("mixed", 0.2, false, repeat);
        }
        if (scenarios.contains("storm")) {
            bench.storm();
        }
        if (scenarios.contains("size") && http != null) {
            bench.size(http.db());
        }
        String doc = bench.render(Duration.ofNanos(System.nanoTime() - t0));
        // Only its own section: the foundation section and the notes around them stay.
        DocSection.write(Path.of(out), "scale", doc);
        System.out.println(doc);
    }

    /** What a load scenario left behind for later scenarios. */
    record Load(Path db) {}

    // ---------------------------------------------------------------- load scenarios

    /**
     * Runs a load scenario {@code times} times, each with a fresh bot, farm and database: CPU moves
     * by 10 to 30 % from one run to the next on this machine (docs/BENCHMARKS.md). The figures are
     * those of the run with the median CPU per 1,000 probes, and every run's key figures are listed
     * too ({@code <name>.<figure>Runs}). The restarts, if asked for, follow the last run only.
     */
    private Load repeated(String name, double wsFraction, boolean restarts, int times) throws Exception {
        List<Map<String, String>> runs = new ArrayList<>();
        List<Load> loads = new ArrayList<>();
        for (int i = 1; i <= times; i++) {
            loads.add(load(name, name + "-" + i, wsFraction, restarts && i == times, false));
            Map<String, String> mine = new LinkedHashMap<>();
            figures.entrySet().removeIf(e -> {
                if (e.getKey().startsWith(name + ".")) {
                    mine.put(e.getKey(), e.getValue());
                    return true;
                }
                return false;
            });
            runs.add(mine);
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            order.add(i);
        }
        order.sort(java.util.Comparator.comparingDouble(i -> num(runs.get(i), name + ".cpuPer1000")));
        int median = order.get(order.size() / 2);
        figures.putAll(runs.get(median));
        figures.put(name + ".runs", Integer.toString(times));
        figures.put(name + ".medianRun", Integer.toString(median + 1));
        for (String key : List.of(
                "cpuPer1000",
                "cpuWindowS",
                "peakRssMb",
                "doneRatio",
                "gapP99",
                "detectMean",
                "detectMax",
                "ackP99",
                "threads")) {
            List<String> values = new ArrayList<>();
            for (Map<String, String> run : runs) {
                values.add(run.get(name + "." + key));
            }
            figures.put(name + "." + key + "Runs", String.join(", ", values));
        }
        return loads.get(median);
    }

    /**
     * One load run. {@code json}: the farm answers {@code {"status":"UP"}}, and {@code jsonRule} gives
     * every HTTP server the assertion {@code $.status == "UP"}.
     */
    private Load load(String name, String dirName, double wsFraction, boolean restarts, boolean json) throws Exception {
        return load(name, dirName, wsFraction, restarts, json, json);
    }

    private Load load(
            String name, String dirName, double wsFraction, boolean restarts, boolean jsonFarm, boolean jsonRule)
            throws Exception {
        Path dir = Files.createDirectories(work.resolve(dirName));
        log("scenario " + name + " servers=" + servers + " ws=" + wsFraction + " jsonRule=" + jsonRule);
        Process farm = startFarm(dir, servers, FAIL_EVERY, false, jsonFarm);
        Map<String, int[]> ports = awaitPorts(dir);
        Path serversFile = dir.resolve("servers.yml");
        writeServers(serversFile, ports, servers, wsFraction, FAIL_EVERY, false, jsonRule);
        Path db = dir.resolve("bot.db");
        try (FakeSlack slack = FakeSlack.start()) {
            long launched = System.nanoTime();
            Bot bot = Bot.launch(slack, db, serversFile, dir.resolve("bot.log"), jfr ? dir.resolve("bot.jfr") : null);
            try {
                bot.awaitLog("connected startMs=", Duration.ofMinutes(3));
                long firstStartMs = (System.nanoTime() - launched) / 1_000_000;
                figures.put(name + ".firstStartMs", Long.toString(firstStartMs));
                // A bot that has run a while has seen outages. 1 % of the servers (not the measured 5 %)
                // go down and come back during the warm-up, so that the window measures the steady
                // state and not the JIT's one-time compiling of the outage code (alerts, incidents,
                // failure paths), which the first outage after a start pays once.
                park(REHEARSAL_AFTER);
                long rehearseFrom = System.currentTimeMillis() + 1000;
                Files.writeString(dir.resolve("rehearse"), rehearseFrom + " " + (rehearseFrom + REHEARSAL.toMillis()));
                park(WARM.minus(REHEARSAL_AFTER));
                // Told a second ahead, so the farm (polling its switch files) flips exactly on time.
                long failAt = System.currentTimeMillis() + 1000;
                Files.writeString(dir.resolve("failat"), Long.toString(failAt));
                park(Duration.ofMillis(failAt - System.currentTimeMillis()));
                Sample before = bot.sample();
                Map<String, ThreadCpu> threadsBefore = bot.threadTicks();
                park(WINDOW);
                Sample after = bot.sample();
                figures.put(name + ".cpuByThread", byThread(threadsBefore, bot.threadTicks()));
                long windowEnd = failAt + WINDOW.toMillis();
                // Commands while the servers are still probed.
                List<Long> acks = new ArrayList<>();
                for (int i = 0; i < COMMANDS; i++) {
                    String text = i % 2 == 0 ? "list" : "check s" + (1 + (i * 37) % servers);
                    acks.add(slack.slashCommand(text)
                            .get(30, TimeUnit.SECONDS)
                            .elapsed()
                            .toMillis());
                    park(Duration.ofMillis(100));
                }
                Sample end = bot.sample();
                bot.stop();
                figures.put(name + ".peakRssMb", Long.toString(bot.peakRssKb() / 1024));
                figures.put(name + ".cpuWindowS", fmt((after.cpuTicks() - before.cpuTicks()) / 100.0));
                figures.put(name + ".threads", Integer.toString(bot.peakThreads()));
                figures.put(name + ".ackP99", Long.toString(percentile(acks, 0.99)));
                figures.put(name + ".ackP50", Long.toString(percentile(acks, 0.50)));
                figures.put(name + ".ackMax", Long.toString(Collections.max(acks)));
                figures.put(name + ".cpuCommandsS", fmt((end.cpuTicks() - after.cpuTicks()) / 100.0));
                if (restarts) {
                    restarts(name, slack, db, serversFile, dir);
                }
                Files.writeString(dir.resolve("stop"), "");
                awaitFile(dir.resolve("farm.done"), Duration.ofSeconds(60));
                farm.waitFor(30, TimeUnit.SECONDS);
                analyseProbes(name, dir, failAt, windowEnd, wsFraction);
                double ticks = after.cpuTicks() - before.cpuTicks();
                double probes = Double.parseDouble(figures.get(name + ".probesDone"))
                        + Double.parseDouble(figures.get(name + ".refusedDue"));
                exact(name + ".cpuPer1000", ticks / 100.0 / probes * 1000, 3);
                detection(name, db, failAt);
                figures.put(name + ".farmCpuS", fmt(farmCpuMs(dir) / 1000.0));
            } finally {
                bot.kill();
                farm.destroyForcibly();
            }
        }
        return new Load(db);
    }

    /** Restarts on the same database (10,000 servers saved) and times start to connected and scheduled. */
    private void restarts(String name, FakeSlack slack, Path db, Path serversFile, Path dir) throws Exception {
        List<Long> withFile = new ArrayList<>();
        List<Long> withoutFile = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            boolean file = i % 2 == 0;
            long launched = System.nanoTime();
            Bot bot = Bot.launch(slack, db, file ? serversFile : null, dir.resolve("restart-" + i + ".log"), null);
            try {
                bot.awaitLog("connected startMs=", Duration.ofMinutes(2));
                (file ? withFile : withoutFile).add((System.nanoTime() - launched) / 1_000_000);
                park(Duration.ofSeconds(3));
                bot.stop();
            } finally {
                bot.kill();
            }
        }
        figures.put("start.withFile", withFile.toString());
        figures.put("start.withoutFile", withoutFile.toString());
        figures.put("start.worst", Long.toString(Math.max(Collections.max(withFile), Collections.max(withoutFile))));
    }

    private void analyseProbes(String name, Path dir, long windowStart, long windowEnd, double wsFraction)
            throws IOException {
        Map<Integer, List<Long>> byServer = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("probes.csv"))) {
            int comma = line.indexOf(',');
            int id = Integer.parseInt(line.substring(0, comma));
            long at = Long.parseLong(line.substring(comma + 1));
            byServer.computeIfAbsent(id, k -> new ArrayList<>()).add(at);
        }
        long done = 0;
        int visible = 0;
        int refused = 0;
        List<Long> lateness = new ArrayList<>();
        long interval = INTERVAL.toMillis();
        for (int id = 1; id <= servers; id++) {
            boolean refuses =
                    TargetFarm.failing(id, FAIL_EVERY) && TargetFarm.mode(id, FAIL_EVERY) == TargetFarm.MODE_REFUSE;
            if (refuses) {
                refused++;
                continue;
            }
            visible++;
            List<Long> times = byServer.getOrDefault(id, new ArrayList<>());
            Collections.sort(times);
            for (int i = 0; i < times.size(); i++) {
                long t = times.get(i);
                if (t >= windowStart && t < windowEnd) {
                    done++;
                    if (i > 0 && times.get(i - 1) >= windowStart) {
                        lateness.add(Math.abs(t - times.get(i - 1) - interval));
                    }
                }
            }
        }
        long duePerServer = WINDOW.toMillis() / interval;
        long due = duePerServer * visible;
        figures.put(name + ".probesDone", Long.toString(done));
        figures.put(name + ".probesDue", Long.toString(due));
        figures.put(name + ".refusedDue", Long.toString(duePerServer * refused));
        exact(name + ".doneRatio", 100.0 * done / due, 2);
        figures.put(name + ".gapP99", Long.toString(percentile(lateness, 0.99)));
        figures.put(name + ".gapP50", Long.toString(percentile(lateness, 0.50)));
        figures.put(name + ".gapMax", lateness.isEmpty() ? "-" : Long.toString(Collections.max(lateness)));
        figures.put(name + ".gaps", Integer.toString(lateness.size()));
    }

    /** Failing to DOWN: from the status changes the bot saved. */
    private void detection(String name, Path db, long failAt) throws Exception {
        Map<Integer, Long> down = new HashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        // The verdict is known when the failing probe ends: its start plus its latency.
                        "SELECT c.monitor_name, min(c.at + r.latency_ms) FROM status_changes c"
                                + " JOIN probe_results r ON r.monitor_id = c.monitor_id AND r.at = c.at"
                                + " WHERE c.to_status = 'DOWN' AND c.at >= " + failAt + " GROUP BY c.monitor_name")) {
            while (rs.next()) {
                down.put(Integer.parseInt(rs.getString(1).substring(1)), rs.getLong(2) - failAt);
            }
        }
        List<Long> times = new ArrayList<>();
        Map<Integer, List<Long>> byMode = new HashMap<>();
        int failing = 0;
        for (int id = 1; id <= servers; id++) {
            if (!TargetFarm.failing(id, FAIL_EVERY)) {
                continue;
            }
            failing++;
            Long t = down.get(id);
            if (t != null) {
                times.add(t);
                byMode.computeIfAbsent(TargetFarm.mode(id, FAIL_EVERY), k -> new ArrayList<>())
                        .add(t);
            }
        }
        figures.put(name + ".failing", Integer.toString(failing));
        figures.put(name + ".detected", Integer.toString(times.size()));
        if (times.isEmpty()) {
            figures.put(name + ".detectMean", "-");
            figures.put(name + ".detectMax", "-");
        } else {
            exact(name + ".detectMean", mean(times) / 1000.0, 2);
            exact(name + ".detectMax", Collections.max(times) / 1000.0, 2);
        }
        String[] modes = {"500", "hang", "close", "refuse"};
        StringBuilder sb = new StringBuilder();
        for (int m = 0; m < 4; m++) {
            List<Long> l = byMode.getOrDefault(m, List.of());
            sb.append(modes[m])
                    .append(": mean ")
                    .append(l.isEmpty() ? "-" : fmt(mean(l) / 1000.0))
                    .append(" s, max ")
                    .append(l.isEmpty() ? "-" : fmt(Collections.max(l) / 1000.0))
                    .append(" s; ");
        }
        figures.put(name + ".detectByMode", sb.toString().strip());
        // Not announced as news: none of these servers is subscribed, so no post is expected here.
    }

    // ---------------------------------------------------------------- spread

    /**
     * Servers loaded together from the servers file, all at every 10 s, no failures: the farm's probes
     * counted per wall-clock second over the window. Returns the section's Markdown.
     */
    String spread() throws Exception {
        int n = Integer.getInteger("scale.spreadServers", 1000);
        Duration warm = Duration.ofSeconds(Integer.getInteger("scale.spreadWarmS", 30));
        Duration window = Duration.ofSeconds(Integer.getInteger("scale.spreadWindowS", 60));
        Path dir = Files.createDirectories(work.resolve("spread"));
        log("scenario spread servers=" + n + " warmS=" + warm.toSeconds() + " windowS=" + window.toSeconds());
        Process farm = startFarm(dir, n, 0, false, false);
        long from;
        long to;
        try {
            Map<String, int[]> ports = awaitPorts(dir);
            Path serversFile = dir.resolve("servers.yml");
            writeServers(serversFile, ports, n, 0, 0, false, false);
            try (FakeSlack slack = FakeSlack.start()) {
                Bot bot = Bot.launch(slack, dir.resolve("bot.db"), serversFile, dir.resolve("bot.log"), null);
                try {
                    bot.awaitLog("connected startMs=", Duration.ofMinutes(2));
                    park(warm);
                    from = (System.currentTimeMillis() / 1000 + 1) * 1000;
                    to = from + window.toMillis();
                    park(Duration.ofMillis(to + 500 - System.currentTimeMillis()));
                    bot.stop();
                } finally {
                    bot.kill();
                }
            }
            Files.writeString(dir.resolve("stop"), "");
            awaitFile(dir.resolve("farm.done"), Duration.ofSeconds(60));
            farm.waitFor(30, TimeUnit.SECONDS);
        } finally {
            farm.destroyForcibly();
        }
        long[] perSecond = new long[(int) window.toSeconds()];
        for (String line : Files.readAllLines(dir.resolve("probes.csv"))) {
            long at = Long.parseLong(line.substring(line.indexOf(',') + 1));
            if (at >= from && at < to) {
                perSecond[(int) ((at - from) / 1000)]++;
            }
        }
        return renderSpread(n, warm, perSecond);
    }

    /**
     * The spread section: every second's count beside the expected servers / interval, ± 10 %. Pure
     * (a test pins its verdicts).
     */
    static String renderSpread(int n, Duration warm, long[] perSecond) {
        double expected = n * 1000.0 / INTERVAL.toMillis();
        long lo = Math.round(Math.ceil(expected * 0.9));
        long hi = Math.round(Math.floor(expected * 1.1));
        long min = Long.MAX_VALUE;
        long max = 0;
        long total = 0;
        int outside = 0;
        for (long c : perSecond) {
            min = Math.min(min, c);
            max = Math.max(max, c);
            total += c;
            if (c < lo || c > hi) {
                outside++;
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("## Spread: ")
                .append(String.format(Locale.ROOT, "%,d", n))
                .append(" servers at every=")
                .append(INTERVAL.toSeconds())
                .append("s, probes per second at the farm\n\n");
        sb.append("Measured on ")
                .append(LocalDate.now())
                .append(" (")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" cores, JDK ")
                .append(System.getProperty("java.version"))
                .append(") by `mvn -B -q -Pscale -DskipTests package -Dscale.scenarios=spread")
                .append(n == 1000 ? "" : " -Dscale.spreadServers=" + n)
                .append(warm.toSeconds() == 30 ? "" : " -Dscale.spreadWarmS=" + warm.toSeconds())
                .append(perSecond.length == 60 ? "" : " -Dscale.spreadWindowS=" + perSecond.length)
                .append("`: the servers loaded together from the servers file at start, counted by the target")
                .append(" farm per wall-clock second over ")
                .append(perSecond.length)
                .append(" s, after ")
                .append(warm.toSeconds())
                .append(" s.\n\n");
        sb.append("| figure | target | measured | |\n|---|---|---|---|\n");
        sb.append("| probes in every second of the window | ")
                .append(lo)
                .append(" to ")
                .append(hi)
                .append(" | min ")
                .append(perSecond.length == 0 ? "-" : Long.toString(min))
                .append(", max ")
                .append(max)
                .append(", mean ")
                .append(perSecond.length == 0 ? "-" : fmt((double) total / perSecond.length))
                .append(" (")
                .append(outside)
                .append(" of ")
                .append(perSecond.length)
                .append(" seconds outside) | ")
                .append(perSecond.length > 0 && outside == 0 ? "met" : "**missed**")
                .append(" |\n\n");
        sb.append("Probes per second, ten seconds a row:\n\n| seconds | probes |\n|---|---|\n");
        for (int i = 0; i < perSecond.length; i += 10) {
            sb.append("| ")
                    .append(i)
                    .append("–")
                    .append(Math.min(perSecond.length, i + 10) - 1)
                    .append(" |");
            for (int j = i; j < Math.min(perSecond.length, i + 10); j++) {
                sb.append(' ').append(perSecond[j]);
            }
            sb.append(" |\n");
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- json assertion cost

    /**
     * The http load with a JSON assertion on every server beside the same load without it, both against
     * a farm answering {@code {"status":"UP"}}, alternated in one sitting ({@code times} pairs, the order
     * swapped every other pair so a drift of the machine favours neither). Returns the section's Markdown.
     */
    String jsonBesidePlain(int times) throws Exception {
        List<Double> plain = new ArrayList<>();
        List<Double> json = new ArrayList<>();
        List<String> done = new ArrayList<>();
        for (int i = 1; i <= times; i++) {
            boolean[] order = i % 2 == 1 ? new boolean[] {false, true} : new boolean[] {true, false};
            for (boolean rule : order) {
                String name = rule ? "jsonrule" : "jsonplain";
                load(name, name + "-" + i, 0.0, false, true, rule);
                (rule ? json : plain).add(num(figures, name + ".cpuPer1000"));
                done.add(name + "-" + i + " " + figures.get(name + ".doneRatio") + " %");
                figures.keySet().removeIf(k -> k.startsWith(name + "."));
            }
        }
        return renderJson(servers, plain, json, done);
    }

    /** The JSON assertion section: CPU per 1,000 probes with and without, medians and every run. Pure. */
    static String renderJson(int n, List<Double> plain, List<Double> json, List<String> done) {
        double p = median(plain);
        double j = median(json);
        StringBuilder sb = new StringBuilder();
        sb.append("## CPU of a JSON assertion on every HTTP server\n\n");
        sb.append("Measured on ")
                .append(LocalDate.now())
                .append(" (")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" cores, JDK ")
                .append(System.getProperty("java.version"))
                .append(") by `mvn -B -q -Pscale -DskipTests package -Dscale.scenarios=json")
                .append(n == 10_000 ? "" : " -Dscale.servers=" + n)
                .append(plain.size() == 3 ? "" : " -Dscale.repeat=" + plain.size())
                .append(JVM_ARGS.isEmpty() ? "" : " -Dscale.jvmArgs=\"" + String.join(" ", JVM_ARGS) + "\"")
                .append("`: ")
                .append(String.format(Locale.ROOT, "%,d", n))
                .append(" HTTP servers, every 10 s, timeout 2 s, 5 % failing, the farm answering")
                .append(" `{\"status\":\"UP\"}`; the same load with `expect_json: $.status == \"UP\"` on")
                .append(" every server and without it, alternated in one sitting (")
                .append(plain.size())
                .append(" runs each).\n\n");
        sb.append("| checks | CPU seconds per 1,000 probes (median) | every run |\n|---|---|---|\n");
        sb.append("| plain (status code only) | ")
                .append(String.format(Locale.ROOT, "%.3f", p))
                .append(" | ")
                .append(list(plain))
                .append(" |\n");
        sb.append("| with the JSON assertion | ")
                .append(String.format(Locale.ROOT, "%.3f", j))
                .append(" | ")
                .append(list(json))
                .append(" |\n\n");
        sb.append("The assertion costs ")
                .append(String.format(Locale.ROOT, "%+.3f", j - p))
                .append(" CPU seconds per 1,000 probes (")
                .append(String.format(Locale.ROOT, "%+.0f", p == 0 ? 0 : 100 * (j - p) / p))
                .append(" %). Probes done / due per run: ")
                .append(String.join("; ", done))
                .append(".\n");
        return sb.toString();
    }

    private static double median(List<Double> xs) {
        if (xs.isEmpty()) {
            return Double.NaN;
        }
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
    }

    private static String list(List<Double> xs) {
        List<String> out = new ArrayList<>();
        for (double x : xs) {
            out.add(String.format(Locale.ROOT, "%.3f", x));
        }
        return String.join(", ", out);
    }

    // ---------------------------------------------------------------- storm

    private void storm() throws Exception {
        Path dir = Files.createDirectories(work.resolve("storm"));
        log("scenario storm servers=" + STORM_SERVERS);
        Process farm = startFarm(dir, STORM_SERVERS, 1, true, false);
        Map<String, int[]> ports = awaitPorts(dir);
        Path serversFile = dir.resolve("servers.yml");
        writeServers(serversFile, ports, STORM_SERVERS, 0, 1, true, false);
        Path db = dir.resolve("bot.db");
        try (FakeSlack slack = FakeSlack.start()) {
            Bot bot = Bot.launch(slack, db, serversFile, dir.resolve("bot.log"), null);
            try {
                bot.awaitLog("connected startMs=", Duration.ofMinutes(2));
                for (int i = 0; i < 3; i++) {
                    slack.slashCommand("subscribe " + ENVS[i], FakeSlack.DEFAULT_USER_ID, STORM_CHANNELS[i])
                            .get(30, TimeUnit.SECONDS);
                }
                park(Duration.ofSeconds(25)); // every server checked UP at least once (not news)
                int before = slack.calls("chat.postMessage").size();
                long failAt = System.currentTimeMillis() + 1000;
                Files.writeString(dir.resolve("failat"), Long.toString(failAt));
                long deadline = System.nanoTime() + Duration.ofSeconds(480).toNanos();
                int want = STORM_SERVERS;
                while (System.nanoTime() < deadline && outagePosts(slack, before) < want) {
                    park(Duration.ofSeconds(1));
                }
                List<ApiCall> posts = slack.calls("chat.postMessage");
                posts = posts.subList(before, posts.size());
                Map<String, List<Long>> perChannel = new HashMap<>();
                long last = 0;
                int rateLimited = 0;
                int outages = 0;
                for (ApiCall c : posts) {
                    if (c.httpStatus() == 429) {
                        rateLimited++;
                    }
                    if (c.ok() && c.param("thread_ts") == null) {
                        outages++;
                        perChannel
                                .computeIfAbsent(c.param("channel"), k -> new ArrayList<>())
                                .add(c.at().toEpochMilli());
                        last = Math.max(last, c.at().toEpochMilli());
                    }
                }
                long minGap = Long.MAX_VALUE;
                int maxInOneSecond = 0;
                for (List<Long> ts : perChannel.values()) {
                    Collections.sort(ts);
                    for (int i = 1; i < ts.size(); i++) {
                        minGap = Math.min(minGap, ts.get(i) - ts.get(i - 1));
                    }
                    int lo = 0;
                    for (int hi = 0; hi < ts.size(); hi++) {
                        while (ts.get(hi) - ts.get(lo) >= 1000) {
                            lo++;
                        }
                        maxInOneSecond = Math.max(maxInOneSecond, hi - lo + 1);
                    }
                }
                figures.put("storm.delivered", Integer.toString(outages));
                figures.put("storm.channels", perChannel.keySet().toString());
                figures.put("storm.lastS", fmt((last - failAt) / 1000.0));
                figures.put("storm.minGapMs", Long.toString(minGap));
                figures.put("storm.maxPerSecond", Integer.toString(maxInOneSecond));
                figures.put("storm.429", Integer.toString(rateLimited));
                figures.put("storm.peakRssMb", Long.toString(bot.peakRssKb() / 1024));
                bot.stop();
            } finally {
                bot.kill();
                Files.writeString(dir.resolve("stop"), "");
                farm.waitFor(30, TimeUnit.SECONDS);
                farm.destroyForcibly();
            }
        }
    }

    private static int outagePosts(FakeSlack slack, int before) {
        List<ApiCall> posts = slack.calls("chat.postMessage");
        int n = 0;
        for (int i = before; i < posts.size(); i++) {
            if (posts.get(i).ok() && posts.get(i).param("thread_ts") == null) {
                n++;
            }
        }
        return n;
    }

    // ---------------------------------------------------------------- database size

    /**
     * A 24-hour database: probe_results is capped at 100 (+9 before pruning) per server, so after
     * ~18 minutes at 10 s the table stops growing. Fills a copy of the measured database to that
     * ceiling with its own rows, checkpoints, and measures the file.
     */
    private void size(Path db) throws Exception {
        log("scenario size");
        Path copy = work.resolve("size.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement s = c.createStatement()) {
            s.execute("VACUUM INTO '" + copy + "'");
        }
        long measuredBytes = Files.size(copy);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy);
                Statement s = c.createStatement()) {
            long rows = one(s, "SELECT count(*) FROM probe_results");
            figures.put("size.measuredRows", Long.toString(rows));
            figures.put("size.measuredMb", fmt(measuredBytes / 1048576.0));
            int ceiling = 100 + 9;
            // Copy each server's newest row until it has the ceiling: same widths as real results.
            for (int round = 0; round < ceiling; round++) {
                int added = s.executeUpdate(
                        """
                        INSERT INTO probe_results (monitor_id, at, up, latency_ms, failure, detail)
                        SELECT p.monitor_id, p.at + 10000, p.up, p.latency_ms, p.failure, p.detail
                          FROM probe_results p
                          JOIN (SELECT monitor_id, max(id) AS id, count(*) AS n FROM probe_results GROUP BY monitor_id) last
                            ON p.id = last.id
                         WHERE last.n < %d
                        """
                                .formatted(ceiling));
                if (added == 0) {
                    break;
                }
            }
            // A day of status changes for the 5 % failing servers flapping once an hour each.
            long changes = 24L * 2 * servers / FAIL_EVERY;
            s.executeUpdate(
                    """
                    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)
                    INSERT INTO status_changes (monitor_id, monitor_name, from_status, to_status, at, cause, detail,
                                                failed_checks, down_since)
                    SELECT 1, 's1', 'UP', 'DOWN', i, 'HTTP_STATUS', 'HTTP 500 Internal Server Error', 1, NULL FROM n
                    """
                            .formatted(changes));
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            long full = one(s, "SELECT count(*) FROM probe_results");
            figures.put("size.fullRows", Long.toString(full));
            figures.put("size.changes", Long.toString(changes));
        }
        exact("size.fullMb", Files.size(copy) / 1048576.0, 2);
    }

    private static long one(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    // ---------------------------------------------------------------- processes

    private Process startFarm(Path dir, int n, int failEvery, boolean allFail500, boolean json) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                javaBin(),
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                Path.of("target/test-classes").toAbsolutePath().toString(),
                TargetFarm.class.getName(),
                dir.toAbsolutePath().toString(),
                Integer.toString(n),
                Integer.toString(failEvery),
                Long.toString(
                        System.currentTimeMillis() + Duration.ofMinutes(15).toMillis())));
        if (allFail500) {
            cmd.add("allFail500");
        }
        if (json) {
            cmd.add("json");
        }
        return new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("farm.log").toFile())
                .start();
    }

    private static Map<String, int[]> awaitPorts(Path dir) throws Exception {
        awaitFile(dir.resolve("ports"), Duration.ofSeconds(30));
        return TargetFarm.readPorts(dir);
    }

    private static long farmCpuMs(Path dir) throws IOException {
        String done = Files.readString(dir.resolve("farm.done"));
        return Long.parseLong(done.substring(done.indexOf("cpuMs=") + 6).strip());
    }

    /** Server ids 1..n; a failing server that will refuse sits on its address's refuse port. */
    static void writeServers(
            Path file,
            Map<String, int[]> ports,
            int n,
            double wsFraction,
            int failEvery,
            boolean storm,
            boolean jsonRule)
            throws IOException {
        StringBuilder y = new StringBuilder("servers:\n");
        for (int id = 1; id <= n; id++) {
            String host = TargetFarm.address(id);
            boolean refuses = !storm
                    && TargetFarm.failing(id, failEvery)
                    && TargetFarm.mode(id, failEvery) == TargetFarm.MODE_REFUSE;
            int port = ports.get(host)[refuses ? 1 : 0];
            boolean ws = wsFraction > 0 && (id / 3) % Math.round(1 / wsFraction) == 0;
            String url = ws ? "ws://" + host + ":" + port + "/w/" + id : "http://" + host + ":" + port + "/s/" + id;
            y.append("  - name: s")
                    .append(id)
                    .append("\n    url: ")
                    .append(url)
                    .append("\n    environment: ")
                    .append(storm ? ENVS[id % 3] : "LIVE")
                    .append("\n    interval: 10s\n    timeout: 2s\n    failures_before_down: 1\n")
                    .append("    successes_before_up: 1\n");
            if (jsonRule && !ws) {
                y.append("    expect_json: '$.status == \"UP\"'\n");
            }
        }
        Files.writeString(file, y);
    }

    /**
     * CPU seconds over the window per group of threads (digits in names folded), largest first:
     * threads that ended within the window are missing, so the groups add up to a little less than
     * the process.
     */
    private static String byThread(Map<String, ThreadCpu> before, Map<String, ThreadCpu> after) {
        Map<String, Long> groups = new HashMap<>();
        after.forEach((tid, now) -> {
            ThreadCpu was = before.get(tid);
            groups.merge(now.name(), now.ticks() - (was == null ? 0 : was.ticks()), Long::sum);
        });
        StringBuilder sb = new StringBuilder();
        groups.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .filter(e -> e.getValue() > 0)
                .limit(10)
                .forEach(e -> sb.append('`')
                        .append(e.getKey())
                        .append("` ")
                        .append(fmt(e.getValue() / 100.0))
                        .append("; "));
        return sb.toString().strip();
    }

    /** One thread's name (digits folded) and its utime + stime in ticks. */
    record ThreadCpu(String name, long ticks) {}

    /** One sample of the bot's process from /proc. */
    record Sample(long at, long cpuTicks, long rssKb, int threads) {}

    /** The bot's process and a thread sampling it once a second. */
    static final class Bot {
        private final Process process;
        private final Path log;
        private final List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
        private final Thread sampler;

        private Bot(Process process, Path log) {
            this.process = process;
            this.log = log;
            this.sampler = new Thread(this::sampleLoop, "sampler");
            sampler.setDaemon(true);
            sampler.start();
        }

        static Bot launch(FakeSlack slack, Path db, Path serversFile, Path log, Path jfr) throws IOException {
            List<String> cmd = new ArrayList<>(List.of(javaBin()));
            cmd.addAll(JVM_ARGS);
            if (jfr != null) {
                cmd.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile,dumponexit=true");
            }
            cmd.addAll(List.of("-jar", JAR.toString()));
            ProcessBuilder pb =
                    new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().keySet().removeIf(k -> k.startsWith("SLACK_") || k.startsWith("HEALTHBOT_"));
            pb.environment().put("HEALTHBOT_DB", db.toString());
            pb.environment().put("HEALTHBOT_HTTP_ADDR", "127.0.0.1:0"); // a free port: runs never collide on 8080
            if (serversFile != null) {
                pb.environment().put("HEALTHBOT_SERVERS_FILE", serversFile.toString());
            }
            pb.environment().put("SLACK_BOT_TOKEN", FakeSlack.BOT_TOKEN);
            pb.environment().put("SLACK_APP_TOKEN", FakeSlack.APP_TOKEN);
            pb.environment().put("SLACK_API_URL", slack.apiUrl());
            return new Bot(pb.start(), log);
        }

        private void sampleLoop() {
            while (process.isAlive()) {
                try {
                    samples.add(sample());
                } catch (IOException | RuntimeException e) {
                    return;
                }
                LockSupport.parkNanos(1_000_000_000L);
            }
        }

        Sample sample() throws IOException {
            long pid = process.pid();
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields after the name: state(0) ... utime is field 14 overall, i.e. index 11 here
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            long rss = 0;
            int threads = 0;
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
                } else if (line.startsWith("Threads:")) {
                    threads = Integer.parseInt(line.replaceAll("[^0-9]", ""));
                }
            }
            return new Sample(System.currentTimeMillis(), ticks, rss, threads);
        }

        /** Every live thread by id: its kernel name (15 characters, digits folded to N) and CPU ticks. */
        Map<String, ThreadCpu> threadTicks() throws IOException {
            Map<String, ThreadCpu> out = new HashMap<>();
            try (var tasks = Files.list(Path.of("/proc/" + process.pid() + "/task"))) {
                for (Path t : tasks.toList()) {
                    String stat;
                    try {
                        stat = Files.readString(t.resolve("stat"));
                    } catch (IOException e) {
                        continue; // ended meanwhile
                    }
                    String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                            .replaceAll("[0-9]+", "N");
                    // OkHttp renames its pool's thread for the length of each call.
                    if (comm.startsWith("OkHttp http")) {
                        comm = "healthbot-http-";
                    }
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    out.put(
                            t.getFileName().toString(),
                            new ThreadCpu(comm, Long.parseLong(f[11]) + Long.parseLong(f[12])));
                }
            }
            return out;
        }

        long peakRssKb() {
            synchronized (samples) {
                return samples.stream().mapToLong(Sample::rssKb).max().orElse(0);
            }
        }

        int peakThreads() {
            synchronized (samples) {
                return samples.stream().mapToInt(Sample::threads).max().orElse(0);
            }
        }

        void awaitLog(String text, Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the bot exited; see " + log);
                }
                if (Files.readString(log).contains(text)) {
                    return;
                }
                LockSupport.parkNanos(20_000_000);
            }
            throw new IllegalStateException("the bot never logged '" + text + "'; see " + log);
        }

        void stop() throws InterruptedException {
            process.destroy();
            process.waitFor(20, TimeUnit.SECONDS);
        }

        void kill() {
            process.destroyForcibly();
        }
    }

    // ---------------------------------------------------------------- report

    String render(Duration took) {
        Map<String, String> f = figures;
        StringBuilder sb = new StringBuilder();
        sb.append("## Scale: 10,000 servers on two cores\n\n");
        sb.append("Measured on ")
                .append(LocalDate.now())
                .append(" (")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" cores, ")
                .append(System.getProperty("os.name"))
                .append(' ')
                .append(System.getProperty("os.arch"))
                .append(", JDK ")
                .append(System.getProperty("java.version"))
                .append(", ")
                .append(memTotal())
                .append(") by `mvn -B -q -Pscale -DskipTests package")
                .append(JVM_ARGS.isEmpty() ? "" : " -Dscale.jvmArgs=\"" + String.join(" ", JVM_ARGS) + "\"")
                .append("`, the bot started as `java ")
                .append(JVM_ARGS.isEmpty() ? "" : String.join(" ", JVM_ARGS) + " ")
                .append("-jar target/healthbot.jar`; the run took ")
                .append(took.toMinutes())
                .append(" min ")
                .append(took.toSecondsPart())
                .append(" s.\n\n");
        sb.append("| workload | figure | target | measured | |\n|---|---|---|---|---|\n");
        for (String s : List.of("http", "mixed")) {
            if (!f.containsKey(s + ".cpuPer1000")) {
                continue;
            }
            String w = s.equals("http")
                    ? "10,000 HTTP servers, every 10 s, timeout 2 s, 5 % failing"
                    : "same, 20 % of the servers WebSocket";
            row(
                    sb,
                    w,
                    "CPU seconds per 1,000 probes",
                    "≤ 0.35",
                    f.containsKey(s + ".cpuPer1000Runs")
                            ? f.get(s + ".cpuPer1000") + " (median of " + f.get(s + ".runs") + " runs: "
                                    + f.get(s + ".cpuPer1000Runs") + ")"
                            : f.get(s + ".cpuPer1000"),
                    num(f, s + ".cpuPer1000") <= 0.35);
            row(sb, w, "peak RSS", "≤ 512 MB", f.get(s + ".peakRssMb") + " MB", num(f, s + ".peakRssMb") <= 512);
            row(
                    sb,
                    w,
                    "probes done / due over 90 s",
                    "≥ 99 %",
                    f.get(s + ".doneRatio") + " % (" + f.get(s + ".probesDone") + " / " + f.get(s + ".probesDue") + ")",
                    num(f, s + ".doneRatio") >= 99);
            row(
                    sb,
                    w,
                    "p99 of |gap − interval|",
                    "≤ 100 ms",
                    f.get(s + ".gapP99") + " ms (p50 " + f.get(s + ".gapP50") + ", max " + f.get(s + ".gapMax") + ", "
                            + f.get(s + ".gaps") + " gaps)",
                    num(f, s + ".gapP99") <= 100);
            row(
                    sb,
                    w,
                    "failing to DOWN, thresholds 1",
                    "mean ≤ 6 s, max ≤ 12 s",
                    "mean " + f.get(s + ".detectMean") + " s, max " + f.get(s + ".detectMax") + " s ("
                            + f.get(s + ".detected") + " of " + f.get(s + ".failing") + " seen DOWN)",
                    num(f, s + ".detectMean") <= 6
                            && num(f, s + ".detectMax") <= 12
                            && f.get(s + ".detected").equals(f.get(s + ".failing")));
            row(
                    sb,
                    "while " + s + " is probed",
                    "ack of `/health list` and `/health check`, 200 commands",
                    "p99 ≤ 300 ms",
                    "p99 " + f.get(s + ".ackP99") + " ms (p50 " + f.get(s + ".ackP50") + ", max " + f.get(s + ".ackMax")
                            + ")",
                    num(f, s + ".ackP99") <= 300);
        }
        if (f.containsKey("start.worst")) {
            row(
                    sb,
                    "10,000 servers in the database",
                    "start to connected and scheduled",
                    "≤ 5 s",
                    "worst " + f.get("start.worst") + " ms (with the servers file " + f.get("start.withFile")
                            + ", without " + f.get("start.withoutFile") + ")",
                    num(f, "start.worst") <= 5000);
        }
        if (f.containsKey("storm.delivered")) {
            row(
                    sb,
                    "1,000 servers down at once, 3 channels",
                    "outages delivered; posts per second per channel; 429s",
                    "all; ≤ 1; none",
                    f.get("storm.delivered") + " of " + STORM_SERVERS + "; at most " + f.get("storm.maxPerSecond")
                            + " in any 1 s (min gap " + f.get("storm.minGapMs") + " ms); " + f.get("storm.429")
                            + " HTTP 429; last post " + f.get("storm.lastS") + " s after the failure",
                    num(f, "storm.delivered") == STORM_SERVERS
                            && num(f, "storm.maxPerSecond") <= 1
                            && num(f, "storm.429") == 0);
        }
        if (f.containsKey("size.fullMb")) {
            row(
                    sb,
                    "10,000 servers, 24 h of checks",
                    "database size",
                    "≤ 200 MB",
                    f.get("size.fullMb") + " MB (" + f.get("size.fullRows") + " results kept, " + f.get("size.changes")
                            + " status changes)",
                    num(f, "size.fullMb") <= 200);
        }
        sb.append("\nOther figures from the same run (for `http` and `mixed`, of the run with the median CPU;"
                + " `…Runs` lists every run's, in order):\n\n| figure | value |\n|---|---|\n");
        for (var e : f.entrySet()) {
            if (e.getKey().endsWith(EXACT)) {
                continue;
            }
            sb.append("| `")
                    .append(e.getKey())
                    .append("` | ")
                    .append(e.getValue())
                    .append(" |\n");
        }
        for (String n : notes) {
            sb.append('\n').append(n).append('\n');
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, String w, String what, String target, String value, boolean ok) {
        sb.append("| ")
                .append(w)
                .append(" | ")
                .append(what)
                .append(" | ")
                .append(target)
                .append(" | ")
                .append(value)
                .append(" | ")
                .append(ok ? "met" : "**missed**")
                .append(" |\n");
    }

    /**
     * A figure that a verdict is taken on: shown rounded, kept whole under {@code <key>Exact} so that
     * rounding never turns a miss into "met" (0.3532 shows as 0.353 and misses 0.35).
     */
    void exact(String key, double value, int decimals) {
        figures.put(key, String.format(Locale.ROOT, "%." + decimals + "f", value));
        figures.put(key + EXACT, Double.toString(value));
    }

    /** A figure as a number for a verdict: its unrounded value when it has one. */
    private static double num(Map<String, String> f, String key) {
        try {
            return Double.parseDouble(f.getOrDefault(key + EXACT, f.getOrDefault(key, "NaN")));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String memTotal() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024 / 1024 + " GB RAM";
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return "RAM unknown";
    }

    // ---------------------------------------------------------------- small helpers

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void awaitFile(Path file, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no " + file + " within " + timeout);
            }
            LockSupport.parkNanos(20_000_000);
        }
    }

    private static void park(Duration d) {
        long deadline = System.nanoTime() + d.toNanos();
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }

    private static long percentile(List<Long> xs, double p) {
        if (xs.isEmpty()) {
            return -1;
        }
        List<Long> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(Math.min(s.size() - 1, (int) Math.ceil(p * s.size()) - 1));
    }

    private static double mean(List<Long> xs) {
        return xs.stream().mapToLong(Long::longValue).average().orElse(Double.NaN);
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.2f", d);
    }

    private static void log(String s) {
        System.out.println(Instant.now() + " " + s);
    }
}
