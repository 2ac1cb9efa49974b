package dev.healthbot.slack;

import com.slack.api.model.view.ViewState;
import java.util.Map;

/** Handles the submission of one kind of modal, named by its callback id; thread-safe. */
public interface ViewHandler {

    String callbackId();

    /** What a submission attempts, checked by {@link AccessPolicy} before {@link #submit}; a change by default. */
    default AccessPolicy.Attempt attempt() {
        return AccessPolicy.Attempt.change(callbackId());
    }

    /** What the modal answers: close it, or show an error under each named block. */
    sealed interface Result {
        /** Close the modal; {@code notice}, when not null, is sent to the user as a direct message. */
        record Close(String userNotice) implements Result {}

        /** Keep the modal open with an error under each block id. */
        record Errors(Map<String, String> errorsByBlock) implements Result {}
    }

    Result submit(String userId, String privateMetadata, Map<String, Map<String, ViewState.Value>> values);
}
