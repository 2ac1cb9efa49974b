package dev.healthbot.slack.command;

import com.slack.api.model.view.ViewState;
import dev.healthbot.slack.view.MaintenanceModal;
import dev.healthbot.slack.view.ResponseReplies;
import java.util.Map;

/**
 * Saves the maintenance form with the command's own validation: a bad target, time or reason goes back as an error
 * under its field, and nothing is saved. Thread-safe.
 */
public final class MaintenanceModalSubmission implements ViewHandler {

    private final MaintenanceCommand command;

    public MaintenanceModalSubmission(MaintenanceCommand command) {
        this.command = command;
    }

    @Override
    public String callbackId() {
        return MaintenanceModal.CALLBACK;
    }

    @Override
    public String action() {
        return "maintenance";
    }

    @Override
    public String formErrorBlock() {
        return MaintenanceModal.WHEN_BLOCK;
    }

    @Override
    public Result submit(String userId, String privateMetadata, Map<String, Map<String, ViewState.Value>> values) {
        MaintenanceModal.Draft d = MaintenanceModal.read(values);
        MaintenanceCommand.Opened opened = command.open(d.target(), d.when(), d.reason(), userId);
        if (opened instanceof MaintenanceCommand.Opened.Refused r) {
            String block =
                    switch (r.part()) {
                        case TARGET ->
                            d.typedServer() ? MaintenanceModal.SERVER_NAME_BLOCK : MaintenanceModal.TARGET_BLOCK;
                        case WHEN -> MaintenanceModal.WHEN_BLOCK;
                        case REASON -> MaintenanceModal.REASON_BLOCK;
                    };
            return new Result.Errors(Map.of(block, cap(r.message())));
        }
        return new Result.Close(ResponseReplies.of(((MaintenanceCommand.Opened.Done) opened).change())
                .text());
    }

    /** A field error is one short line. */
    private static String cap(String message) {
        return message.length() > 150 ? message.substring(0, 149) + "…" : message;
    }
}
