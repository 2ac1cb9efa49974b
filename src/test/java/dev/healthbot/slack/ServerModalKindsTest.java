package dev.healthbot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.model.view.ViewState;
import dev.healthbot.slack.view.ServerModal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The add form's three kinds and the heartbeat edit form's key box: drawn (golden, inside limits) and read back. */
class ServerModalKindsTest {

    private static Map<String, Map<String, ViewState.Value>> radio(String value) {
        ViewState.Value v = new ViewState.Value();
        v.setType("radio_buttons");
        v.setSelectedOption(option(value));
        return Map.of(ServerModal.KIND_BLOCK, Map.of(ServerModal.KIND_ACTION, v));
    }

    private static ViewState.SelectedOption option(String value) {
        ViewState.SelectedOption o = new ViewState.SelectedOption();
        o.setValue(value);
        return o;
    }

    @Test
    void theErrorSourceKindAsksOnlyForANameAndAnEnvironmentLiveByDefault() {
        var view = ServerModal.add(ServerModal.KIND_ERRORS, "shop", null);
        assertThat(view.getTitle().getText()).isEqualTo("Add an error source");
        assertThat(view.getTitle().getText().length()).isLessThanOrEqualTo(24);
        String json =
                RespondBlockKitTest.json(new dev.healthbot.slack.view.AlertMessages.Message("t", view.getBlocks()));
        assertThat(json)
                .contains("\"block_id\":\"name\"", "\"block_id\":\"kind\"", "\"block_id\":\"environment\"")
                .doesNotContain("\"block_id\":\"url\"", "\"block_id\":\"interval\"", "new_key")
                .contains("\"initial_option\":{\"text\":{\"type\":\"plain_text\",\"text\":\"LIVE\"")
                .contains("\"value\":\"errors\"");
        Golden.assertMatches("server-modal-add-errors", view);
        // An unknown kind (a forged action) draws the URL check's form.
        assertThat(ServerModal.add("cron", null, null).getTitle().getText()).isEqualTo("Add a server");
    }

    @Test
    void theChosenKindAndTheRotateBoxAreReadBack() {
        assertThat(ServerModal.kind(radio("errors"))).isEqualTo(ServerModal.KIND_ERRORS);
        assertThat(ServerModal.kind(radio("heartbeat"))).isEqualTo(ServerModal.KIND_HEARTBEAT);
        assertThat(ServerModal.kind(radio("anything"))).isEqualTo(ServerModal.KIND_URL);
        assertThat(ServerModal.kind(Map.of())).isEqualTo(ServerModal.KIND_URL);

        ViewState.Value ticked = new ViewState.Value();
        ticked.setType("checkboxes");
        ticked.setSelectedOptions(List.of(option("rotate")));
        assertThat(ServerModal.rotate(Map.of(ServerModal.ROTATE_BLOCK, Map.of(ServerModal.ROTATE_ACTION, ticked))))
                .isTrue();
        ViewState.Value empty = new ViewState.Value();
        empty.setType("checkboxes");
        empty.setSelectedOptions(List.of());
        assertThat(ServerModal.rotate(Map.of(ServerModal.ROTATE_BLOCK, Map.of(ServerModal.ROTATE_ACTION, empty))))
                .isFalse();
        assertThat(ServerModal.rotate(Map.of())).isFalse();
    }
}
