package dev.healthbot.monitor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Validates a {@link MonitorDraft} into settings or a readable error per field; pure and thread-safe. */
public final class MonitorValidator {

    public static final int MAX_NAME = 64;

    /** The expected-status preset for Spring Boot's {@code /actuator/health}. */
    public static final String ACTUATOR = "actuator";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_NAME + "}");

    /** Either settings (errors empty) or errors (settings null). */
    public record Result(MonitorSettings settings, Map<Field, String> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    private MonitorValidator() {}

    public static Result validate(MonitorDraft d) {
        Map<Field, String> errors = new EnumMap<>(Field.class);
        String name = d.name() == null ? "" : d.name().strip();
        if (name.isEmpty()) {
            errors.put(Field.NAME, "a name is required");
        } else if (name.length() > MAX_NAME) {
            errors.put(Field.NAME, "a name is at most " + MAX_NAME + " characters");
        } else if (!NAME.matcher(name).matches()) {
            errors.put(Field.NAME, "a name may hold only letters, digits, '-', '_' and '.'");
        }
        Target target = null;
        try {
            target = Target.parse(d.url());
        } catch (IllegalArgumentException e) {
            errors.put(Field.URL, e.getMessage());
        }
        if (target != null && target.kind() == ProbeKind.HEARTBEAT) {
            return heartbeat(d, name, errors);
        }
        Environment env = Environment.DEV;
        if (!blank(d.environment())) {
            env = Environment.parse(d.environment()).orElse(null);
            if (env == null) {
                errors.put(Field.ENVIRONMENT, "environment must be DEV, STAGE or LIVE");
            }
        }
        Duration interval = duration(d.interval(), MonitorSettings.DEFAULT_INTERVAL, Field.INTERVAL, errors);
        if (interval != null
                && (interval.compareTo(MonitorSettings.MIN_INTERVAL) < 0
                        || interval.compareTo(MonitorSettings.MAX_INTERVAL) > 0)) {
            errors.put(Field.INTERVAL, "interval must be 1s to 24h");
        }
        Duration timeout = duration(d.timeout(), MonitorSettings.DEFAULT_TIMEOUT, Field.TIMEOUT, errors);
        if (timeout != null
                && (timeout.compareTo(MonitorSettings.MIN_TIMEOUT) < 0
                        || timeout.compareTo(MonitorSettings.MAX_TIMEOUT) > 0)) {
            errors.put(Field.TIMEOUT, "timeout must be 100ms to 60s");
        } else if (timeout != null && interval != null && !errors.containsKey(Field.INTERVAL)) {
            if (timeout.compareTo(interval) > 0) {
                errors.put(Field.TIMEOUT, "timeout must not be longer than the interval");
            }
        }
        StatusCodes codes = StatusCodes.DEFAULT;
        boolean actuator = ACTUATOR.equalsIgnoreCase(strip(d.expectedStatus()));
        try {
            codes = actuator ? StatusCodes.DEFAULT : StatusCodes.parse(d.expectedStatus());
        } catch (IllegalArgumentException e) {
            errors.put(Field.EXPECTED_STATUS, e.getMessage());
        }
        Assertions assertions = assertions(d, target, actuator, timeout, errors);
        int failures = count(
                d.failuresBeforeDown(), Thresholds.DEFAULT.failuresBeforeDown(), Field.FAILURES_BEFORE_DOWN, errors);
        int successes =
                count(d.successesBeforeUp(), Thresholds.DEFAULT.successesBeforeUp(), Field.SUCCESSES_BEFORE_UP, errors);
        boolean alerts = onOff(d.alertsEnabled(), true, Field.ALERTS, errors);
        RequestOptions request = RequestValidator.validate(d, target, errors);
        Duration tlsExpiry = tlsExpiry(d.more(Field.TLS_EXPIRY), target, errors);
        if (!errors.isEmpty()) {
            return new Result(null, Map.copyOf(errors));
        }
        return new Result(
                new MonitorSettings(
                        name,
                        target,
                        env,
                        interval,
                        timeout,
                        codes,
                        new Thresholds(failures, successes),
                        alerts,
                        new ProbeOptions(assertions, request, tlsExpiry)),
                Map.of());
    }

    /**
     * A heartbeat: {@code interval} is its period (1m to 31d), {@code timeout} its grace (1m to 7d);
     * thresholds default to 1 and 1; nothing about requests or answers applies.
     */
    private static Result heartbeat(MonitorDraft d, String name, Map<Field, String> errors) {
        Environment env = Environment.DEV;
        if (!blank(d.environment())) {
            env = Environment.parse(d.environment()).orElse(null);
            if (env == null) {
                errors.put(Field.ENVIRONMENT, "environment must be DEV, STAGE or LIVE");
            }
        }
        Duration period = duration(d.interval(), MonitorSettings.DEFAULT_PERIOD, Field.INTERVAL, errors);
        if (period != null
                && (period.compareTo(MonitorSettings.MIN_PERIOD) < 0
                        || period.compareTo(MonitorSettings.MAX_PERIOD) > 0)) {
            errors.put(Field.INTERVAL, "a heartbeat's period (every) must be 1m to 31d");
        }
        Duration grace = duration(d.timeout(), MonitorSettings.DEFAULT_GRACE, Field.TIMEOUT, errors);
        if (grace != null
                && (grace.compareTo(MonitorSettings.MIN_GRACE) < 0 || grace.compareTo(MonitorSettings.MAX_GRACE) > 0)) {
            errors.put(Field.TIMEOUT, "a heartbeat's grace must be 1m to 7d");
        }
        if (!blank(d.expectedStatus())) {
            errors.put(Field.EXPECTED_STATUS, "a heartbeat is pinged, not probed: it has no expected status");
        }
        d.more().forEach((f, v) -> {
            if (!blank(v)) {
                errors.putIfAbsent(f, "a heartbeat is pinged, not probed: " + f.label() + " does not apply");
            }
        });
        int failures = count(
                d.failuresBeforeDown(),
                MonitorSettings.HEARTBEAT_THRESHOLDS.failuresBeforeDown(),
                Field.FAILURES_BEFORE_DOWN,
                errors);
        int successes = count(
                d.successesBeforeUp(),
                MonitorSettings.HEARTBEAT_THRESHOLDS.successesBeforeUp(),
                Field.SUCCESSES_BEFORE_UP,
                errors);
        boolean alerts = onOff(d.alertsEnabled(), true, Field.ALERTS, errors);
        if (!errors.isEmpty()) {
            return new Result(null, Map.copyOf(errors));
        }
        return new Result(
                MonitorSettings.heartbeat(name, env, period, grace, new Thresholds(failures, successes), alerts),
                Map.of());
    }

    /**
     * The assertions of the draft; {@code actuator} (the preset {@code expect=actuator}) adds Spring
     * Boot's health rule {@code $.status == "UP"}.
     */
    private static Assertions assertions(
            MonitorDraft d, Target target, boolean actuator, Duration timeout, Map<Field, String> errors) {
        String contains = text(d.more(Field.EXPECT_BODY), Field.EXPECT_BODY, errors);
        String notContains = text(d.more(Field.EXPECT_BODY_NOT), Field.EXPECT_BODY_NOT, errors);
        List<JsonRule> rules = new ArrayList<>();
        try {
            rules.addAll(JsonRule.parseAll(d.more(Field.EXPECT_JSON)));
        } catch (IllegalArgumentException e) {
            errors.put(Field.EXPECT_JSON, e.getMessage());
        }
        if (actuator && !rules.contains(JsonRule.ACTUATOR)) {
            rules.add(0, JsonRule.ACTUATOR);
        }
        Duration latencyMax = null;
        if (!blank(d.more(Field.LATENCY_MAX))) {
            latencyMax = duration(d.more(Field.LATENCY_MAX), null, Field.LATENCY_MAX, errors);
            if (latencyMax != null
                    && (latencyMax.toMillis() < 1 || (timeout != null && latencyMax.compareTo(timeout) >= 0))) {
                errors.put(Field.LATENCY_MAX, "latency max must be at least 1ms and shorter than the timeout");
            }
        }
        Assertions a = new Assertions(contains, notContains, rules, latencyMax);
        if (a.needsBody() && target != null && target.kind() != ProbeKind.HTTP) {
            errors.put(
                    rules.isEmpty() ? Field.EXPECT_BODY : Field.EXPECT_JSON,
                    "body and JSON assertions need an http:// or https:// URL");
        }
        return a;
    }

    /**
     * {@code tls_expiry}: the default when blank; a value other than off needs an https:// or wss:// URL
     * (only their checks have a certificate).
     */
    private static Duration tlsExpiry(String text, Target target, Map<Field, String> errors) {
        if (blank(text)) {
            return ProbeOptions.DEFAULT_TLS_EXPIRY;
        }
        Duration d;
        try {
            d = ProbeOptions.parseTlsExpiry(text);
        } catch (IllegalArgumentException e) {
            errors.put(Field.TLS_EXPIRY, e.getMessage());
            return ProbeOptions.DEFAULT_TLS_EXPIRY;
        }
        if (!d.isZero() && target != null && !target.hasTls()) {
            errors.put(Field.TLS_EXPIRY, "tls_expiry needs an https:// or wss:// URL (only those have a certificate)");
        }
        return d;
    }

    /** A text setting: null when blank, refused when too long or on several lines. */
    private static String text(String value, Field field, Map<Field, String> errors) {
        if (blank(value)) {
            return null;
        }
        if (value.length() > Assertions.MAX_TEXT) {
            errors.put(field, field.label() + ": at most " + Assertions.MAX_TEXT + " characters");
        } else if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            errors.put(field, field.label() + ": one line of text");
        }
        return value;
    }

    /** A yes/no setting: true, on, yes or false, off, no; blank is {@code dflt}. */
    static boolean onOff(String text, boolean dflt, Field field, Map<Field, String> errors) {
        if (blank(text)) {
            return dflt;
        }
        switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true", "on", "yes":
                return true;
            case "false", "off", "no":
                return false;
            default:
                errors.put(field, field.label() + " must be on or off");
                return dflt;
        }
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }

    private static Duration duration(String text, Duration dflt, Field field, Map<Field, String> errors) {
        if (blank(text)) {
            return dflt;
        }
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            errors.put(field, field.label() + ": " + e.getMessage());
            return null;
        }
    }

    private static int count(String text, int dflt, Field field, Map<Field, String> errors) {
        if (blank(text)) {
            return dflt;
        }
        String t = text.strip();
        if (t.length() > 3 || !t.chars().allMatch(Character::isDigit)) {
            errors.put(field, field.label() + " must be a whole number from 1 to 10");
            return dflt;
        }
        int n = Integer.parseInt(t);
        if (n < 1 || n > 10) {
            errors.put(field, field.label() + " must be 1 to 10");
        }
        return Math.max(1, Math.min(10, n));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
