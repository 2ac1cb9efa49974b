package dev.healthbot;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.healthbot.fakeslack.Ack;
import dev.healthbot.fakeslack.FakeDirectory;
import dev.healthbot.fakeslack.FakeSlack;
import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.MonitorDraft;
import dev.healthbot.monitor.MonitorService;
import dev.healthbot.monitor.MonitorValidator;
import dev.healthbot.monitor.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Throws thousands of generated inputs at the real bot through the fake Slack, and a barrage of malformed envelopes
 * at its socket. The generator is seeded ({@code -Dfuzz.seed=...}, {@code -Dfuzz.cases=...}) so a failure replays.
 */
class BadInputIT extends BotFixture {

    static final long SEED = Long.getLong("fuzz.seed", 20261122L);
    static final int CASES = Integer.getInteger("fuzz.cases", 2400);
    static final int IN_FLIGHT = 8;
    static final String ADMIN = FakeSlack.DEFAULT_USER_ID;
    static final String OTHER_ADMIN = "U0ADMIN99";
    /** A full member who is not among the admins. */
    static final String MEMBER = "U0MEMBER1";
    /** Guests (multi- and single-channel) and people of another organisation: they get nothing but the help. */
    static final List<String> OUTSIDERS = List.of("U0GUEST01", "U0GUEST02", "U0EXTERN1", "W0STRANGE");

    static final String NOT_A_MEMBER = "for members of this workspace only";
    static final String EDIT_TARGET = "fe-target";

    /** What users may not make the bot say, unless the bot itself put it there (an admin mention). */
    static final List<String> FORBIDDEN = List.of("<!channel", "<!here", "<!everyone", "<@", "<#", "<!subteam");

    static final String HUGE = "x".repeat(100 * 1024);

    /** One generated input and what must come of it. */
    private record Case(
            int index, String kind, Supplier<CompletableFuture<Ack>> send, String savesName, String input) {}

