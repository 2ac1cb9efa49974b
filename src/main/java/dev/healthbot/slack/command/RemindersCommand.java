package dev.healthbot.slack.command;

import dev.healthbot.alert.ResponseService;
import dev.healthbot.slack.Access;
import dev.healthbot.slack.view.Reply;
import dev.healthbot.slack.view.ResponseReplies;

/** {@code /health reminders [off|30m,2h,8h] [broadcast]}: how this channel is reminded of outages nobody has. */
public final class RemindersCommand implements Subcommand {

    private final ResponseService responses;

    public RemindersCommand(ResponseService responses) {
        this.responses = responses;
    }

    @Override
    public String name() {
        return "reminders";
    }

    @Override
    public Access access() {
        return Access.CHANGE;
    }

    @Override
    public Access access(String args) {
        return args == null || args.isBlank() ? Access.READ : Access.CHANGE;
    }

    @Override
    public String usage() {
        return "/health reminders [off|30m,2h,8h] [broadcast]";
    }

    @Override
    public String summary() {
        return "reminders in the thread while an outage is unacknowledged (default 30m,2h,8h, then daily)";
    }

    @Override
    public Reply handle(CommandRequest request) {
        String args = request.args() == null ? "" : request.args().strip();
        if (args.isEmpty()) {
            return responses
                    .reminders(request.channelId())
                    .map(s -> ResponseReplies.of(new ResponseService.Change.Reminders(s)))
                    .orElseGet(() -> ResponseReplies.of(new ResponseService.Change.NotSubscribed()));
        }
        if (args.length() > 200) {
            return Reply.text(":warning: Usage: `" + usage() + "`.");
        }
        return ResponseReplies.of(responses.setReminders(request.channelId(), args, request.userId()));
    }
}
