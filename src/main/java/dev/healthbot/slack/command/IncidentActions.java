package dev.healthbot.slack.command;

import dev.healthbot.alert.Mute;
import dev.healthbot.alert.ResponseService;
import dev.healthbot.slack.Access;
import dev.healthbot.slack.view.AlertMessages;
import dev.healthbot.slack.view.Reply;
import dev.healthbot.slack.view.ResponseReplies;
import java.util.List;
import java.util.Optional;

/**
 * The buttons of an outage post: Acknowledge, Unacknowledge, Re-check now and the Mute menu. Each click is answered
 * ephemerally to the clicker; the post itself is edited through the follow-up outbox. The value names the incident
 * only: authority comes from the access gate and the incident as stored, never from the payload. Thread-safe.
 */
public final class IncidentActions {

    private IncidentActions() {}

    /** The four handlers, for the table. */
    public static List<ActionHandler> all(ResponseService responses) {
        return List.of(
                new Handler(AlertMessages.ACK, Access.READ, responses),
                new Handler(AlertMessages.UNACK, Access.READ, responses),
                new Handler(AlertMessages.RECHECK, Access.READ, responses),
                new Handler(AlertMessages.MUTE, Access.CHANGE, responses));
    }

    /** One button kind. */
    static final class Handler implements ActionHandler {
        private final String actionId;
        private final Access access;
        private final ResponseService responses;

        Handler(String actionId, Access access, ResponseService responses) {
            this.actionId = actionId;
            this.access = access;
            this.responses = responses;
        }

        @Override
        public String actionId() {
            return actionId;
        }

        @Override
        public Access access() {
            return access;
        }

        @Override
        public boolean replacesOriginal() {
            return false;
        }

        @Override
        public Reply clicked(String userId, String channelId, String value) {
            String v = value == null ? "" : value.strip();
            if (actionId.equals(AlertMessages.MUTE)) {
                int colon = v.indexOf(':');
                Optional<Mute.Choice> choice = colon < 0 ? Optional.empty() : Mute.Choice.parse(v.substring(0, colon));
                Optional<Long> id = colon < 0 ? Optional.empty() : incidentId(v.substring(colon + 1));
                if (choice.isEmpty() || id.isEmpty()) {
                    return ResponseReplies.badClick();
                }
                return ResponseReplies.of(responses.mute(id.get(), choice.get(), userId));
            }
            Optional<Long> id = incidentId(v);
            if (id.isEmpty()) {
                return ResponseReplies.badClick();
            }
            return ResponseReplies.of(
                    switch (actionId) {
                        case AlertMessages.ACK -> responses.acknowledge(id.get(), userId);
                        case AlertMessages.UNACK -> responses.unacknowledge(id.get(), userId);
                        default -> responses.recheck(id.get(), channelId, userId);
                    });
        }

        private static Optional<Long> incidentId(String text) {
            if (!text.matches("\\d{1,18}")) {
                return Optional.empty();
            }
            return Optional.of(Long.parseLong(text));
        }
    }
}
