package dev.healthbot.slack.command;

import com.slack.api.model.view.View;
import dev.healthbot.slack.view.Reply;

/**
 * Work that answers a command after its ack: the reply goes through the command's
 * {@code response_url}, the modal through {@code views.open}. Implementations run the work off the
 * Socket Mode thread, retry what Slack refuses for a while and log what still fails.
 */
public interface Responder {

    /** Runs {@code work} in the background and sends its reply, ephemeral, to the user. */
    void respondLater(java.util.function.Supplier<Reply> work);

    /** Opens a modal for the user now (the trigger id lives 3 s). */
    void openModal(View view);
}
