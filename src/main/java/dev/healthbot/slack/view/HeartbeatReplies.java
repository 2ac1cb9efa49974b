package dev.healthbot.slack.view;

import com.slack.api.model.block.LayoutBlock;
import dev.healthbot.monitor.Durations;
import dev.healthbot.monitor.HeartbeatRecord;
import dev.healthbot.monitor.HeartbeatService;
import dev.healthbot.monitor.MonitorSettings;
import dev.healthbot.monitor.ProbeResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the bot answers about a heartbeat: its ping URL with copy-paste examples (only to someone
 * allowed to change servers: the URL is the secret), and its last ping and next due time. Pure.
 */
public final class HeartbeatReplies {

    /** How much of the last ping's body {@code check} shows. */
    public static final int BODY_SHOWN = 1500;

    private HeartbeatReplies() {}

    /** The reply after adding, editing or re-keying a heartbeat: its ping URL and how to call it. */
    public static Reply pingUrl(HeartbeatService.View v, PingUrls urls, String verb) {
        String name = v.monitor().name();
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(BlockKit.section(":white_check_mark: " + BlockKit.code(name) + " " + verb + ": "
                + describe(v.monitor().settings()) + ". It is PENDING until its first ping."));
        String url = urls.url(v.record().key().value());
        if (url == null) {
            blocks.add(BlockKit.section(":warning: The HTTP endpoint is off (`HEALTHBOT_HTTP_ADDR=off`), so this "
                    + "heartbeat cannot be pinged. Turn it on and run `/health edit " + name + "` to see its URL."));
            return new Reply(name + " " + verb + "; the HTTP endpoint is off", blocks);
        }
        blocks.add(BlockKit.section("*Ping URL* (keep it secret: anyone with it can ping):\n```" + url + "```"));
        blocks.add(BlockKit.section(
                "*From a shell or a script*, at the end of each successful run:\n```curl -fsS -m 10 --retry 3 "
                        + url + "```\nA failure: `" + url + "/fail`; an exit code: `" + url + "/$?`; a run's start: `"
                        + url + "/start`. A POST body (the last log lines, up to 10 KiB) is kept with the ping."));
        blocks.add(BlockKit.section("*crontab*:\n```" + cron(v.monitor().settings())
                + " /usr/local/bin/backup.sh && curl -fsS -m 10 --retry 3 " + url + " > /dev/null```"));
        blocks.add(
                BlockKit.section("*GitHub Actions step*, last in the job:\n```- name: Ping healthbot\n  if: always()\n"
                        + "  run: curl -fsS -m 10 --retry 3 \"" + url
                        + "/${{ job.status == 'success' && '0' || '1' }}\"```"));
        if (!urls.configured()) {
            blocks.add(
                    BlockKit.context(":information_source: This is the bot's local address. Set `HEALTHBOT_PUBLIC_URL`"
                            + " to the address your jobs reach healthbot at, and it is shown here instead."));
        }
        blocks.add(BlockKit.context(
                "`/health edit " + name + "` shows this again; tick *New key* there to replace the key."));
        return new Reply(
                name + " " + verb + ": ping URL " + url + " (keep it secret) · e.g. curl -fsS -m 10 --retry 3 " + url
                        + " · `/health edit " + name + "` shows it again",
                blocks);
    }

    /** {@code /health check} of a heartbeat: status, last ping, next due, last run, last body; no key. */
    public static Reply check(HeartbeatService.View v) {
        MonitorSettings s = v.monitor().settings();
        HeartbeatRecord r = v.record();
        ProbeResult last = v.state().last();
        String head = Texts.emoji(v.state().status()) + " *"
                + BlockKit.escape(v.monitor().name()) + "* is " + v.state().status() + " (heartbeat)";
        StringBuilder body = new StringBuilder();
        body.append("Expected: every ")
                .append(Durations.human(s.period()))
                .append(", grace ")
                .append(Durations.human(s.grace()))
                .append(", ")
                .append(s.environment())
                .append('\n');
        body.append("Last ping: ").append(r.lastPingAt() == null ? "none yet" : Texts.date(r.lastPingAt()));
        if (last != null) {
            body.append(" (")
                    .append(last.up() ? "success" : "failure: " + BlockKit.escape(last.detail()))
                    .append(')');
        }
        body.append('\n');
        Instant due = v.nextDue();
        body.append("Next due: ").append(due == null ? "after the first ping" : Texts.date(due));
        if (r.nextDeadline() != null) {
            body.append(", DOWN if silent past ").append(Texts.date(r.nextDeadline()));
        }
        body.append('\n');
        if (r.lastStartAt() != null) {
            body.append("Running since ").append(Texts.date(r.lastStartAt())).append('\n');
        }
        if (r.lastDuration() != null) {
            body.append("Last run took ")
                    .append(Durations.human(r.lastDuration()))
                    .append('\n');
        }
        if (r.lastExitCode() != null) {
            body.append("Last exit code: ").append(r.lastExitCode()).append('\n');
        }
        body.append("Key: ").append(BlockKit.code(r.key().hint())).append(" (`/health edit` shows the URL)");
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(BlockKit.section(head));
        blocks.add(BlockKit.section(body.toString()));
        if (r.lastBody() != null && !r.lastBody().isBlank()) {
            blocks.add(BlockKit.section("*Last ping's body:*\n```"
                    + BlockKit.cut(BlockKit.escape(r.lastBody().replace("```", "'''")), BODY_SHOWN) + "```"));
        }
        return new Reply(v.monitor().name() + " is " + v.state().status(), blocks);
    }

    public static String describe(MonitorSettings s) {
        return "heartbeat every " + Durations.format(s.period()) + ", grace " + Durations.format(s.grace()) + ", "
                + s.environment();
    }

    /** A crontab schedule close to the period (minute-based; periods over a day run daily). */
    static String cron(MonitorSettings s) {
        long minutes = s.period().toMinutes();
        if (minutes < 60 && 60 % minutes == 0) {
            return minutes == 1 ? "* * * * *" : "*/" + minutes + " * * * *";
        }
        long hours = s.period().toHours();
        if (minutes % 60 == 0 && hours < 24 && 24 % hours == 0) {
            return hours == 1 ? "0 * * * *" : "0 */" + hours + " * * *";
        }
        return "0 3 * * *";
    }
}
