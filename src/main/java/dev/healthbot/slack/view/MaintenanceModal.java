package dev.healthbot.slack.view;

import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.block.element.BlockElements.staticSelect;

import com.slack.api.model.block.Blocks;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionGroupObject;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import com.slack.api.model.view.Views;
import dev.healthbot.monitor.Environment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The maintenance form ({@code /health maintenance} with no arguments): what it covers (all servers, an
 * environment or one server), until when, and why; and reading a submission back. Pure.
 */
public final class MaintenanceModal {

    public static final String CALLBACK = "maintenance_add";
    public static final String ACTION = "value";
    public static final String TARGET_BLOCK = "target";

    /** Shown only when there are more servers than the select can hold: a server typed by name. */
    public static final String SERVER_NAME_BLOCK = "server_name";

    public static final String WHEN_BLOCK = "until";
    public static final String REASON_BLOCK = "reason";
    public static final int MAX_REASON = 500;

    /** A select holds at most 100 options: all, the three environments and this many servers. */
    static final int MAX_SERVER_OPTIONS = 96;

    /**
     * A submission as typed; any part may be null when left empty.
     *
     * @param typedServer the target was typed in {@link #SERVER_NAME_BLOCK}, not chosen
     */
    public record Draft(String target, String when, String reason, boolean typedServer) {}

    private MaintenanceModal() {}

    /** The empty form; {@code servers} are the names offered in the target select (sorted by the caller). */
    public static View build(List<String> servers) {
        List<OptionObject> everything = new ArrayList<>();
        everything.add(option(plainText("All servers"), "all"));
        List<OptionObject> envs = Arrays.stream(Environment.values())
                .map(e -> option(plainText("Every " + e.name() + " server"), e.name()))
                .toList();
        List<OptionObject> names = servers.stream()
                .limit(MAX_SERVER_OPTIONS)
                .map(n -> option(plainText(BlockKit.cut(n, 75)), n))
                .toList();
        List<OptionGroupObject> groups = new ArrayList<>();
        groups.add(OptionGroupObject.builder()
                .label(plainText("Everything"))
                .options(everything)
                .build());
        groups.add(OptionGroupObject.builder()
                .label(plainText("An environment"))
                .options(envs)
                .build());
        if (!names.isEmpty()) {
            groups.add(OptionGroupObject.builder()
                    .label(plainText("A server"))
                    .options(names)
                    .build());
        }
        boolean more = servers.size() > MAX_SERVER_OPTIONS;
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(Blocks.input(i -> i.blockId(TARGET_BLOCK)
                .label(plainText("Covers"))
                .optional(more)
                .hint(plainText("probing goes on; outage posts and reminders wait until the window ends"))
                .element(staticSelect(s -> s.actionId(ACTION)
                        .placeholder(plainText("All servers, an environment or a server"))
                        .optionGroups(groups)))));
        if (more) {
            blocks.add(text(
                    SERVER_NAME_BLOCK,
                    "Or a server by name",
                    true,
                    64,
                    "the list above shows the first " + MAX_SERVER_OPTIONS + " of " + servers.size()
                            + " servers; a name typed here wins",
                    "api-live"));
        }
        blocks.add(text(
                WHEN_BLOCK,
                "Until",
                false,
                60,
                "a duration (2h, 90m), until 18:00, or 2026-12-24T08:00; clock times are in your Slack time zone",
                "2h"));
        blocks.add(text(
                REASON_BLOCK,
                "Reason",
                true,
                MAX_REASON,
                "shown in the start and end posts and in /health maintenance list",
                "database upgrade"));
        return View.builder()
                .type("modal")
                .callbackId(CALLBACK)
                .privateMetadata("")
                .title(Views.viewTitle(t -> t.type("plain_text").text("Maintenance")))
                .submit(Views.viewSubmit(t -> t.type("plain_text").text("Start")))
                .close(Views.viewClose(t -> t.type("plain_text").text("Cancel")))
                .blocks(blocks)
                .build();
    }

    /** Reads a submission; a server typed by name wins over the select. */
    public static Draft read(Map<String, Map<String, ViewState.Value>> values) {
        Map<String, Map<String, ViewState.Value>> v = values == null ? Map.of() : values;
        String typed = value(v, SERVER_NAME_BLOCK);
        String target = typed != null ? typed : value(v, TARGET_BLOCK);
        return new Draft(target, value(v, WHEN_BLOCK), value(v, REASON_BLOCK), typed != null);
    }

    private static LayoutBlock text(
            String block, String label, boolean optional, int max, String hint, String placeholder) {
        return Blocks.input(i -> i.blockId(block)
                .label(plainText(label))
                .hint(plainText(hint))
                .optional(optional)
                .element(plainTextInput(p -> p.actionId(ACTION).maxLength(max).placeholder(plainText(placeholder)))));
    }

    private static String value(Map<String, Map<String, ViewState.Value>> values, String block) {
        Map<String, ViewState.Value> b = values.get(block);
        ViewState.Value value = b == null ? null : b.get(ACTION);
        if (value == null) {
            return null;
        }
        String s = value.getSelectedOption() != null ? value.getSelectedOption().getValue() : value.getValue();
        return s == null || s.isBlank() ? null : s.strip();
    }
}
