package dev.healthbot.slack.view;

import dev.healthbot.monitor.Durations;
import dev.healthbot.monitor.MonitorState;
import dev.healthbot.monitor.ProbeResult;
import dev.healthbot.monitor.Status;
import java.time.Instant;

/** Shared wording for statuses, times and results in messages; pure. */
public final class Texts {

    private Texts() {}

    public static String emoji(Status s) {
        return switch (s) {
            case UP -> ":large_green_circle:";
            case DOWN -> ":red_circle:";
            case PENDING -> ":white_circle:";
        };
    }

    /** Slack's date token: each reader sees their own time zone; the fallback is UTC. */
    public static String date(Instant at) {
        return "<!date^" + at.getEpochSecond() + "^{date_short_pretty} {time_secs}|" + at.toString() + ">";
    }

    public static String latency(ProbeResult r) {
        return r == null ? "no check yet" : r.latency().toMillis() + " ms";
    }

    public static String result(ProbeResult r) {
        if (r == null) {
            return "not checked yet";
        }
        String detail = r.detail().isBlank() ? "" : " " + BlockKit.escape(r.detail());
        return (r.up() ? "up" : "down (" + r.failure() + ")") + " in "
                + r.latency().toMillis() + " ms:" + detail;
    }

    public static String since(MonitorState s) {
        return s.since() == null ? "" : "since " + date(s.since());
    }

    /**
     * {@code " · cert 5 d"}: the days left of an https/wss server's last seen certificate, as of its last
     * check (so the text is the same however late it is read); empty without one.
     */
    public static String certificate(dev.healthbot.monitor.MonitorSettings s, MonitorState st) {
        if (!s.target().hasTls() || st.certNotAfter() == null || st.last() == null) {
            return "";
        }
        java.time.Duration left = java.time.Duration.between(st.last().at(), st.certNotAfter());
        boolean soon = s.options().warnsOfExpiry() && left.compareTo(s.options().tlsExpiry()) < 0;
        return " · " + (soon ? ":warning: " : "") + CertificateMessages.shortLeft(left);
    }

    public static String duration(java.time.Duration d) {
        return Durations.human(d);
    }
}
