package dev.healthbot.http;

import com.google.gson.JsonObject;
import dev.healthbot.config.ErrorSettings;
import dev.healthbot.errors.ErrorIntake;
import dev.healthbot.errors.ErrorReport;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The error report routes: {@code POST /errors/<key>} (plain JSON) and Sentry's {@code POST
 * /api/<id>/envelope/} and {@code POST /api/<id>/store/}, with CORS for the browser origins in {@code
 * HEALTHBOT_CORS_ORIGINS} (preflight {@code OPTIONS} answered). Each reads the body (inflating gzip
 * within a cap), parses it, and hands the report to {@link ErrorIntake}; bad input is answered 4xx
 * with the reason, never 500. Thread-safe.
 */
public final class ErrorRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorRoutes.class);
    private static final Pattern SENTRY_PATH = Pattern.compile("(\\d{1,18})/(envelope|store)/?");
    private static final String ALLOWED_HEADERS =
            "content-type, content-encoding, x-sentry-auth, sentry-trace, baggage";

    private final ErrorIntake intake;
    private final ErrorSettings settings;
    private final LongAdder refused = new LongAdder();

    public ErrorRoutes(ErrorIntake intake, ErrorSettings settings) {
        this.intake = intake;
        this.settings = settings;
    }

    /** {@code /errors/<key>}. */
    public Route plain() {
        return call -> cors(call, () -> {
            String key = call.key();
            if (!call.rest().equals(key) && !call.rest().equals(key + "/")) {
                return Reply.text(404, "not found");
            }
            JsonObject o = ReportBodies.object(body(call), "the body");
            ErrorReport report = PlainReports.parse(o);
            if (intake.accept(key, Optional.empty(), report) instanceof ErrorIntake.Outcome.Accepted a) {
                return Reply.json(
                        202, "{\"status\":\"accepted\",\"group\":" + a.groupId() + ",\"new\":" + a.opened() + "}");
            }
            return Reply.text(404, "no error source has this key");
        });
    }

    /** {@code /api/<id>/envelope/} and {@code /api/<id>/store/}. */
    public Route sentry() {
        return call -> cors(call, () -> {
            var m = SENTRY_PATH.matcher(call.rest());
            if (!m.matches()) {
                return Reply.text(404, "not found: Sentry's endpoints are /api/<id>/envelope/ and /api/<id>/store/");
            }
            long id = Long.parseLong(m.group(1));
            Optional<String> key = SentryReports.key(call.header("x-sentry-auth"), call.query());
            byte[] raw = ReportBodies.decode(
                    call.body(), call.header("content-encoding").orElse(null));
            ErrorReport report;
            String eventId = null;
            if (m.group(2).equals("envelope")) {
                SentryReports.Envelope env = SentryReports.envelope(raw);
                if (key.isEmpty()) {
                    key = env.dsnKey();
                }
                eventId = env.header().get("event_id") != null
                                && env.header().get("event_id").isJsonPrimitive()
                        ? env.header().get("event_id").getAsString()
                        : null;
                if (key.isEmpty()) {
                    return Reply.text(401, "no key: send X-Sentry-Auth with sentry_key, or ?sentry_key=");
                }
                if (env.event().isEmpty()) {
                    // Sessions, transactions, client reports, attachments: accepted and dropped.
                    return Reply.json(200, "{}");
                }
                report = SentryReports.event(env.event().get());
            } else {
                if (key.isEmpty()) {
                    return Reply.text(401, "no key: send X-Sentry-Auth with sentry_key, or ?sentry_key=");
                }
                JsonObject event = ReportBodies.object(ReportBodies.utf8(raw), "the event");
                eventId = event.get("event_id") != null && event.get("event_id").isJsonPrimitive()
                        ? event.get("event_id").getAsString()
                        : null;
                report = SentryReports.event(event);
            }
            if (intake.accept(key.get(), Optional.of(id), report) instanceof ErrorIntake.Outcome.Accepted) {
                return Reply.json(200, "{\"id\":\"" + hex(eventId) + "\"}");
            }
            return Reply.text(403, "the key does not belong to this project");
        });
    }

    /** Requests answered 4xx for bad input since start. */
    public long refused() {
        return refused.sum();
    }

    private interface Work {
        Reply run() throws BadReport;
    }

    private Reply cors(Call call, Work work) {
        Optional<String> origin = call.header("origin");
        boolean allowed = origin.isPresent() && settings.allows(origin.get());
        if (call.method().equals("OPTIONS")) {
            if (!allowed) {
                return Reply.text(403, "origin not allowed: add it to HEALTHBOT_CORS_ORIGINS");
            }
            return withCors(Reply.text(204, ""), origin.get())
                    .with("Access-Control-Allow-Methods", "POST, OPTIONS")
                    .with("Access-Control-Allow-Headers", ALLOWED_HEADERS)
                    .with("Access-Control-Max-Age", "600");
        }
        Reply reply;
        try {
            reply = work.run();
        } catch (BadReport e) {
            refused.increment();
            LOG.debug("error report refused status={} reason={}", e.status(), e.getMessage());
            reply = Reply.text(e.status(), e.getMessage());
        }
        return allowed ? withCors(reply, origin.get()) : reply;
    }

    private static Reply withCors(Reply r, String origin) {
        return r.with("Access-Control-Allow-Origin", origin).with("Vary", "Origin");
    }

    private static String body(Call call) throws BadReport {
        return ReportBodies.utf8(
                ReportBodies.decode(call.body(), call.header("content-encoding").orElse(null)));
    }

    private static String hex(String eventId) {
        return eventId != null && eventId.matches("[0-9a-fA-F-]{32,36}")
                ? eventId.replace("-", "").toLowerCase(Locale.ROOT)
                : "00000000000000000000000000000000";
    }
}
