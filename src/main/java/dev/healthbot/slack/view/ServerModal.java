package dev.healthbot.slack.view;

import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.block.element.BlockElements.staticSelect;

import com.slack.api.model.block.Blocks;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import dev.healthbot.monitor.Assertions;
import dev.healthbot.monitor.Environment;
import dev.healthbot.monitor.Field;
import dev.healthbot.monitor.JsonRule;
import dev.healthbot.monitor.MonitorDraft;
import dev.healthbot.monitor.MonitorSettings;
import dev.healthbot.monitor.MonitorValidator;
import dev.healthbot.monitor.RequestOptions;
import dev.healthbot.monitor.StatusCodes;
import dev.healthbot.monitor.Target;
import dev.healthbot.monitor.Thresholds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The add/edit server modal: its blocks, and reading a submission back into a draft; pure. */
public final class ServerModal {

    public static final String ADD_CALLBACK = "server_add";
    public static final String EDIT_CALLBACK = "server_edit";
    public static final String ACTION = "value";

    /** The add form's "Kind" choice (URL check or heartbeat): it dispatches its change, and the form is redrawn. */
    public static final String KIND_BLOCK = "kind";

    public static final String KIND_ACTION = "server_kind";
    public static final String KIND_URL = "url";
    public static final String KIND_HEARTBEAT = "heartbeat";
    /** The add form's third kind: an error source (an app that reports its errors), answered like {@code /health errors add}. */
    public static final String KIND_ERRORS = "errors";
    /** The heartbeat edit form's "Rotate the ping key" checkbox. */
    public static final String ROTATE_BLOCK = "new_key";

    public static final String ROTATE_ACTION = "rotate_key";

    /** The further settings the form shows; the others are kept as they are on edit. */
    static final List<Field> SHOWN_MORE =
            List.of(Field.METHOD, Field.EXPECT_JSON, Field.EXPECT_BODY, Field.LATENCY_MAX, Field.TLS_EXPIRY);

    /** The block id of each field's input. */
    public static final Map<Field, String> BLOCKS;

    static {
        Map<Field, String> b = new EnumMap<>(Field.class);
        b.put(Field.NAME, "name");
        b.put(Field.URL, "url");
        b.put(Field.ENVIRONMENT, "environment");
        b.put(Field.INTERVAL, "interval");
        b.put(Field.TIMEOUT, "timeout");
        b.put(Field.EXPECTED_STATUS, "expected_status");
        b.put(Field.FAILURES_BEFORE_DOWN, "failures");
        b.put(Field.SUCCESSES_BEFORE_UP, "successes");
        b.put(Field.ALERTS, "alerts");
        b.put(Field.METHOD, "method");
        b.put(Field.EXPECT_JSON, "expect_json");
        b.put(Field.EXPECT_BODY, "expect_body");
        b.put(Field.LATENCY_MAX, "latency_max");
        b.put(Field.TLS_EXPIRY, "tls_expiry");
        BLOCKS = Map.copyOf(b);
    }

    private ServerModal() {}

    /** The empty form, every field but name and URL filled with its default. */
    public static View add() {
        return add(false, null, null);
    }

    /**
     * The add form for a URL check or a heartbeat (the "Kind" choice redraws it), keeping the name and
     * environment already typed.
     */
    public static View add(boolean heartbeat, String name, String environment) {
        return add(heartbeat ? KIND_HEARTBEAT : KIND_URL, name, environment);
    }

