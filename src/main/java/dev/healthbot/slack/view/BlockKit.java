package dev.healthbot.slack.view;

import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.slack.api.model.block.Blocks;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import java.util.List;

/** Small pure builders that keep every piece of text inside Slack's Block Kit limits. */
public final class BlockKit {

    public static final int HEADER_MAX = 150;
    public static final int SECTION_MAX = 3000;
    public static final int CONTEXT_MAX = 2000;
    public static final int MAX_MESSAGE_BLOCKS = 50;
    public static final String CUT = "… (cut)";

    private BlockKit() {}

    public static SectionBlock section(String mrkdwn) {
        return Blocks.section(s -> s.text(markdownText(cut(mrkdwn, SECTION_MAX))));
    }

    public static HeaderBlock header(String text) {
        return Blocks.header(h -> h.text(plainText(cut(text, HEADER_MAX), true)));
    }

    public static ContextBlock context(String mrkdwn) {
        return Blocks.context(List.of(markdownText(cut(mrkdwn, CONTEXT_MAX))));
    }

    /** Cuts text to at most {@code max} characters, ending with a visible marker when cut. */
    public static String cut(String text, int max) {
        if (text == null) {
            return "";
        }
        if (text.length() <= max) {
            return text;
        }
        return text.substring(0, max - CUT.length()) + CUT;
    }

    /**
     * Makes user-typed or remote text inert in mrkdwn: no mentions, no links, no formatting
     * surprises. Slack treats {@code &}, {@code <} and {@code >} as control characters.
     */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Escapes and wraps text as inline code, so markup inside it is shown, not applied. */
    public static String code(String text) {
        String t = escape(text).replace("`", "'");
        return t.isEmpty() ? "" : "`" + t + "`";
    }

    static List<LayoutBlock> blocks(LayoutBlock... blocks) {
        return List.of(blocks);
    }
}
