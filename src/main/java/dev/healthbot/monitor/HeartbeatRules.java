package dev.healthbot.monitor;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * The pure rules of a heartbeat: what a ping or a missed deadline means for its record and its
 * status, and when the next deadline falls. The status itself moves through the same
 * {@link StatusMachine} as a URL check's. Stateless and thread-safe.
 */
public final class HeartbeatRules {

    /** How much of a ping's body a failure's detail quotes (the whole body stays in the record). */
    public static final int DETAIL_BODY = 300;

    /**
     * What one event changes.
     *
     * @param record the heartbeat's record afterwards, its next deadline set
     * @param result the result fed to the state machine, or null when the status is not concerned (a start)
     * @param step the state machine's step for {@code result}, or null with it
     */
    public record Outcome(HeartbeatRecord record, ProbeResult result, StatusMachine.Step step) {}

    private HeartbeatRules() {}

    /** A ping arrived at {@code now}; {@code body} is kept (cut to {@link HeartbeatRecord#MAX_BODY}) when not empty. */
    public static Outcome ping(
            long monitorId,
            HeartbeatRecord hb,
            MonitorState state,
            MonitorSettings settings,
            Ping ping,
            String body,
            Instant now) {
        String kept = body == null || body.isEmpty() ? hb.lastBody() : cut(body);
        if (ping.kind() == Ping.Kind.START) {
            HeartbeatRecord next = new HeartbeatRecord(
                    hb.monitorId(),
                    hb.key(),
                    hb.keyCreatedAt(),
                    hb.lastPingAt(),
                    now,
                    hb.lastDuration(),
                    hb.lastExitCode(),
                    kept,
                    now.plus(settings.grace()));
            return new Outcome(next, null, null);
        }
        Duration run = hb.lastStartAt() == null || hb.lastStartAt().isAfter(now)
                ? null
                : Duration.between(hb.lastStartAt(), now);
        ProbeResult result;
        if (ping.success()) {
            result = ProbeResult.up(
                    now, run == null ? Duration.ZERO : run, run == null ? "ping" : "run took " + Durations.human(run));
        } else {
            String what = ping.kind() == Ping.Kind.EXIT
                    ? "the job exited with code " + ping.exitCode()
                    : "the job reported a failure";
            String tail = body == null || body.isBlank() ? "" : ": " + tail(body.strip(), DETAIL_BODY);
            result = ProbeResult.down(now, run == null ? Duration.ZERO : run, FailureKind.JOB_FAILED, what + tail);
        }
        StatusMachine.Step step = StatusMachine.next(monitorId, state, result, settings.thresholds());
        HeartbeatRecord heard = new HeartbeatRecord(
                hb.monitorId(),
                hb.key(),
                hb.keyCreatedAt(),
                now,
                null,
                ping.success() && run != null ? run : hb.lastDuration(),
                ping.kind() == Ping.Kind.EXIT ? ping.exitCode() : null,
                kept,
                null);
        return new Outcome(heard.withDeadline(deadline(heard, step.state(), settings)), result, step);
    }

    /**
     * The deadline {@code deadline} passed without a ping: a failure at the deadline. Afterwards the next
     * deadline is one more period on while the server is not DOWN yet (thresholds above 1), none once it
     * is (its silence is then no news).
     */
    public static Outcome missed(
            long monitorId, HeartbeatRecord hb, MonitorState state, MonitorSettings settings, Instant deadline) {
        String detail;
        if (hb.lastStartAt() != null && !hb.lastStartAt().plus(settings.grace()).isAfter(deadline)) {
            detail = "a run started at " + hb.lastStartAt() + " did not finish within the grace of "
                    + Durations.human(settings.grace());
        } else if (hb.lastPingAt() == null) {
            detail = "no ping yet, expected every " + Durations.human(settings.period());
        } else {
            detail = "no ping for " + Durations.human(Duration.between(hb.lastPingAt(), deadline))
                    + " (expected every " + Durations.human(settings.period()) + ", grace "
                    + Durations.human(settings.grace()) + "; last ping " + hb.lastPingAt() + ")";
        }
        ProbeResult result = ProbeResult.down(deadline, Duration.ZERO, FailureKind.MISSED, detail);
        StatusMachine.Step step = StatusMachine.next(monitorId, state, result, settings.thresholds());
        Instant next = step.state().status() == Status.DOWN ? null : deadline.plus(settings.period());
        HeartbeatRecord after = new HeartbeatRecord(
                hb.monitorId(),
                hb.key(),
                hb.keyCreatedAt(),
                hb.lastPingAt(),
                null,
                hb.lastDuration(),
                hb.lastExitCode(),
                hb.lastBody(),
                next);
        return new Outcome(after, result, step);
    }

    /**
     * When silence next becomes an outage, from the record and the status alone (after a ping, and when
     * the period or grace was edited): a started run must end within the grace; after a ping the next is
     * due within the period plus the grace; nothing is expected before the first ping or while DOWN.
     */
    public static Instant deadline(HeartbeatRecord hb, MonitorState state, MonitorSettings settings) {
        if (hb.lastStartAt() != null) {
            return hb.lastStartAt().plus(settings.grace());
        }
        if (hb.lastPingAt() == null || state.status() == Status.DOWN) {
            return null;
        }
        return hb.lastPingAt().plus(settings.period()).plus(settings.grace());
    }

    /** When the next ping is due (without the grace), for people; null before the first ping. */
    public static Instant nextDue(HeartbeatRecord hb, MonitorSettings settings) {
        return hb.lastPingAt() == null ? null : hb.lastPingAt().plus(settings.period());
    }

    /** The body cut to {@link HeartbeatRecord#MAX_BODY} bytes of UTF-8, on a character boundary, with a marker. */
    static String cut(String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        if (b.length <= HeartbeatRecord.MAX_BODY) {
            return body;
        }
        String marker = "\n… (cut)";
        int room = HeartbeatRecord.MAX_BODY - marker.getBytes(StandardCharsets.UTF_8).length;
        StringBuilder out = new StringBuilder();
        int used = 0;
        for (int i = 0; i < body.length(); ) {
            int cp = body.codePointAt(i);
            int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (used + n > room) {
                break;
            }
            out.appendCodePoint(cp);
            used += n;
            i += Character.charCount(cp);
        }
        return out.append(marker).toString();
    }

    /** The last {@code max} characters of a text (a job's log ends with what went wrong), with a marker when cut. */
    static String tail(String text, int max) {
        return text.length() <= max ? text : "…" + text.substring(text.length() - max + 1);
    }
}
