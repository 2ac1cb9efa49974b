package dev.healthbot.slack.view;

import dev.healthbot.alert.MaintenanceWindow;
import dev.healthbot.alert.ResponseService;
import dev.healthbot.monitor.Durations;
import java.util.List;
import java.util.Optional;

/** The ephemeral answers to the outage post's buttons and the reminders and maintenance commands; pure. */
public final class ResponseReplies {

    private ResponseReplies() {}

    public static Reply badClick() {
        return Reply.text(":warning: That button is from an older healthbot and no longer works here.");
    }

    public static Reply of(ResponseService.Click c) {
        String name = c.monitorName() == null ? "this server" : BlockKit.code(c.monitorName());
        return Reply.text(
                switch (c.outcome()) {
                    case ACKNOWLEDGED -> ":eyes: You have " + name + ". Reminders stop; the post says so.";
                    case ALREADY_YOURS -> ":eyes: You already acknowledged " + name + " at " + Texts.date(c.at()) + ".";
                    case TAKEN ->
                        ":eyes: <@" + c.who() + "> already has " + name + " (acknowledged at " + Texts.date(c.at())
                                + ").";
                    case UNACKNOWLEDGED -> "You no longer have " + name + "; reminders resume.";
                    case NOT_YOURS ->
                        ":no_entry: Only <@" + c.who() + ">, who acknowledged " + name + ", can unacknowledge it.";
                    case NOT_ACKNOWLEDGED -> "Nobody has acknowledged " + name + ".";
                    case MUTED ->
                        ":no_bell: " + name + " is muted "
                                + (c.at() == null ? "until it recovers" : "until " + Texts.date(c.at()))
                                + ". It is still probed; `/health alerts on "
                                + (c.monitorName() == null ? "<server>" : c.monitorName())
                                + "` ends the mute early.";
                    case ALREADY_MUTED ->
                        ":no_bell: " + name + " is already muted "
                                + (c.at() == null ? "until it recovers." : "until " + Texts.date(c.at()) + ".");
                    case RECHECKING -> ":mag: Re-checking " + name + "; the result will be posted in the thread.";
                    case TOO_SOON ->
                        ":hourglass: " + name + " was re-checked a moment ago; try again in "
                                + Math.max(1, (c.retryIn().toMillis() + 999) / 1000) + " s.";
                    case RESOLVED ->
                        ":white_check_mark: This incident of " + name + " is resolved; there is nothing to do.";
                    case UNKNOWN ->
                        ":grey_question: That incident is unknown to healthbot (the server may have been removed).";
                });
    }

    public static Reply of(ResponseService.Change c) {
        if (c instanceof ResponseService.Change.Reminders r) {
            return Reply.text(
                    r.schedule().off()
                            ? ":no_bell: Reminders are off in this channel."
                            : ":alarm_clock: Outages nobody acknowledges are reminded after "
                                    + String.join(
                                            ", ",
                                            r.schedule().steps().stream()
                                                    .map(Durations::format)
                                                    .toList())
                                    + ", then daily (at most 10)"
                                    + (r.schedule().broadcast()
                                            ? "; LIVE reminders are also shown in the channel."
                                            : "."));
        }
        if (c instanceof ResponseService.Change.NotSubscribed) {
            return Reply.text(":warning: This channel is not subscribed. Subscribe it first with `/health subscribe`.");
        }
        if (c instanceof ResponseService.Change.Invalid i) {
            return Reply.text(":warning: " + BlockKit.escape(i.message()) + ".");
        }
        if (c instanceof ResponseService.Change.WindowAdded w) {
            MaintenanceWindow mw = w.window();
            return Reply.text(":construction: Maintenance #" + mw.id() + " on " + BlockKit.code(mw.label()) + " from "
                    + Texts.date(mw.startsAt()) + " until " + Texts.date(mw.end())
                    + ". No outage posts or reminders for it meanwhile. End it early with `/health maintenance end "
                    + mw.id() + "`.");
        }
        if (c instanceof ResponseService.Change.WindowEnded w) {
            return Reply.text(":white_check_mark: Maintenance #" + w.window().id() + " ended. The end post follows.");
        }
        if (c instanceof ResponseService.Change.MaintenancePosts p) {
            return maintenancePosts(Optional.of(p.on()));
        }
        long id = ((ResponseService.Change.NoSuchWindow) c).id();
        return Reply.text(
                ":warning: There is no maintenance window #" + id + " still running. See `/health maintenance list`.");
    }

    /** Whether this channel gets the start and end posts of maintenance windows. */
    public static Reply maintenancePosts(Optional<Boolean> on) {
        if (on.isEmpty()) {
            return Reply.text(":warning: This channel is not subscribed. Subscribe it first with `/health subscribe`.");
        }
        return Reply.text(
                on.get()
                        ? ":construction: This channel gets a short post when a maintenance window starts and when it"
                                + " ends. `/health maintenance posts off` turns them off."
                        : ":construction: This channel gets no maintenance start or end posts; outages still held"
                                + " back when a window ends are posted. `/health maintenance posts on` turns them on.");
    }

    public static Reply windows(List<MaintenanceWindow> windows) {
        if (windows.isEmpty()) {
            return Reply.text("No maintenance windows. Start one with `/health maintenance <server|DEV|STAGE|LIVE|all>"
                    + " <2h|until 18:00|2026-12-24T08:00> [reason]`.");
        }
        StringBuilder b = new StringBuilder("*Maintenance windows*");
        for (MaintenanceWindow w : windows.subList(0, Math.min(windows.size(), 40))) {
            b.append("\n#")
                    .append(w.id())
                    .append(" · ")
                    .append(BlockKit.code(w.label()))
                    .append(" · ")
                    .append(Texts.date(w.startsAt()))
                    .append(" to ")
                    .append(Texts.date(w.end()))
                    .append(" · by <@")
                    .append(w.createdBy())
                    .append(">");
            if (!w.reason().isBlank()) {
                b.append(" · ").append(BlockKit.escape(BlockKit.cut(w.reason(), 100)));
            }
        }
        return Reply.text(BlockKit.cut(b.toString(), 2900));
    }
}