    /**
     * The add form for {@code kind} ({@link #KIND_URL}, {@link #KIND_HEARTBEAT} or {@link #KIND_ERRORS}), keeping the
     * name and environment already typed.
     */
    public static View add(String kind, String name, String environment) {
        if (KIND_ERRORS.equals(kind)) {
            List<LayoutBlock> blocks = new ArrayList<>();
            blocks.add(text(Field.NAME, "Name", name, 60, "letters, digits, - _ . (the app's name)", "checkout-web"));
            blocks.add(kind(KIND_ERRORS));
            blocks.add(environment(environment == null ? Environment.LIVE.name() : environment));
            blocks.add(BlockKit.context("Saving answers with the source's key, its plain endpoint"
                    + " (`POST <url>/errors/<key>`) and a Sentry DSN for any Sentry SDK, as"
                    + " `/health errors add` does. Posts go to channels subscribed to its environment, to"
                    + " everything, or to `errors:<name>`."));
            return modal(ADD_CALLBACK, "Add an error source", "", blocks);
        }
        boolean heartbeat = KIND_HEARTBEAT.equals(kind);
        if (heartbeat) {
            MonitorDraft defaults = new MonitorDraft(
                    name,
                    "heartbeat",
                    environment == null ? Environment.DEV.name() : environment,
                    dev.healthbot.monitor.Durations.format(MonitorSettings.DEFAULT_PERIOD),
                    dev.healthbot.monitor.Durations.format(MonitorSettings.DEFAULT_GRACE),
                    null,
                    Integer.toString(MonitorSettings.HEARTBEAT_THRESHOLDS.failuresBeforeDown()),
                    Integer.toString(MonitorSettings.HEARTBEAT_THRESHOLDS.successesBeforeUp()),
                    "true");
            return view(ADD_CALLBACK, "Add a heartbeat", "", defaults);
        }
        MonitorDraft defaults = new MonitorDraft(
                null,
                null,
                Environment.DEV.name(),
                dev.healthbot.monitor.Durations.format(MonitorSettings.DEFAULT_INTERVAL),
                dev.healthbot.monitor.Durations.format(MonitorSettings.DEFAULT_TIMEOUT),
                StatusCodes.DEFAULT.toString(),
                Integer.toString(Thresholds.DEFAULT.failuresBeforeDown()),
                Integer.toString(Thresholds.DEFAULT.successesBeforeUp()),
                "true");
        if (name != null || environment != null) {
            defaults = new MonitorDraft(
                    name,
                    null,
                    environment == null ? defaults.environment() : environment,
                    defaults.interval(),
                    defaults.timeout(),
                    defaults.expectedStatus(),
                    defaults.failuresBeforeDown(),
                    defaults.successesBeforeUp(),
                    "true");
        }
        return view(ADD_CALLBACK, "Add a server", "", defaults);
    }

    /**
     * The form filled with a server's current settings; the metadata carries its current name. The URL
     * is shown masked (a form is a Slack message too); {@link #unmask} puts the credentials back when
     * it comes back unchanged.
     */
    public static View edit(MonitorSettings current) {
        MonitorDraft d = MonitorDraft.from(current);
        MonitorDraft shown = new MonitorDraft(
                d.name(),
                current.target().masked(),
                d.environment(),
                d.interval(),
                d.timeout(),
                d.expectedStatus(),
                d.failuresBeforeDown(),
                d.successesBeforeUp(),
                d.alertsEnabled(),
                d.more());
        return view(EDIT_CALLBACK, "Edit a server", current.name(), shown);
    }

    /**
     * The submitted draft, with the current secret URL when the masked one came back unchanged, and
     * the current values of the settings the form does not show.
     */
    public static MonitorDraft unmask(MonitorDraft submitted, MonitorSettings current) {
        boolean keepUrl = submitted.url() != null
                && !current.target().masked().equals(current.target().secretUrl())
                && submitted.url().strip().equals(current.target().masked());
        Map<Field, String> more = new EnumMap<>(MonitorDraft.more(current.options()));
        more.keySet().removeAll(SHOWN_MORE);
        SHOWN_MORE.forEach(f -> more.put(f, submitted.more(f)));
        more.values().removeIf(java.util.Objects::isNull);
        if (!keepUrl && more.equals(submitted.more())) {
            return submitted;
        }
        return new MonitorDraft(
                submitted.name(),
                keepUrl ? current.target().secretUrl() : submitted.url(),
                submitted.environment(),
                submitted.interval(),
                submitted.timeout(),
                submitted.expectedStatus(),
                submitted.failuresBeforeDown(),
                submitted.successesBeforeUp(),
                submitted.alertsEnabled(),
                more);
    }

