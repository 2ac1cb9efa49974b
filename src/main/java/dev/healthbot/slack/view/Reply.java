package dev.healthbot.slack.view;

import com.slack.api.model.block.LayoutBlock;
import java.util.List;

/** An ephemeral answer to a user: a plain-text fallback and optional blocks; immutable. */
public record Reply(String text, List<LayoutBlock> blocks) {

    public Reply {
        blocks = blocks == null ? List.of() : List.copyOf(blocks);
    }

    public static Reply text(String text) {
        return new Reply(text, List.of(BlockKit.section(text)));
    }
}
