package dev.healthbot.monitor;

import java.util.EnumMap;
import java.util.Map;

/**
 * Settings as a user typed them, every field a string or null for "use the default"; the
 * {@link MonitorValidator} turns it into {@link MonitorSettings} or field errors.
 *
 * @param more the settings of {@link #MORE} (assertions, ...) keyed by their field; absent means the default
 */
public record MonitorDraft(
        String name,
        String url,
        String environment,
        String interval,
        String timeout,
        String expectedStatus,
        String failuresBeforeDown,
        String successesBeforeUp,
        String alertsEnabled,
        Map<Field, String> more) {

    /** The fields held in {@link #more()}, in the order they are shown. */
    public static final java.util.List<Field> MORE = java.util.List.of(
            Field.METHOD,
            Field.BODY,
            Field.CONTENT_TYPE,
            Field.HEADERS,
            Field.TLS_VERIFY,
            Field.FOLLOW_REDIRECTS,
            Field.EXPECT_BODY,
            Field.EXPECT_BODY_NOT,
            Field.EXPECT_JSON,
            Field.LATENCY_MAX,
            Field.TLS_EXPIRY);

    public MonitorDraft {
        Map<Field, String> m = new EnumMap<>(Field.class);
        if (more != null) {
            more.forEach((f, v) -> {
                if (!MORE.contains(f)) {
                    throw new IllegalArgumentException(f + " is not one of the further settings");
                }
                if (v != null) {
                    m.put(f, v);
                }
            });
        }
        more = java.util.Collections.unmodifiableMap(m);
    }

    /** A draft without further settings: they take their defaults. */
    public MonitorDraft(
            String name,
            String url,
            String environment,
            String interval,
            String timeout,
            String expectedStatus,
            String failuresBeforeDown,
            String successesBeforeUp,
            String alertsEnabled) {
        this(
                name,
                url,
                environment,
                interval,
                timeout,
                expectedStatus,
                failuresBeforeDown,
                successesBeforeUp,
                alertsEnabled,
                Map.of());
    }

    public static MonitorDraft of(String name, String url) {
        return new MonitorDraft(name, url, null, null, null, null, null, null, null);
    }

    /** The value typed for one of the further settings, or null. */
    public String more(Field f) {
        return more.get(f);
    }

    /** The draft of existing settings, for pre-filling an edit form. */
    public static MonitorDraft from(MonitorSettings s) {
        return new MonitorDraft(
                s.name(),
                s.heartbeat() ? "heartbeat" : s.target().secretUrl(),
                s.environment().name(),
                Durations.format(s.interval()),
                Durations.format(s.timeout()),
                s.expectedStatus().toString(),
                Integer.toString(s.thresholds().failuresBeforeDown()),
                Integer.toString(s.thresholds().successesBeforeUp()),
                Boolean.toString(s.alertsEnabled()),
                more(s.options()));
    }

    /**
     * The further settings of {@code options} as text, defaults left out; header values included, so
     * only for drafts (an edit keeps what it does not show). See {@link #shown}.
     */
    public static Map<Field, String> more(ProbeOptions options) {
        return more(options, false);
    }

    /** Like {@link #more(ProbeOptions)}, with header values masked: the form that may be shown or logged. */
    public static Map<Field, String> shown(ProbeOptions options) {
        return more(options, true);
    }

    private static Map<Field, String> more(ProbeOptions options, boolean masked) {
        Map<Field, String> m = new EnumMap<>(Field.class);
        RequestOptions r = options.request();
        if (!r.method().equals(RequestOptions.DEFAULT.method())) {
            m.put(Field.METHOD, r.method());
        }
        put(m, Field.BODY, r.body());
        put(m, Field.CONTENT_TYPE, r.contentType());
        if (!r.headers().isEmpty()) {
            m.put(
                    Field.HEADERS,
                    String.join(
                            "\n",
                            r.headers().stream()
                                    .map(h -> masked ? h.masked() : h.secretText())
                                    .toList()));
        }
        if (!r.tlsVerify()) {
            m.put(Field.TLS_VERIFY, "false");
        }
        if (!r.followRedirects()) {
            m.put(Field.FOLLOW_REDIRECTS, "false");
        }
        Assertions a = options.assertions();
        put(m, Field.EXPECT_BODY, a.bodyContains());
        put(m, Field.EXPECT_BODY_NOT, a.bodyNotContains());
        if (!a.json().isEmpty()) {
            m.put(Field.EXPECT_JSON, JsonRule.format(a.json()));
        }
        if (a.latencyMax() != null) {
            m.put(Field.LATENCY_MAX, Durations.format(a.latencyMax()));
        }
        if (!options.tlsExpiry().equals(ProbeOptions.DEFAULT_TLS_EXPIRY)) {
            m.put(Field.TLS_EXPIRY, ProbeOptions.formatTlsExpiry(options.tlsExpiry()));
        }
        return m;
    }

    private static void put(Map<Field, String> m, Field f, String value) {
        if (value != null) {
            m.put(f, value);
        }
    }
}
