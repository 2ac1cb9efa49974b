package dev.healthbot.serversfile;

import dev.healthbot.monitor.Durations;
import dev.healthbot.monitor.Environment;
import dev.healthbot.monitor.Field;
import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.MonitorDraft;
import dev.healthbot.monitor.MonitorSettings;
import dev.healthbot.monitor.MonitorValidator;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads and writes the YAML servers file: a top-level {@code servers:} list whose entries use the
 * same settings as the modal. Pure apart from reading the file; thread-safe.
 */
public final class ServersFile {

    /** The keys of one entry and the field each one fills. */
    static final Map<String, Field> KEYS = Map.ofEntries(
            Map.entry("name", Field.NAME),
            Map.entry("url", Field.URL),
            Map.entry("environment", Field.ENVIRONMENT),
            Map.entry("interval", Field.INTERVAL),
            Map.entry("timeout", Field.TIMEOUT),
            Map.entry("expected_status", Field.EXPECTED_STATUS),
            Map.entry("failures_before_down", Field.FAILURES_BEFORE_DOWN),
            Map.entry("successes_before_up", Field.SUCCESSES_BEFORE_UP),
            Map.entry("alerts", Field.ALERTS),
            Map.entry("expect_body", Field.EXPECT_BODY),
            Map.entry("expect_body_not", Field.EXPECT_BODY_NOT),
            Map.entry("expect_json", Field.EXPECT_JSON),
            Map.entry("latency_max", Field.LATENCY_MAX),
            Map.entry("method", Field.METHOD),
            Map.entry("body", Field.BODY),
            Map.entry("content_type", Field.CONTENT_TYPE),
            Map.entry("headers", Field.HEADERS),
            Map.entry("tls_verify", Field.TLS_VERIFY),
            Map.entry("follow_redirects", Field.FOLLOW_REDIRECTS),
            Map.entry("tls_expiry", Field.TLS_EXPIRY));

    /**
     * The most a servers file may hold: 64 Mi characters (bytes, on disk), about 400,000 servers (a
     * server takes some 150). Above it the file is refused with that reason, not called invalid.
     */
    public static final int MAX_CHARACTERS = 64 * 1024 * 1024;

    static final String TOO_LARGE = "is larger than " + MAX_CHARACTERS / (1024 * 1024)
            + " MiB, the most a servers file may hold (about 400,000 servers); split it or"
            + " keep the servers in the database";

    /**
     * The keys of a heartbeat's entry ({@code kind: heartbeat}) beyond {@link #KEYS}: its period and
     * grace (the {@code interval} and {@code timeout} fields of a URL check).
     */
    static final Map<String, Field> HEARTBEAT_KEYS =
            Map.of("kind", Field.URL, "period", Field.INTERVAL, "grace", Field.TIMEOUT);

    private ServersFile() {}

    /**
     * A planned maintenance window listed in the file's {@code maintenance:} section; the target (a server,
     * {@code DEV}, {@code STAGE}, {@code LIVE} or {@code all}) is resolved when the file is applied.
     *
     * @param line the entry's line, for messages
     */
    public record PlannedWindow(String target, Instant start, Instant end, String reason, int line) {}

    /** The longest window the file may plan, as the command allows. */
    static final Duration MAX_WINDOW = Duration.ofDays(31);

    static final int MAX_REASON = 500;

    /** Reads and validates the file's servers; see {@link #load}. */
    public static List<MonitorSettings> read(Path file) {
        return readAll(file).servers();
    }

    /** Parses and validates servers-file text; {@code name} is used in messages. */
    public static List<MonitorSettings> parse(String name, Reader reader) {
        return parseAll(name, reader).servers();
    }

    /**
     * What a servers file holds: its servers, the error sources of its {@code errors:} section and the planned
     * windows of its {@code maintenance:} section.
     *
     * @param errorSources in file order, names unique ignoring case
     */
    public record Contents(
            List<MonitorSettings> servers, List<ErrorSourceEntry> errorSources, List<PlannedWindow> maintenance) {
        public Contents {
            servers = List.copyOf(servers);
            errorSources = List.copyOf(errorSources);
            maintenance = List.copyOf(maintenance);
        }
    }

    /**
     * One entry of the {@code errors:} section: an app that reports errors, by name, in an environment (LIVE when not
     * given, as {@code /health errors add}). Its key is never in the file: the bot makes it.
     */
    public record ErrorSourceEntry(String name, Environment environment, int line) {}

    /** Reads and validates the whole file; the same as {@link #readAll}. */
    public static Contents load(Path file) {
        return readAll(file);
    }

