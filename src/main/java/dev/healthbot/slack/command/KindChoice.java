package dev.healthbot.slack.command;

import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import dev.healthbot.monitor.Field;
import dev.healthbot.slack.view.ServerModal;
import java.util.Map;

/**
 * The add form's "Kind" choice: a change redraws the form as a URL check's, a heartbeat's or an error source's, keeping
 * the name and environment typed so far (the transport sends it with {@code views.update}). Pure and
 * thread-safe; it changes nothing saved, so anyone who could open the form may use it.
 */
public final class KindChoice {

    public String actionId() {
        return ServerModal.KIND_ACTION;
    }

    /** The form to show after {@code chosen} ({@code url}, {@code heartbeat} or {@code errors}) was picked in a form whose state is {@code state}. */
    public View redraw(String chosen, Map<String, Map<String, ViewState.Value>> state) {
        return ServerModal.add(
                chosen, ServerModal.typed(state, Field.NAME), ServerModal.typed(state, Field.ENVIRONMENT));
    }
}
