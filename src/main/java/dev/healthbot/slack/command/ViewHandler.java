package dev.healthbot.slack.command;

import com.slack.api.model.view.ViewState;
import dev.healthbot.slack.Access;
import java.util.Map;

/** Handles the submission of one kind of modal, named by its callback id; thread-safe. */
public interface ViewHandler {

    String callbackId();

    /** What a submission does, for the permission gate. */
    default Access access() {
        return Access.CHANGE;
    }

    /** What the user tried, for the log line of a refusal. */
    String action();

    /** The block under which an error about the whole form is shown, e.g. a refusal. */
    String formErrorBlock();

    /** What the modal answers: close it, or show an error under each named block. */
    sealed interface Result {
        /** Close the modal; {@code notice}, when not null, is sent to the user as a direct message. */
        record Close(String userNotice) implements Result {}

        /** Keep the modal open with an error under each block id. */
        record Errors(Map<String, String> errorsByBlock) implements Result {}
    }

    Result submit(String userId, String privateMetadata, Map<String, Map<String, ViewState.Value>> values);
}
