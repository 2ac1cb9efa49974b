package dev.healthbot.slack.command;

import dev.healthbot.monitor.Field;
import dev.healthbot.monitor.HeartbeatService;
import dev.healthbot.monitor.MonitorDraft;
import dev.healthbot.monitor.MonitorService;
import dev.healthbot.monitor.MonitorService.EditResult;
import dev.healthbot.monitor.Origin;
import dev.healthbot.slack.Access;
import dev.healthbot.slack.view.BlockKit;
import dev.healthbot.slack.view.HeartbeatReplies;
import dev.healthbot.slack.view.PingUrls;
import dev.healthbot.slack.view.Reply;
import dev.healthbot.slack.view.ServerModal;
import dev.healthbot.slack.view.ServerReplies;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** {@code /health add}: opens the modal, or registers at once from arguments. */
public final class AddCommand implements Subcommand {

    /** The options that fill the further settings, each with its field. */
    static final Map<String, Field> MORE = Map.ofEntries(
            Map.entry("method", Field.METHOD),
            Map.entry("body", Field.BODY),
            Map.entry("content_type", Field.CONTENT_TYPE),
            Map.entry("header", Field.HEADERS),
            Map.entry("tls_verify", Field.TLS_VERIFY),
            Map.entry("expect_body", Field.EXPECT_BODY),
            Map.entry("expect_body_not", Field.EXPECT_BODY_NOT),
            Map.entry("expect_json", Field.EXPECT_JSON),
            Map.entry("follow_redirects", Field.FOLLOW_REDIRECTS),
            Map.entry("latency_max", Field.LATENCY_MAX),
            Map.entry("tls_expiry", Field.TLS_EXPIRY));

    /** Options whose value may hold spaces: it runs on to the next option. */
    static final Set<String> TEXT =
            Set.of("expect_body", "expect_body_not", "expect_json", "body", "content_type", "header");

    static final Set<String> OPTIONS =
            union(Set.of("env", "every", "timeout", "grace", "expect", "failures", "successes"));

    /** The options a heartbeat takes. */
    static final Set<String> HEARTBEAT_OPTIONS = Set.of("env", "every", "grace", "failures", "successes");

    private final MonitorService monitors;
    private final HeartbeatService heartbeats;
    private final Supplier<PingUrls> urls;

    public AddCommand(MonitorService monitors, HeartbeatService heartbeats, Supplier<PingUrls> urls) {
        this.monitors = monitors;
        this.heartbeats = heartbeats;
        this.urls = urls;
    }

    @Override
    public String name() {
        return "add";
    }

    @Override
    public Access access() {
        return Access.CHANGE;
    }

    @Override
    public String usage() {
        return "/health add [<name> <url> env=DEV|STAGE|LIVE every=60s timeout=5s expect_json=$.status == \"UP\"]"
                + " or /health add <name> heartbeat every=1h grace=5m [env=...]";
    }

    @Override
    public String summary() {
        return "register a server (no arguments opens a form)";
    }

    @Override
    public Reply handle(CommandRequest request) {
        if (request.args().isEmpty()) {
            request.later().openModal(ServerModal.add());
            return Reply.text("Opening the form…");
        }
        Args args = Args.parse(request.args(), OPTIONS, TEXT);
        for (String key : args.options().keySet()) {
            if (!OPTIONS.contains(key)) {
                return Reply.text(":warning: Unknown option " + BlockKit.code(BlockKit.cut(key, 30))
                        + ". Options are env=, every=, timeout=, expect=, failures=, successes=, "
                        + "method=, body=, content_type=, header=, tls_verify=, follow_redirects=, "
                        + "expect_body=, expect_body_not=, expect_json=, latency_max=, tls_expiry=; "
                        + "for a heartbeat every=, grace=.");
            }
        }
        if (args.words().size() != 2) {
            return Reply.text(":warning: Usage: `" + usage() + "`. Both a name and a URL (or `heartbeat`) are needed.");
        }
        boolean heartbeat = args.words().get(1).equalsIgnoreCase("heartbeat");
        if (heartbeat) {
            for (String key : args.options().keySet()) {
                if (!HEARTBEAT_OPTIONS.contains(key)) {
                    return Reply.text(":warning: A heartbeat is pinged, not probed: " + BlockKit.code(key + "=")
                            + " does not apply. It takes every=, grace=, env=, failures= and successes=.");
                }
            }
            MonitorDraft draft = heartbeatDraft(args.words().get(0), args.options());
            EditResult outcome = monitors.register(draft, Origin.SLACK, request.userId());
            if (outcome instanceof EditResult.Saved saved) {
                return HeartbeatReplies.pingUrl(heartbeats.view(saved.monitor()), urls.get(), "registered");
            }
            return ServerReplies.refused(outcome);
        }
        if (args.options().containsKey("grace")) {
            return Reply.text(
                    ":warning: `grace=` is for heartbeats: `/health add <name> heartbeat every=1h grace=5m`.");
        }
        MonitorDraft draft = draft(args.words().get(0), args.words().get(1), args.options());
        return ServerReplies.saved(monitors.register(draft, Origin.SLACK, request.userId()), "registered");
    }

    /** A heartbeat's draft: its period is the interval, its grace the timeout. */
    static MonitorDraft heartbeatDraft(String name, Map<String, String> options) {
        return new MonitorDraft(
                name,
                "heartbeat",
                options.get("env"),
                options.get("every"),
                options.get("grace"),
                null,
                options.get("failures"),
                options.get("successes"),
                null);
    }

    static MonitorDraft draft(String name, String url, Map<String, String> options) {
        Map<String, String> o = new HashMap<>(options);
        return new MonitorDraft(
                name,
                url,
                o.get("env"),
                o.get("every"),
                o.get("timeout"),
                o.get("expect"),
                o.get("failures"),
                o.get("successes"),
                null,
                more(options));
    }

    /** The further settings among the options; quotes around a body text are not part of it. */
    static Map<Field, String> more(Map<String, String> options) {
        Map<Field, String> more = new EnumMap<>(Field.class);
        MORE.forEach((key, field) -> {
            String v = options.get(key);
            if (v != null
                    && v.length() >= 2
                    && v.startsWith("\"")
                    && v.endsWith("\"")
                    && (field == Field.EXPECT_BODY || field == Field.EXPECT_BODY_NOT)) {
                v = v.substring(1, v.length() - 1);
            }
            more.put(field, v);
        });
        return more;
    }

    private static Set<String> union(Set<String> basic) {
        Set<String> all = new HashSet<>(basic);
        all.addAll(MORE.keySet());
        return Set.copyOf(all);
    }
}
