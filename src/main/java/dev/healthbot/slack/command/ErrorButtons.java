package dev.healthbot.slack.command;

import dev.healthbot.errors.ErrorActions;
import dev.healthbot.slack.Access;
import dev.healthbot.slack.view.ErrorMessages;
import dev.healthbot.slack.view.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The buttons on an error post: Resolve, Reopen, Mute 1 h / 24 h / forever, Unmute. A click changes
 * the group (the value is only its id; the gate in {@link Handlers} decides who may) and leaves the
 * message to the outbox, which edits every channel's post to show who clicked.
 */
public final class ErrorButtons implements ActionHandler {

    private final String actionId;
    private final String action;
    private final BiFunction<Long, String, Optional<?>> apply;

    private ErrorButtons(String actionId, String action, BiFunction<Long, String, Optional<?>> apply) {
        this.actionId = actionId;
        this.action = action;
        this.apply = apply;
    }

    /** One handler per button. */
    public static List<ActionHandler> all(ErrorActions actions) {
        return List.of(
                new ErrorButtons(ErrorMessages.RESOLVE, "errors resolve", actions::resolve),
                new ErrorButtons(ErrorMessages.REOPEN, "errors reopen", actions::reopen),
                new ErrorButtons(
                        ErrorMessages.MUTE_HOUR, "errors mute", (g, u) -> actions.mute(g, Duration.ofHours(1), u)),
                new ErrorButtons(
                        ErrorMessages.MUTE_DAY, "errors mute", (g, u) -> actions.mute(g, Duration.ofHours(24), u)),
                new ErrorButtons(ErrorMessages.MUTE_FOREVER, "errors mute", (g, u) -> actions.mute(g, null, u)),
                new ErrorButtons(ErrorMessages.UNMUTE, "errors unmute", (g, u) -> actions.mute(g, Duration.ZERO, u)));
    }

    @Override
    public String actionId() {
        return actionId;
    }

    @Override
    public Access access() {
        return Access.CHANGE;
    }

    @Override
    public String action() {
        return action;
    }

    /** The buttons sit on channel posts: an answer (a refusal, a stale group) goes to the clicker alone. */
    @Override
    public boolean replacesOriginal() {
        return false;
    }

    @Override
    public Reply clicked(String userId, String channelId, String value) {
        long groupId;
        try {
            groupId = Long.parseLong(value == null ? "" : value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
        apply.apply(groupId, userId);
        // The post is edited through the outbox (every channel's copy, who clicked included).
        return null;
    }
}