    /**
     * Reads and validates the whole file (servers, error sources, maintenance windows); throws {@link
     * ServersFileException} naming each line and field at fault.
     */
    public static Contents readAll(Path file) {
        String text;
        try {
            if (Files.size(file) > MAX_CHARACTERS) {
                throw new ServersFileException(file.toString(), List.of(TOO_LARGE));
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ServersFileException(
                    file.toString(), List.of("cannot be read (" + e.getClass().getSimpleName() + ")"));
        }
        return parseAll(file.toString(), new StringReader(text));
    }

    /** Parses and validates servers-file text with its {@code errors:} and {@code maintenance:} sections; {@code name} is used in messages. */
    public static Contents parseAll(String name, Reader reader) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        // SnakeYAML's default (3 MiB, some 20,000 servers) refused big inventories as "not valid YAML".
        options.setCodePointLimit(MAX_CHARACTERS);
        Node root;
        try {
            root = new Yaml(new SafeConstructor(options)).compose(reader);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new ServersFileException(name, List.of("line " + line + ": not valid YAML (" + e.getProblem() + ")"));
        } catch (RuntimeException e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("exceeds the limit")) {
                throw new ServersFileException(name, List.of(TOO_LARGE));
            }
            throw new ServersFileException(name, List.of("not valid YAML"));
        }
        if (root == null) {
            return new Contents(List.of(), List.of(), List.of());
        }
        List<String> problems = new ArrayList<>();
        if (!(root instanceof MappingNode top)) {
            throw new ServersFileException(name, List.of("line " + line(root) + ": expected `servers:` with a list"));
        }
        SequenceNode servers = null;
        SequenceNode errorSection = null;
        List<PlannedWindow> windows = List.of();
        for (NodeTuple t : top.getValue()) {
            String key = scalar(t.getKeyNode());
            if ("servers".equals(key) && t.getValueNode() instanceof SequenceNode seq) {
                servers = seq;
            } else if ("errors".equals(key) && t.getValueNode() instanceof SequenceNode seq) {
                errorSection = seq;
            } else if ("maintenance".equals(key) && t.getValueNode() instanceof SequenceNode seq) {
                windows = maintenance(seq, problems);
            } else if (("servers".equals(key) || "errors".equals(key) || "maintenance".equals(key))
                    && isNull(t.getValueNode())) {
                continue;
            } else {
                problems.add("line " + line(t.getKeyNode()) + ": unknown key `" + key
                        + "` (expected `servers:`, `errors:` and `maintenance:`, each with a list)");
            }
        }
        if (!problems.isEmpty()) {
            throw new ServersFileException(name, problems);
        }
        List<ErrorSourceEntry> sources = errorSection == null ? List.of() : errorSources(errorSection, problems);
        if (servers == null) {
            if (!problems.isEmpty()) {
                throw new ServersFileException(name, problems);
            }
            return new Contents(List.of(), sources, windows);
        }
        List<MonitorSettings> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Node entry : servers.getValue()) {
            if (!(entry instanceof MappingNode map)) {
                problems.add("line " + line(entry) + ": each server is a mapping with name, url, ...");
                continue;
            }
            Map<String, String> values = new HashMap<>();
            Map<Field, Integer> lines = new HashMap<>();
            for (NodeTuple t : map.getValue()) {
                String key = scalar(t.getKeyNode());
                if ("key".equalsIgnoreCase(key) || "ping_key".equalsIgnoreCase(key)) {
                    // A key in a file is a secret in a file, and the same key in every copy of it.
                    problems.add("line " + line(t.getKeyNode()) + ": a heartbeat's key is never in the file: the bot"
                            + " generates it, and `/health edit <name>` shows its ping URL");
                    continue;
                }
                Field f = key == null
                        ? null
                        : KEYS.getOrDefault(
                                key.toLowerCase(Locale.ROOT), HEARTBEAT_KEYS.get(key.toLowerCase(Locale.ROOT)));
                if (f == null) {
                    problems.add("line " + line(t.getKeyNode()) + ": unknown field `" + key + "`; fields are "
                            + String.join(", ", KEYS.keySet().stream().sorted().toList())
                            + "; a heartbeat: name, kind: heartbeat, period, grace, environment, alerts");
                    continue;
                }
                String value = f == Field.HEADERS ? lines(t.getValueNode()) : scalar(t.getValueNode());
                if (value == null) {
                    problems.add("line " + line(t.getValueNode()) + ": field `" + key + "` needs a single value");
                    continue;
                }
                values.put(key.toLowerCase(Locale.ROOT), value);
                lines.put(f, line(t.getKeyNode()));
            }
            String kind = values.getOrDefault("kind", "url").strip().toLowerCase(Locale.ROOT);
            boolean heartbeat = kind.equals("heartbeat");
            if (!heartbeat && !kind.equals("url")) {
                problems.add("line " + lines.getOrDefault(Field.URL, line(entry)) + ": kind: must be url or heartbeat");
                continue;
            }
            String misplaced =
                    heartbeat ? firstOf(values, "url", "interval", "timeout") : firstOf(values, "period", "grace");
            if (misplaced != null) {
                problems.add("line " + line(entry) + ": " + misplaced + ": "
                        + (heartbeat
                                ? "a heartbeat has no " + misplaced + " (it takes period and grace)"
                                : "period and grace are for `kind: heartbeat`"));
                continue;
            }
            MonitorDraft draft = new MonitorDraft(
                    values.get("name"),
                    heartbeat ? "heartbeat" : values.get("url"),
                    values.get("environment"),
                    heartbeat ? values.get("period") : values.get("interval"),
                    heartbeat ? values.get("grace") : values.get("timeout"),
                    values.get("expected_status"),
                    values.get("failures_before_down"),
                    values.get("successes_before_up"),
                    values.get("alerts"),
                    more(values));
            MonitorValidator.Result result = MonitorValidator.validate(draft);
            if (!result.valid()) {
                result.errors()
                        .forEach((f, message) -> problems.add(
                                "line " + lines.getOrDefault(f, line(entry)) + ": " + key(f) + ": " + message));
                continue;
            }
            if (!names.add(result.settings().name().toLowerCase(Locale.ROOT))) {
                problems.add("line " + lines.get(Field.NAME) + ": name: "
                        + result.settings().name() + " is listed twice");
                continue;
            }
            out.add(result.settings());
        }
        if (!problems.isEmpty()) {
            throw new ServersFileException(name, problems);
        }
        return new Contents(out, sources, windows);
    }

    /** The fields of an {@code errors:} entry. */
    static final List<String> ERROR_KEYS = List.of("name", "environment");

    /** The names an error source may have, as {@code /health errors add} takes them. */
    static final Pattern SOURCE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,59}");

    /** Reads the {@code errors:} list, adding what is wrong with it to {@code problems}. */
    private static List<ErrorSourceEntry> errorSources(SequenceNode section, List<String> problems) {
        List<ErrorSourceEntry> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Node entry : section.getValue()) {
            if (!(entry instanceof MappingNode map)) {
                problems.add("line " + line(entry) + ": each error source is a mapping with name and environment");
                continue;
            }
            Map<String, String> values = new HashMap<>();
            boolean bad = false;
            for (NodeTuple t : map.getValue()) {
                String key = scalar(t.getKeyNode());
                String k = key == null ? "" : key.toLowerCase(Locale.ROOT);
                if (k.equals("key") || k.equals("api_key") || k.equals("dsn")) {
                    problems.add("line " + line(t.getKeyNode()) + ": an error source's key is never in the file:"
                            + " the bot generates it, and `/health errors show <name>` shows it with the DSN");
                    bad = true;
                } else if (!ERROR_KEYS.contains(k)) {
                    problems.add("line " + line(t.getKeyNode()) + ": unknown field `" + key
                            + "`; an error source has name and environment");
                    bad = true;
                } else if (scalar(t.getValueNode()) == null) {
                    problems.add("line " + line(t.getValueNode()) + ": field `" + key + "` needs a single value");
                    bad = true;
                } else {
                    values.put(k, scalar(t.getValueNode()).strip());
                }
            }
            if (bad) {
                continue;
            }
            String sourceName = values.get("name");
            if (sourceName == null || !SOURCE_NAME.matcher(sourceName).matches()) {
                problems.add("line " + line(entry) + ": name: an error source's name is 1 to 60 letters, digits, dots,"
                        + " dashes or underscores, starting with a letter or digit");
                continue;
            }
            Environment env = Environment.LIVE;
            if (values.containsKey("environment")) {
                Optional<Environment> parsed = Environment.parse(values.get("environment"));
                if (parsed.isEmpty()) {
                    problems.add("line " + line(entry) + ": environment: must be DEV, STAGE or LIVE");
                    continue;
                }
                env = parsed.get();
            }
            if (!names.add(sourceName.toLowerCase(Locale.ROOT))) {
                problems.add("line " + line(entry) + ": name: error source " + sourceName + " is listed twice");
                continue;
            }
            out.add(new ErrorSourceEntry(sourceName, env, line(entry)));
        }
        return out;
    }

    /** The keys of a {@code maintenance:} entry. */
    static final List<String> WINDOW_KEYS = List.of("target", "start", "end", "duration", "reason");

    /**
     * Reads the {@code maintenance:} entries: a target, a start, and an end or a duration, with an optional reason.
     * Times are ISO date-times; one without an offset is read in UTC.
     */
    private static List<PlannedWindow> maintenance(SequenceNode entries, List<String> problems) {
        List<PlannedWindow> out = new ArrayList<>();
        for (Node entry : entries.getValue()) {
            int at = line(entry);
            if (!(entry instanceof MappingNode map)) {
                problems.add("line " + at + ": each maintenance window is a mapping with target, start, end or"
                        + " duration, reason");
                continue;
            }
            Map<String, String> values = new HashMap<>();
            Map<String, Integer> lines = new HashMap<>();
            int before = problems.size();
            for (NodeTuple t : map.getValue()) {
                String key = scalar(t.getKeyNode());
                String k = key == null ? "" : key.toLowerCase(Locale.ROOT);
                if (!WINDOW_KEYS.contains(k)) {
                    problems.add("line " + line(t.getKeyNode()) + ": unknown field `" + key
                            + "` of a maintenance window; fields are " + String.join(", ", WINDOW_KEYS));
                    continue;
                }
                String value = scalar(t.getValueNode());
                if (value == null || value.isBlank()) {
                    problems.add("line " + line(t.getValueNode()) + ": field `" + k + "` needs a single value");
                    continue;
                }
                values.put(k, value.strip());
                lines.put(k, line(t.getKeyNode()));
            }
            if (problems.size() > before) {
                continue;
            }
            if (!values.containsKey("target")) {
                problems.add("line " + at + ": target: a server, DEV, STAGE, LIVE or all is needed");
                continue;
            }
            if (!values.containsKey("start")) {
                problems.add("line " + at + ": start: when the window starts is needed, like 2026-12-24T08:00Z");
                continue;
            }
            if (values.containsKey("end") == values.containsKey("duration")) {
                problems.add("line " + at + ": a window has either end: or duration:, not "
                        + (values.containsKey("end") ? "both" : "neither"));
                continue;
            }
            Instant start = instant(values.get("start"));
            if (start == null) {
                problems.add("line " + lines.get("start") + ": start: looks like 2026-12-24T08:00Z, not "
                        + values.get("start"));
                continue;
            }
            Instant end;
            if (values.containsKey("end")) {
                end = instant(values.get("end"));
                if (end == null) {
                    problems.add("line " + lines.get("end") + ": end: looks like 2026-12-24T10:00Z, not "
                            + values.get("end"));
                    continue;
                }
            } else {
                Duration d;
                try {
                    d = Durations.parse(values.get("duration"));
                } catch (IllegalArgumentException e) {
                    problems.add("line " + lines.get("duration") + ": duration: " + e.getMessage());
                    continue;
                }
                if (d.compareTo(Duration.ofMinutes(1)) < 0) {
                    problems.add("line " + lines.get("duration") + ": duration: a window lasts at least 1m");
                    continue;
                }
                end = start.plus(d);
            }
            if (!end.isAfter(start)) {
                problems.add("line " + at + ": a window must end after it starts");
                continue;
            }
            if (Duration.between(start, end).compareTo(MAX_WINDOW) > 0) {
                problems.add("line " + at + ": a window lasts at most 31 days");
                continue;
            }
            String reason = values.getOrDefault("reason", "");
            if (reason.length() > MAX_REASON) {
                problems.add("line " + lines.get("reason") + ": reason: at most " + MAX_REASON + " characters");
                continue;
            }
            out.add(new PlannedWindow(values.get("target"), start, end, reason, at));
        }
        return List.copyOf(out);
    }

    /** An ISO date-time, with an offset or in UTC; null when it is not one. */
    private static Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeException e2) {
                return null;
            }
        }
    }

    private static String firstOf(Map<String, String> values, String... keys) {
        for (String k : keys) {
            if (values.containsKey(k)) {
                return k;
            }
        }
        return null;
    }

    /**
     * Writes servers as servers-file YAML; credentials in URLs are masked, so a file must be completed by hand.
     * A heartbeat is written without its key (the bot keeps it; a file never carries one).
     */
    public static String render(List<Monitor> monitors) {
        return render(monitors, List.of());
    }

    /** An error source as an export shows it: its key masked, in a comment (a file never carries a key). */
    public record ExportedSource(String name, Environment environment, String maskedKey) {}

    /**
     * Writes servers and, when there are any, an {@code errors:} section of error sources (name and environment; the
     * masked key only as a comment).
     */
    public static String render(List<Monitor> monitors, List<ExportedSource> sources) {
        String servers = renderServers(monitors);
        if (sources.isEmpty()) {
            return servers;
        }
        StringBuilder out = new StringBuilder(servers);
        out.append("# Error sources: keys are never in the file (masked below as comments); the bot keeps them.\n");
        out.append("errors:\n");
        for (ExportedSource s : sources) {
            out.append("  - name: ").append(quote(s.name())).append('\n');
            out.append("    environment: ").append(s.environment()).append('\n');
            out.append("    # key: ").append(s.maskedKey()).append('\n');
        }
        return out.toString();
    }

    private static String renderServers(List<Monitor> monitors) {
        StringBuilder out = new StringBuilder();
        out.append("# healthbot servers file (HEALTHBOT_SERVERS_FILE). Credentials in URLs and header values are\n");
        out.append("# masked as ***:\n");
        out.append("# put them back before using this file.\n");
        out.append("servers:");
        if (monitors.isEmpty()) {
            out.append(" []\n");
            return out.toString();
        }
        out.append('\n');
        for (Monitor m : monitors) {
            MonitorSettings s = m.settings();
            out.append("  - name: ").append(quote(s.name())).append('\n');
            if (s.heartbeat()) {
                out.append("    kind: heartbeat\n");
                out.append("    environment: ").append(s.environment()).append('\n');
                out.append("    period: ").append(Durations.format(s.period())).append('\n');
                out.append("    grace: ").append(Durations.format(s.grace())).append('\n');
                out.append("    failures_before_down: ")
                        .append(s.thresholds().failuresBeforeDown())
                        .append('\n');
                out.append("    successes_before_up: ")
                        .append(s.thresholds().successesBeforeUp())
                        .append('\n');
                out.append("    alerts: ").append(s.alertsEnabled()).append('\n');
                continue;
            }
            out.append("    url: ").append(quote(s.target().masked())).append('\n');
            out.append("    environment: ").append(s.environment()).append('\n');
            out.append("    interval: ").append(Durations.format(s.interval())).append('\n');
            out.append("    timeout: ").append(Durations.format(s.timeout())).append('\n');
            out.append("    expected_status: ")
                    .append(quote(s.expectedStatus().toString()))
                    .append('\n');
            out.append("    failures_before_down: ")
                    .append(s.thresholds().failuresBeforeDown())
                    .append('\n');
            out.append("    successes_before_up: ")
                    .append(s.thresholds().successesBeforeUp())
                    .append('\n');
            out.append("    alerts: ").append(s.alertsEnabled()).append('\n');
            // header values are secrets: masked like the URL's credentials
            MonitorDraft.shown(s.options()).forEach((f, v) -> {
                out.append("    ").append(key(f)).append(":");
                if (f == Field.HEADERS) {
                    v.lines().forEach(h -> out.append("\n      - ").append(quote(h)));
                } else {
                    out.append(' ').append(quote(v));
                }
                out.append('\n');
            });
        }
        return out.toString();
    }

    /** The further settings (assertions, ...) among an entry's values, keyed by field. */
    private static Map<Field, String> more(Map<String, String> values) {
        Map<Field, String> more = new EnumMap<>(Field.class);
        for (Field f : MonitorDraft.MORE) {
            more.put(f, values.get(key(f)));
        }
        return more;
    }

    private static String key(Field f) {
        return KEYS.entrySet().stream()
                .filter(e -> e.getValue() == f)
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(f.label());
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** A list of scalars (or one scalar) as lines; null when it is anything else. */
    private static String lines(Node n) {
        if (n instanceof SequenceNode seq) {
            List<String> items = new ArrayList<>();
            for (Node item : seq.getValue()) {
                String v = scalar(item);
                if (v == null) {
                    return null;
                }
                items.add(v);
            }
            return String.join("\n", items);
        }
        return scalar(n);
    }

    private static String scalar(Node n) {
        return n instanceof ScalarNode s ? s.getValue() : null;
    }

    private static boolean isNull(Node n) {
        return n instanceof ScalarNode s
                && (s.getValue().isEmpty()
                        || s.getValue().equals("null")
                        || s.getValue().equals("~"));
    }

    private static int line(Node n) {
        return n.getStartMark() == null ? 0 : n.getStartMark().getLine() + 1;
    }
}