    private static View view(String callback, String title, String metadata, MonitorDraft d) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(text(Field.NAME, "Name", d.name(), MonitorValidator.MAX_NAME, "letters, digits, - _ .", "api-live"));
        boolean heartbeat = Target.HEARTBEAT_URL.equals(d.url()) || "heartbeat".equals(d.url());
        if (callback.equals(ADD_CALLBACK)) {
            blocks.add(kind(heartbeat ? KIND_HEARTBEAT : KIND_URL));
        }
        if (!heartbeat || !callback.equals(ADD_CALLBACK))
            blocks.add(text(
                    Field.URL,
                    "URL",
                    d.url(),
                    2048,
                    "http(s)://, ws(s):// or tcp://host:port; credentials shown as *** are kept if left as they are;"
                            + " or heartbeat, for a job that pings healthbot",
                    "https://api.example.com/health"));
        blocks.add(environment(d.environment()));
        if (heartbeat) {
            // A heartbeat's form: its period and grace in the interval and timeout fields, nothing about probing.
            blocks.add(text(Field.INTERVAL, "Period", d.interval(), 10, "how often the job pings: 1m to 31d", "1h"));
            blocks.add(text(Field.TIMEOUT, "Grace", d.timeout(), 10, "how late a ping may be: 1m to 7d", "5m"));
            blocks.add(text(
                    Field.FAILURES_BEFORE_DOWN, "Failures before DOWN", d.failuresBeforeDown(), 2, "1 to 10", "1"));
            blocks.add(
                    text(Field.SUCCESSES_BEFORE_UP, "Successes before UP", d.successesBeforeUp(), 2, "1 to 10", "1"));
            if (callback.equals(EDIT_CALLBACK)) {
                blocks.add(rotate());
            }
            blocks.add(BlockKit.context("`/health edit " + BlockKit.escape(d.name() == null ? "<name>" : d.name())
                    + "` shows the ping URL; `/health edit " + BlockKit.escape(d.name() == null ? "<name>" : d.name())
                    + " new-key`" + (callback.equals(EDIT_CALLBACK) ? " or the box above" : "")
                    + " replaces the key."));
            return modal(callback, title, metadata, blocks);
        }
        blocks.add(
                text(Field.INTERVAL, "Interval", d.interval(), 10, "how often: 500ms, 30s, 5m, 1h (1s to 24h)", "60s"));
        blocks.add(text(Field.TIMEOUT, "Timeout", d.timeout(), 10, "100ms to 60s, not above the interval", "5s"));
        blocks.add(Blocks.divider());
        blocks.add(BlockKit.context("Less common settings"));
        blocks.add(text(
                Field.EXPECTED_STATUS,
                "Expected HTTP status codes",
                d.expectedStatus(),
                200,
                "like 200-299,301; other redirects are followed",
                "200-299"));
        blocks.add(select(Field.METHOD, "HTTP method", RequestOptions.METHODS, d.more(Field.METHOD)));
        blocks.add(text(
                Field.EXPECT_JSON,
                "JSON rules",
                d.more(Field.EXPECT_JSON),
                JsonRule.MAX_TEXT,
                "the body as JSON must meet them, joined by and",
                "$.status == \"UP\" and $.items.length() > 0"));
        blocks.add(text(
                Field.EXPECT_BODY,
                "Body contains",
                d.more(Field.EXPECT_BODY),
                Assertions.MAX_TEXT,
                "text the body must contain",
                "all systems operational"));
        blocks.add(text(
                Field.LATENCY_MAX,
                "Latency max",
                d.more(Field.LATENCY_MAX),
                10,
                "slower answers count as failures (SLOW); below the timeout",
                "800ms"));
        blocks.add(text(
                Field.TLS_EXPIRY,
                "Certificate expiry warning",
                d.more(Field.TLS_EXPIRY),
                10,
                "https/wss: warn when the certificate has less left than this, then at 7 d and 1 d; off: never",
                "14d"));
        blocks.add(text(Field.FAILURES_BEFORE_DOWN, "Failures before DOWN", d.failuresBeforeDown(), 2, "1 to 10", "3"));
        blocks.add(text(Field.SUCCESSES_BEFORE_UP, "Successes before UP", d.successesBeforeUp(), 2, "1 to 10", "2"));
        return View.builder()
                .type("modal")
                .callbackId(callback)
                .privateMetadata(metadata)
                .title(com.slack.api.model.view.Views.viewTitle(
                        t -> t.type("plain_text").text(title)))
                .submit(com.slack.api.model.view.Views.viewSubmit(
                        t -> t.type("plain_text").text("Save")))
                .close(com.slack.api.model.view.Views.viewClose(
                        t -> t.type("plain_text").text("Cancel")))
                .blocks(blocks)
                .build();
    }

    private static View modal(String callback, String title, String metadata, List<LayoutBlock> blocks) {
        return View.builder()
                .type("modal")
                .callbackId(callback)
                .privateMetadata(metadata)
                .title(com.slack.api.model.view.Views.viewTitle(
                        t -> t.type("plain_text").text(title)))
                .submit(com.slack.api.model.view.Views.viewSubmit(
                        t -> t.type("plain_text").text("Save")))
                .close(com.slack.api.model.view.Views.viewClose(
                        t -> t.type("plain_text").text("Cancel")))
                .blocks(blocks)
                .build();
    }

    private static LayoutBlock text(Field f, String label, String initial, int max, String hint, String placeholder) {
        return Blocks.input(i -> i.blockId(BLOCKS.get(f))
                .label(plainText(label))
                .hint(plainText(hint))
                .optional(f != Field.NAME && f != Field.URL)
                .element(plainTextInput(p -> {
                    p.actionId(ACTION).maxLength(max).placeholder(plainText(placeholder));
                    if (initial != null && !initial.isEmpty()) {
                        p.initialValue(initial);
                    }
                    return p;
                })));
    }

    private static LayoutBlock environment(String initial) {
        return select(
                Field.ENVIRONMENT,
                "Environment",
                Arrays.stream(Environment.values()).map(Environment::name).toList(),
                initial);
    }

    /** A required select of {@code values}, the first one chosen unless {@code initial} is one of them. */
    private static LayoutBlock select(Field f, String label, List<String> values, String initial) {
        List<OptionObject> options =
                values.stream().map(v -> option(plainText(v), v)).toList();
        OptionObject selected = options.stream()
                .filter(o -> o.getValue().equals(initial))
                .findFirst()
                .orElse(options.get(0));
        return Blocks.input(i -> i.blockId(BLOCKS.get(f))
                .label(plainText(label))
                .element(staticSelect(s -> s.actionId(ACTION).options(options).initialOption(selected))));
    }

    /** The "Kind" radio buttons; choosing one dispatches a {@code block_actions} and the form is redrawn. */
    private static LayoutBlock kind(String chosen) {
        OptionObject url = option(plainText("URL check: healthbot probes a URL"), KIND_URL);
        OptionObject beat = option(plainText("Heartbeat: a job pings healthbot"), KIND_HEARTBEAT);
        OptionObject errors = option(plainText("Error source: an app reports its errors"), KIND_ERRORS);
        OptionObject initial = KIND_HEARTBEAT.equals(chosen) ? beat : KIND_ERRORS.equals(chosen) ? errors : url;
        return Blocks.input(i -> i.blockId(KIND_BLOCK)
                .label(plainText("Kind"))
                .dispatchAction(true)
                .element(com.slack.api.model.block.element.BlockElements.radioButtons(r -> r.actionId(KIND_ACTION)
                        .options(List.of(url, beat, errors))
                        .initialOption(initial))));
    }

    /** The heartbeat edit form's optional checkbox that gives it a new ping key on save. */
    private static LayoutBlock rotate() {
        OptionObject yes = option(plainText("Rotate the ping key: the old URL stops working"), "rotate");
        return Blocks.input(i -> i.blockId(ROTATE_BLOCK)
                .label(plainText("Ping key"))
                .optional(true)
                .element(com.slack.api.model.block.element.BlockElements.checkboxes(
                        c -> c.actionId(ROTATE_ACTION).options(List.of(yes)))));
    }

    /** Whether a heartbeat edit form came back with "Rotate the ping key" ticked. */
    public static boolean rotate(Map<String, Map<String, ViewState.Value>> values) {
        Map<String, ViewState.Value> block = values == null ? null : values.get(ROTATE_BLOCK);
        ViewState.Value v = block == null ? null : block.get(ROTATE_ACTION);
        return v != null
                && v.getSelectedOptions() != null
                && v.getSelectedOptions().stream().anyMatch(o -> "rotate".equals(o.getValue()));
    }

    /**
     * The kind chosen in a submission or a dispatched change: {@link #KIND_HEARTBEAT}, {@link #KIND_ERRORS} or
     * {@link #KIND_URL} (also when absent).
     */
    public static String kind(Map<String, Map<String, ViewState.Value>> values) {
        Map<String, ViewState.Value> block = values == null ? null : values.get(KIND_BLOCK);
        ViewState.Value v = block == null ? null : block.get(KIND_ACTION);
        String chosen = v == null
                ? null
                : v.getSelectedOption() != null ? v.getSelectedOption().getValue() : v.getValue();
        return KIND_HEARTBEAT.equals(chosen) || KIND_ERRORS.equals(chosen) ? chosen : KIND_URL;
    }

    /** The value typed in a field of a form's state, or null. */
    public static String typed(Map<String, Map<String, ViewState.Value>> values, Field f) {
        return value(values == null ? Map.of() : values, f);
    }

    /** Reads a submission's values back into a draft; missing blocks read as null (the default). */
    public static MonitorDraft read(Map<String, Map<String, ViewState.Value>> values) {
        Map<String, Map<String, ViewState.Value>> v = values == null ? Map.of() : values;
        return new MonitorDraft(
                value(v, Field.NAME),
                KIND_HEARTBEAT.equals(kind(v)) ? "heartbeat" : value(v, Field.URL),
                value(v, Field.ENVIRONMENT),
                value(v, Field.INTERVAL),
                value(v, Field.TIMEOUT),
                value(v, Field.EXPECTED_STATUS),
                value(v, Field.FAILURES_BEFORE_DOWN),
                value(v, Field.SUCCESSES_BEFORE_UP),
                null,
                more(v));
    }

    private static Map<Field, String> more(Map<String, Map<String, ViewState.Value>> values) {
        Map<Field, String> more = new EnumMap<>(Field.class);
        SHOWN_MORE.forEach(f -> more.put(f, value(values, f)));
        return more;
    }

    /** Field errors keyed by the block that shows them. */
    public static Map<String, String> errors(Map<Field, String> errors) {
        Map<String, String> byBlock = new LinkedHashMap<>();
        errors.forEach((f, message) -> byBlock.put(BLOCKS.getOrDefault(f, "name"), BlockKit.cut(message, 150)));
        return byBlock;
    }

    private static String value(Map<String, Map<String, ViewState.Value>> values, Field f) {
        Map<String, ViewState.Value> block = values.get(BLOCKS.get(f));
        if (block == null || block.get(ACTION) == null) {
            return null;
        }
        ViewState.Value value = block.get(ACTION);
        if (value.getSelectedOption() != null) {
            return value.getSelectedOption().getValue();
        }
        return value.getValue();
    }
}
