package dev.healthbot.slack.command;

import dev.healthbot.monitor.CheckResult;
import dev.healthbot.monitor.HeartbeatService;
import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.MonitorService;
import dev.healthbot.slack.view.BlockKit;
import dev.healthbot.slack.view.HeartbeatReplies;
import dev.healthbot.slack.view.Reply;
import dev.healthbot.slack.view.ServerReplies;
import dev.healthbot.slack.view.Texts;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code /health check <name>}: probes now, off the Slack thread, and answers with the result. */
public final class CheckCommand implements Subcommand {

    private final MonitorService monitors;
    private final HeartbeatService heartbeats;

    public CheckCommand(MonitorService monitors, HeartbeatService heartbeats) {
        this.monitors = monitors;
        this.heartbeats = heartbeats;
    }

    @Override
    public String name() {
        return "check";
    }

    @Override
    public String usage() {
        return "/health check <name>";
    }

    @Override
    public String summary() {
        return "probe a server now and show status, latency and failure";
    }

    @Override
    public Reply handle(CommandRequest request) {
        Args args = Args.parse(request.args());
        if (args.words().size() != 1 || !args.options().isEmpty()) {
            return Reply.text(":warning: Usage: `" + usage() + "`.");
        }
        String name = args.words().get(0);
        Optional<Monitor> monitor = monitors.find(name);
        if (monitor.isEmpty()) {
            return ServerReplies.notFound(name);
        }
        Monitor m = monitor.get();
        if (m.settings().heartbeat()) {
            // Pinged, not probed: what the pings told, at once.
            return HeartbeatReplies.check(heartbeats.view(m));
        }
        request.later().respondLater(() -> {
            CompletableFuture<CheckResult> running = monitors.checkNow(m.name());
            try {
                long waitMs = m.settings().timeout().toMillis() + 5_000;
                CheckResult result = running.get(waitMs, TimeUnit.MILLISECONDS);
                return result instanceof CheckResult.Checked c ? reply(c) : ServerReplies.notFound(m.name());
            } catch (TimeoutException e) {
                return Reply.text(":hourglass: The check of " + BlockKit.code(m.name()) + " did not finish in time.");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Reply.text(":warning: The check was interrupted.");
            } catch (ExecutionException e) {
                return Reply.text(
                        ":warning: The check of " + BlockKit.code(m.name()) + " failed on our side; it is logged.");
            }
        });
        return Reply.text(":mag: Checking " + BlockKit.code(m.name()) + "…");
    }

    /** The answer for one finished check; pure. */
    public static Reply reply(CheckResult.Checked o) {
        var r = o.result();
        String head = Texts.emoji(o.state().status()) + " *"
                + BlockKit.escape(o.monitor().name()) + "* is " + o.state().status();
        String body = "Target: " + BlockKit.code(o.monitor().settings().target().masked()) + "\n"
                + "This check: " + (r.up() ? "up" : "down") + " in "
                + r.latency().toMillis() + " ms"
                + (r.up() ? "" : ", failure " + r.failure()) + "\n"
                + "Detail: " + (r.detail().isBlank() ? "none" : BlockKit.escape(r.detail()))
                + (o.state().certNotAfter() == null
                                || !o.monitor().settings().target().hasTls()
                        ? ""
                        : "\nCertificate: valid until " + Texts.date(o.state().certNotAfter())
                                + Texts.certificate(o.monitor().settings(), o.state()));
        return new Reply(
                // The fallback text is mrkdwn too: the target's own words are escaped and cut like in the blocks.
                o.monitor().name() + " is " + o.state().status() + ": "
                        + BlockKit.cut(BlockKit.escape(r.detail()), 500),
                java.util.List.of(BlockKit.section(head), BlockKit.section(body)));
    }
}