    @Test
    void thousandsOfGeneratedInputsAreAnsweredClearlyAndNothingInvalidIsSavedOrMentioned() throws Exception {
        h = new BotHarness(dir);
        h.env.put("HEALTHBOT_ADMINS", ADMIN + "," + OTHER_ADMIN);
        h.slack
                .directory()
                .set(MEMBER, FakeDirectory.Person.MEMBER)
                .set(OUTSIDERS.get(0), FakeDirectory.Person.GUEST)
                .set(OUTSIDERS.get(1), FakeDirectory.Person.SINGLE_CHANNEL_GUEST)
                .set(OUTSIDERS.get(2), FakeDirectory.Person.EXTERNAL)
                .set(OUTSIDERS.get(3), FakeDirectory.Person.STRANGER);
        h.start();
        Ack seeded = h.command("add " + EDIT_TARGET + " " + target.url("/edit") + " every=1h");
        assertThat(seeded.text()).contains("registered");

        Random random = new Random(SEED);
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            cases.add(generate(i, random));
        }

        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        Map<Integer, Ack> acks = new java.util.concurrent.ConcurrentHashMap<>();
        Semaphore window = new Semaphore(IN_FLIGHT);
        List<CompletableFuture<?>> all = new ArrayList<>();
        long started = System.nanoTime();
        for (Case c : cases) {
            window.acquire();
            CompletableFuture<Ack> f;
            try {
                f = c.send().get();
            } catch (RuntimeException e) {
                window.release();
                throw e;
            }
            all.add(f.whenComplete((ack, error) -> {
                window.release();
                if (error != null) {
                    failures.add(describe(c) + ": no ack: " + error);
                    return;
                }
                acks.put(c.index(), ack);
                String problem = judge(c, ack);
                if (problem != null) {
                    failures.add(describe(c) + ": " + problem);
                }
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        long sentMs = (System.nanoTime() - started) / 1_000_000;

        // Later answers (response_url posts, notices, opened forms) finish within a few seconds of the last ack.
        Set<String> predicted = cases.stream()
                .map(Case::savesName)
                .filter(n -> n != null)
                .map(n -> n.toLowerCase(Locale.ROOT))
                .collect(Collectors.toCollection(HashSet::new));
        long submittedOk = cases.stream()
                .filter(c -> c.kind().startsWith("modal") && c.savesName() != null)
                .count();
        awaitNotices(submittedOk);
        long clicks = cases.stream().filter(c -> c.kind().startsWith("click")).count();
        awaitResponseUrlPosts(clicks);
        long totalMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(failures).as("inputs answered badly (seed %d)", SEED).isEmpty();

        // Nothing invalid saved: every server passes validation, and exactly the valid adds were saved.
        List<MonitorService.Entry> saved = h.bot.monitors().list();
        for (MonitorService.Entry e : saved) {
            Monitor m = e.monitor();
            assertThat(MonitorValidator.validate(MonitorDraft.from(m.settings()))
                            .valid())
                    .as("saved server %s is valid", m.name())
                    .isTrue();
        }
        Set<String> savedAdds = saved.stream()
                .map(e -> e.monitor().name().toLowerCase(Locale.ROOT))
                .filter(n -> !n.startsWith("fe-"))
                .collect(Collectors.toSet());
        assertThat(savedAdds).as("servers saved vs valid adds (seed %d)", SEED).isEqualTo(predicted);
        assertThat(saved.stream().filter(e -> e.monitor().name().startsWith("fe-")))
                .as("the edit target survives edits, renamed or not")
                .hasSize(1);

        List<String> mentions = mentionsFromInput(h.slack, List.of("<@" + ADMIN + ">", "<@" + OTHER_ADMIN + ">"));
        assertThat(mentions).as("mentions the bot was made to post").isEmpty();
        assertThat(logs.problems()).as("errors and exceptions logged").isEmpty();
        h.slack.assertNoViolations();

        long maxAckMs = acks.values().stream()
                .mapToLong(a -> a.elapsed().toMillis())
                .max()
                .orElse(0);
        double meanAckMs = acks.values().stream()
                .mapToLong(a -> a.elapsed().toMillis())
                .average()
                .orElse(0);
        Map<String, Long> byKind = cases.stream()
                .collect(Collectors.groupingBy(Case::kind, java.util.TreeMap::new, Collectors.counting()));
        System.out.printf(
                Locale.ROOT,
                "bad-input seed=%d cases=%d kinds=%s validAdds=%d saved=%d sendMs=%d totalMs=%d meanAckMs=%.1f maxAckMs=%d%n",
                SEED,
                cases.size(),
                byKind,
                predicted.size(),
                savedAdds.size(),
                sentMs,
                totalMs,
                meanAckMs,
                maxAckMs);
    }

    @Test
    void malformedEnvelopesAreLoggedAndAckedAndTheSocketKeepsAnswering() throws Exception {
        h = new BotHarness(dir).start();
        int socketsBefore = h.slack.connectionsOpenedTotal();
        List<CompletableFuture<Ack>> acked = new ArrayList<>();
        for (int round = 0; round < 20; round++) {
            h.slack.sendRaw("this is not json " + round);
            h.slack.sendRaw("{\"envelope_id\": \"broken");
            h.slack.sendRaw("[1, 2, 3]");
            h.slack.sendRaw("42");
            h.slack.sendRaw("{\"type\": \"weird_frame\"}");
            h.slack.sendRaw("{}");
            acked.add(h.slack.envelope("unknown_type", obj("x", "y")));
            acked.add(h.slack.envelope("slash_commands", null));
            acked.add(h.slack.envelope("interactive", null));
            acked.add(h.slack.envelope("events_api", null));
            JsonObject wrongShape = new JsonObject();
            wrongShape.addProperty("type", "view_submission");
            wrongShape.addProperty("view", "not an object");
            wrongShape.add("user", new JsonArray());
            acked.add(h.slack.envelope("interactive", wrongShape));
            acked.add(h.slack.envelope("interactive", obj("type", "no_such_interaction")));
            acked.add(h.slack.envelope("interactive", obj("type", "view_closed")));
            acked.add(h.slack.envelope("slash_commands", obj("command", "/not-ours")));
            acked.add(h.slack.envelope("slash_commands", obj("command", "/health")));
            acked.add(h.slack.viewSubmission("no_such_callback", "", new JsonObject(), FakeSlack.DEFAULT_USER_ID));
            acked.add(h.slack.blockAction(
                    "no_such_action", "b", "v", FakeSlack.DEFAULT_USER_ID, FakeSlack.DEFAULT_CHANNEL_ID, null));
            acked.add(h.slack.event(obj("type", "no_such_event")));
            acked.add(h.slack.envelope("events_api", obj("type", "event_callback")));
        }
        for (CompletableFuture<Ack> f : acked) {
            Ack ack = f.get(10, TimeUnit.SECONDS);
            assertThat(ack.elapsed()).isLessThan(Duration.ofSeconds(3));
        }
        assertThat(h.command("help").text()).contains("/health add");
        assertThat(h.slack.connectionsOpenedTotal())
                .as("the socket was never dropped")
                .isEqualTo(socketsBefore);
        assertThat(logs.lines().stream().filter(l -> l.text().contains("envelope ")))
                .as("malformed envelopes are logged")
                .isNotEmpty();
        assertThat(logs.problems()).as("errors and exceptions logged").isEmpty();
        System.out.printf(Locale.ROOT, "malformed-envelopes acked=%d rawFrames=%d%n", acked.size(), 20 * 6);
    }

    // ------------------------------------------------------------------ the generator

    private Case generate(int i, Random r) {
        int dice = r.nextInt(100);
        if (dice < 3) {
            String text = command(i, r).input();
            return new Case(
                    i, "member", () -> h.slack.slashCommand(text, MEMBER, FakeSlack.DEFAULT_CHANNEL_ID), null, text);
        }
        if (dice < 8) {
            return outsider(i, r);
        }
        if (dice < 40) {
            return structuredAdd(i, r);
        }
        if (dice < 70) {
            return command(i, r);
        }
        if (dice < 90) {
            return modal(i, r);
        }
        return click(i, r);
    }

    /** Hostile fragments; none of them is a valid server name that starts with fz-, fm- or fe-. */
    private static final List<String> HOSTILE = List.of(
            "",
            " ",
            "\t\n",
            "🔥💥🚀",
            "e\u0301\u0301\u0301\u0301",
            "服务器",
            "サーバー",
            "\u0000\u0007\u001b[31mred",
            "\u202Eevil\u202C",
            "\u200B",
            "'; DROP TABLE monitors; --",
            "\" OR 1=1 --",
            "Robert'); DELETE FROM audit_log;--",
            "<!channel>",
            "<!here>",
            "<!everyone>",
            "<!here|here>",
            "<@U123>",
            "<@U123|bob>",
            "<#C123>",
            "<#C123|general>",
            "<!subteam^S123>",
            "*bold*",
            "_it_",
            "~strike~",
            "`code`",
            "```block```",
            "<http://x|y>",
            "<http://127.0.0.1:9|click me>",
            "&lt;!channel&gt;",
            "-1",
            "0",
            "99999999999999999999999",
            "1e309",
            "NaN",
            "-5s",
            "0s",
            "999999999999h",
            "1.5s",
            "10000000000000ms",
            "=",
            "==",
            "a=b=c",
            "%00",
            "../../etc/passwd",
            "${jndi:ldap://127.0.0.1/x}",
            "{{7*7}}",
            HUGE);

    private static final List<String> SUBCOMMANDS = List.of(
            "add",
            "edit",
            "remove",
            "check",
            "list",
            "status",
            "subscribe",
            "unsubscribe",
            "alerts",
            "channels",
            "help",
            "ADD",
            "List",
            "nonsense",
            "");

    private static final List<String> OPTION_KEYS =
            List.of("env", "every", "timeout", "expect", "failures", "successes", "EVERY", "colour", "", "env ");

    private static final List<String> GOOD_VALUES = List.of(
            "DEV",
            "STAGE",
            "LIVE",
            "live",
            "1s",
            "30s",
            "1h",
            "24h",
            "500ms",
            "100ms",
            "200-299",
            "200-299,301",
            "1",
            "3",
            "10");

    private static final List<String> BAD_VALUES = List.of(
            "PROD",
            "-1s",
            "0s",
            "25h",
            "99999999999h",
            "50ms",
            "61s",
            "abc",
            "600",
            "1-1000",
            "0",
            "11",
            "-3",
            "",
            "<!channel>",
            "1e9",
            "NaN");

    private String pick(Random r, List<String> list) {
        return list.get(r.nextInt(list.size()));
    }

    private String hostile(Random r) {
        String s = pick(r, HOSTILE);
        // Mostly the fragment alone, sometimes glued to another one, so fragments meet each other too.
        if (r.nextInt(4) != 0) {
            return s;
        }
        String other = pick(r, HOSTILE);
        return s + other.substring(0, Math.min(50, other.length()));
    }

    private String url(Random r) {
        return switch (r.nextInt(10)) {
            case 0 -> "<" + target.url("/s") + "|link>";
            case 1 -> "http://127.0.0.1:99999/";
            case 2 -> "ftp://127.0.0.1/x";
            case 3 -> "http://";
            case 4 -> "tcp://127.0.0.1";
            case 5 -> hostile(r);
            case 6 ->
                "http://user:p%40ss@127.0.0.1:" + target.server.getAddress().getPort() + "/?token=abc";
            default -> target.url("/" + r.nextInt(1000));
        };
    }

    /**
     * An add from well-formed words and options whose validity the test computes with the domain's validator, the
     * way the command reads them: the last of repeated options wins, keys are case-insensitive, unknown keys refuse.
     */
    private Case structuredAdd(int i, Random r) {
        String name = r.nextInt(5) == 0 ? invalidName(r).replaceAll("\\s", "") : "fz-" + i;
        if (name.isEmpty()) {
            name = "*";
        }
        String url = loopbackOnly(url(r).replaceAll("\\s", ""));
        if (url.isEmpty()) {
            url = "x";
        }
        Map<String, String> options = new LinkedHashMap<>();
        StringBuilder text = new StringBuilder("add ").append(name).append(' ').append(url);
        boolean unknown = false;
        int n = r.nextInt(5);
        for (int k = 0; k < n; k++) {
            String key = pick(r, OPTION_KEYS);
            String value = r.nextInt(3) == 0 ? pick(r, BAD_VALUES) : pick(r, GOOD_VALUES);
            value = value.replaceAll("\\s", "");
            key = key.strip();
            if (key.isEmpty()) {
                // "=value" is a word, which makes three words: a usage error.
                unknown = true;
                text.append(" =").append(value);
                continue;
            }
            String lower = key.toLowerCase(Locale.ROOT);
            if (!List.of("env", "every", "timeout", "expect", "failures", "successes")
                    .contains(lower)) {
                unknown = true;
            }
            options.put(lower, value);
            text.append(' ').append(key).append('=').append(value);
        }
        String saves = null;
        // The command reads a word with '=' as an option unless it starts with '<' or holds "://".
        boolean urlIsWord = url.startsWith("<") || url.contains("://") || url.indexOf('=') <= 0;
        if (!unknown && urlIsWord) {
            MonitorDraft draft = new MonitorDraft(
                    name,
                    url,
                    options.get("env"),
                    options.get("every"),
                    options.get("timeout"),
                    options.get("expect"),
                    options.get("failures"),
                    options.get("successes"),
                    null);
            saves = predict(draft);
        }
        String t = text.toString();
        String kind = saves != null ? "add-valid" : "add-invalid";
        return new Case(i, kind, () -> h.slack.slashCommand(t), saves, t);
    }

    /** A hostile fragment that is never a valid server name (a valid-looking one gets a '*'). */
    private String invalidName(Random r) {
        String w = hostile(r);
        return w.strip().matches("[A-Za-z0-9._-]{1,64}") ? w + "*" : w;
    }

    /** Keeps probing on loopback: a URL that would be a valid target elsewhere is pointed at 127.0.0.1:9. */
    private static String loopbackOnly(String url) {
        try {
            Target t = Target.parse(url);
            return t.host().equals("127.0.0.1") ? url : "http://127.0.0.1:9/elsewhere";
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    /** The name a valid draft saves, or null; valid targets must stay on loopback. */
    private static String predict(MonitorDraft draft) {
        MonitorValidator.Result v = MonitorValidator.validate(draft);
        if (!v.valid()) {
            return null;
        }
        Target t = v.settings().target();
        if (!t.host().equals("127.0.0.1")) {
            throw new AssertionError("generator made a valid non-loopback target: " + t.masked());
        }
        return v.settings().name();
    }

    /** Free text after a subcommand: nothing here can be a valid add. */
    private Case command(int i, Random r) {
        String sub = pick(r, SUBCOMMANDS);
        StringBuilder text = new StringBuilder(sub);
        int n = r.nextInt(4);
        for (int k = 0; k < n; k++) {
            text.append(r.nextBoolean() ? " " : "  ").append(hostile(r));
            if (r.nextInt(4) == 0) {
                text.append(' ')
                        .append(pick(r, OPTION_KEYS).strip())
                        .append('=')
                        .append(pick(r, BAD_VALUES));
            }
        }
        String t = text.toString();
        if (sub.equalsIgnoreCase("add") && !t.strip().equalsIgnoreCase("add")) {
            // Free text after add must not be a valid add: force an invalid first word.
            t = "add *" + t.strip().substring(3);
        }
        if (sub.equals("alerts") && r.nextBoolean()) {
            t = "alerts " + (r.nextBoolean() ? "off " : "on ") + hostile(r);
        }
        String text2 = t;
        return new Case(i, "command", () -> h.slack.slashCommand(text2), null, text2);
    }

    private Case modal(int i, Random r) {
        boolean edit = r.nextInt(3) == 0;
        Map<String, String> fields = new LinkedHashMap<>();
        String name = r.nextInt(3) == 0 ? invalidName(r) : (edit ? "fe-" : "fm-") + i;
        fields.put("name", name);
        fields.put("url", loopbackOnly(url(r)));
        // Each optional field: left out, a value good for that field, a bad one, or a hostile fragment.
        Map<String, List<String>> good = Map.of(
                "environment", List.of("DEV", "STAGE", "LIVE", "live"),
                "interval", List.of("1h", "5m", "60s", "24h"),
                "timeout", List.of("1s", "500ms", "5s"),
                "expected_status", List.of("200-299", "200-399,418", "204"),
                "failures", List.of("1", "3", "10"),
                "successes", List.of("1", "2", "10"));
        for (String field : List.of("environment", "interval", "timeout", "expected_status", "failures", "successes")) {
            int d = r.nextInt(10);
            if (d < 3) {
                continue;
            }
            fields.put(field, d == 3 ? pick(r, BAD_VALUES) : d == 4 ? hostile(r) : pick(r, good.get(field)));
        }
        MonitorDraft draft = new MonitorDraft(
                fields.get("name"),
                fields.get("url"),
                fields.get("environment"),
                fields.get("interval"),
                fields.get("timeout"),
                fields.get("expected_status"),
                fields.get("failures"),
                fields.get("successes"),
                null);
        JsonObject values = BotHarness.values(fields);
        if (edit) {
            String metadata = r.nextBoolean() ? EDIT_TARGET : hostile(r);
            // Whether the edit saves depends on earlier edits (the target may be renamed); edits never add a server.
            return new Case(
                    i,
                    "modal-edit",
                    () -> h.slack.viewSubmission("server_edit", metadata, values, ADMIN),
                    null,
                    "edit " + metadata + " " + fields);
        }
        String saves = predict(draft);
        return new Case(
                i,
                saves != null ? "modal-add-valid" : "modal-add-invalid",
                () -> h.slack.viewSubmission("server_add", "", values, ADMIN),
                saves,
                "add " + fields);
    }

    private Case click(int i, Random r) {
        String value = hostile(r);
        boolean remove = r.nextBoolean();
        String action = remove ? "server_remove" : "list_page:" + r.nextInt(5);
        return new Case(
                i,
                remove ? "click-remove" : "click-page",
                () -> h.slack.blockAction(action, "b", value, ADMIN, FakeSlack.DEFAULT_CHANNEL_ID, null),
                null,
                action + " " + value);
    }

    /** A guest or someone of another organisation: a command, a valid form, or a click on remove. */
    private Case outsider(int i, Random r) {
        String who = pick(r, OUTSIDERS);
        int what = r.nextInt(4);
        if (what == 0) {
            JsonObject values = BotHarness.values(Map.of("name", "fo-" + i, "url", target.url("/o")));
            return new Case(
                    i,
                    "modal-outsider",
                    () -> h.slack.viewSubmission("server_add", "", values, who),
                    null,
                    who + " form fo-" + i);
        }
        if (what == 1) {
            return new Case(
                    i,
                    "click-outsider",
                    () -> h.slack.blockAction(
                            "server_remove", "b", EDIT_TARGET, who, FakeSlack.DEFAULT_CHANNEL_ID, null),
                    null,
                    who + " remove " + EDIT_TARGET);
        }
        String text = r.nextBoolean()
                ? "add fo-" + i + " " + target.url("/o")
                : command(i, r).input();
        return new Case(i, "outsider", () -> h.slack.slashCommand(text, who, FakeSlack.DEFAULT_CHANNEL_ID), null, text);
    }

    // ------------------------------------------------------------------ judging

    /** Null when the ack is a clear answer for this case, else what is wrong. */
    private String judge(Case c, Ack ack) {
        if (ack.elapsed().compareTo(Duration.ofSeconds(3)) >= 0) {
            return "acked after " + ack.elapsed().toMillis() + " ms";
        }
        if (c.kind().startsWith("click")) {
            return null; // a click is acked empty; its answer goes to response_url, checked by the scans below
        }
        if (c.kind().startsWith("modal")) {
            boolean errors = ack.payload() != null
                    && ack.payload().has("response_action")
                    && ack.payload().get("response_action").getAsString().equals("errors");
            if (c.savesName() != null && errors) {
                return "a valid form was refused: " + ack.payload();
            }
            if (c.kind().equals("modal-add-invalid") && !errors) {
                return "an invalid form was accepted";
            }
            if (c.kind().equals("modal-outsider")
                    && !(errors && ack.payload().toString().contains(NOT_A_MEMBER))) {
                return "an outsider's form was not refused: " + ack.payload();
            }
            return null;
        }
        String text = ack.text();
        if (text == null || text.isBlank()) {
            return "empty ack";
        }
        if (c.savesName() != null && !text.contains("registered")) {
            return "a valid add was refused: " + text;
        }
        if (c.kind().equals("add-invalid") && text.contains("registered")) {
            return "an invalid add was saved: " + text;
        }
        if (c.kind().equals("member") && !isRead(c.input()) && text.contains("registered")) {
            return "a member who is no admin changed something: " + text;
        }
        if (c.kind().equals("outsider")) {
            if (text.contains("registered") || text.contains("127.0.0.1")) {
                return "an outsider got in: " + text;
            }
            String first = c.input().strip().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
            boolean gated = !first.equals("help") && !first.isEmpty();
            boolean known = SUBCOMMANDS.stream().anyMatch(s -> !s.isEmpty() && s.equalsIgnoreCase(first))
                    && !first.equals("nonsense");
            if (gated && known && c.input().strip().length() <= 4000 && !text.contains(NOT_A_MEMBER)) {
                return "an outsider was not refused: " + text;
            }
        }
        return null;
    }

    private static boolean isRead(String input) {
        String first = input.strip().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
        return List.of("list", "status", "check", "channels", "help", "").contains(first);
    }

    private void awaitNotices(long count) {
        long deadline = System.nanoTime() + BotHarness.WAIT.toNanos();
        while (h.slack.messages(ADMIN).size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " notices of saved forms, saw "
                        + h.slack.messages(ADMIN).size());
            }
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
        }
    }

    private void awaitResponseUrlPosts(long count) {
        long deadline = System.nanoTime() + BotHarness.WAIT.toNanos();
        while (h.slack.responseUrlPosts().size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected at least " + count + " response_url posts, saw "
                        + h.slack.responseUrlPosts().size());
            }
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
        }
    }

    /** Every forbidden mention in anything the bot sent, once the allowed (bot-made) ones are taken out. */
    static List<String> mentionsFromInput(FakeSlack slack, List<String> allowed) {
        List<String> found = new ArrayList<>();
        for (FakeSlack.Sent s : slack.sent()) {
            String text = s.text();
            for (String a : allowed) {
                text = text.replace(a, "");
            }
            // The bot names the channel a command came from (an id from Slack, never typed) in /health channels.
            text = text.replace("<#" + FakeSlack.DEFAULT_CHANNEL_ID + ">", "");
            for (String f : FORBIDDEN) {
                int at = text.indexOf(f);
                if (at >= 0) {
                    found.add(s.where() + ": …" + text.substring(Math.max(0, at - 40), Math.min(text.length(), at + 40))
                            + "…");
                }
            }
        }
        return found;
    }

    private static String describe(Case c) {
        String in = c.input().length() > 120
                ? c.input().substring(0, 120) + "…(" + c.input().length() + " chars)"
                : c.input();
        return "#" + c.index() + " " + c.kind() + " [" + in.replaceAll("\\p{Cntrl}", "?") + "]";
    }

    private static JsonObject obj(String key, String value) {
        JsonObject o = new JsonObject();
        o.addProperty(key, value);
        return o;
    }
}
