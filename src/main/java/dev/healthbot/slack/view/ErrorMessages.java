package dev.healthbot.slack.view;

import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.Blocks;
import com.slack.api.model.block.LayoutBlock;
import dev.healthbot.alert.PostRef;
import dev.healthbot.errors.ErrorGroup;
import dev.healthbot.errors.ErrorLevel;
import dev.healthbot.errors.ErrorSample;
import dev.healthbot.errors.ErrorView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The Block Kit of error posts: the group's top-level post (with its Resolve and Mute buttons), the
 * details reply with the stack and the request, and the milestone lines. Everything the app sent is
 * escaped (no mention, link or broadcast comes through) and cut within Slack's limits with a marker
 * saying how much was cut. Pure.
 */
public final class ErrorMessages {

    public static final String RESOLVE = "error_resolve";
    public static final String REOPEN = "error_reopen";
    public static final String MUTE_HOUR = "error_mute_1h";
    public static final String MUTE_DAY = "error_mute_24h";
    public static final String MUTE_FOREVER = "error_mute_forever";
    public static final String UNMUTE = "error_unmute";

    /** One code block's content at most, leaving room for the fences and a marker. */
    static final int CODE_CHUNK = 2_800;
    /** Stack code blocks in the details reply at most (Slack refuses more than about 12,000 characters of blocks). */
    static final int STACK_CHUNKS = 3;

    private static final Pattern BROADCAST = Pattern.compile("(?i)@(channel|here|everyone)");
    private static final Pattern SLACK_ID = Pattern.compile("[UW][A-Z0-9]{2,20}");

    private ErrorMessages() {}

    /** The top-level post, as first posted and as edited later (counter, last seen, resolved, muted). */
    public static AlertMessages.Message post(ErrorView v) {
        ErrorGroup g = v.group();
        ErrorSample s = g.sample();
        String title = emoji(s.level()) + " " + prefix(g) + s.type() + ": " + oneLine(s.message());
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(BlockKit.header(plain(title)));
        blocks.add(
                BlockKit.section(BlockKit.cut("*" + safe(s.type()) + "*: " + safe(s.message()), BlockKit.SECTION_MAX)));
        StringBuilder facts = new StringBuilder();
        facts.append("*Source:* ")
                .append(safe(v.sourceName()))
                .append(" (")
                .append(v.sourceEnvironment())
                .append(")\n");
        facts.append("*Level:* ")
                .append(s.level().name().toLowerCase(java.util.Locale.ROOT))
                .append('\n');
        line(facts, "Service", s.service());
        line(facts, "Environment", s.environment());
        line(facts, "Release", s.release());
        facts.append("*First seen:* ").append(Texts.date(g.episodeStart())).append('\n');
        facts.append("*Last seen:* ").append(Texts.date(g.lastSeen())).append('\n');
        facts.append("*Count:* ").append(g.episodeCount());
        if (g.count() != g.episodeCount()) {
            facts.append(" (")
                    .append(g.count())
                    .append(" ever, first ")
                    .append(Texts.date(g.firstSeen()))
                    .append(')');
        }
        blocks.add(BlockKit.section(facts.toString()));
        blocks.add(BlockKit.context(status(v)));
        blocks.add(buttons(v));
        String text = BlockKit.cut(
                "Error in " + safe(v.sourceName()) + ": " + safe(s.type()) + ": " + safe(oneLine(s.message())) + " ("
                        + g.episodeCount() + "×)",
                BlockKit.SECTION_MAX);
        return new AlertMessages.Message(text, blocks);
    }

    /** The thread reply with the stack trace and the request details, cut with a marker saying how much. */
    public static AlertMessages.Message details(ErrorView v) {
        ErrorSample s = v.group().sample();
        List<LayoutBlock> blocks = new ArrayList<>();
        String stack = inert(s.stack() == null || s.stack().isBlank() ? "no stack trace was sent" : s.stack());
        blocks.add(BlockKit.section("*Stack trace*"));
        int shown = 0;
        for (int i = 0; i < STACK_CHUNKS && shown < stack.length(); i++) {
            int end = chunkEnd(stack, shown);
            blocks.add(BlockKit.section("```" + stack.substring(shown, end) + "```"));
            shown = end;
        }
        if (shown < stack.length()) {
            blocks.add(BlockKit.context(":scissors: " + (stack.length() - shown)
                    + " more characters of the stack were cut (Slack's limit)."));
        }
        if (s.details() != null && !s.details().isBlank()) {
            String d = inert(s.details());
            int end = chunkEnd(d, 0);
            blocks.add(BlockKit.section("*Request and context*"));
            blocks.add(BlockKit.section("```" + d.substring(0, end) + "```"));
            if (end < d.length()) {
                blocks.add(BlockKit.context(":scissors: " + (d.length() - end) + " more characters cut."));
            }
        }
        return new AlertMessages.Message("Stack trace and request of " + safe(oneLine(s.type())), blocks);
    }

    /** The thread line at the 10th, 100th, 1,000th, ... occurrence. */
    public static AlertMessages.Message milestone(ErrorView v, long milestone) {
        String text = ":chart_with_upwards_trend: " + String.format(java.util.Locale.ROOT, "%,d", milestone)
                + " occurrences since " + Texts.date(v.group().episodeStart()) + "; last at "
                + Texts.date(v.group().lastSeen()) + ".";
        return new AlertMessages.Message(text, List.of(BlockKit.section(text)));
    }

    private static String prefix(ErrorGroup g) {
        return switch (g.reason()) {
            case REGRESSION -> "Regression: ";
            case RETURN -> "Back: ";
            case NEW -> "";
        };
    }

    private static String status(ErrorView v) {
        ErrorGroup g = v.group();
        List<String> parts = new ArrayList<>();
        parts.add("error group #" + g.id());
        if (g.reason() == ErrorGroup.Reason.REGRESSION) {
            parts.add("came back after it was resolved");
        } else if (g.reason() == ErrorGroup.Reason.RETURN) {
            parts.add("back after a quiet time");
        }
        if (v.previous() != null) {
            parts.add("<" + link(v.previous()) + "|earlier post>");
        }
        if (g.resolved()) {
            parts.add(":white_check_mark: resolved by " + user(g.resolvedBy()) + " " + Texts.date(g.resolvedAt()));
        }
        if (g.mutedAt(v.now())) {
            parts.add(":no_bell: muted "
                    + (g.mutedUntil().equals(Instant.MAX) ? "forever" : "until " + Texts.date(g.mutedUntil())) + " by "
                    + user(g.mutedBy()));
        }
        if (!g.resolved() && !g.mutedAt(v.now())) {
            parts.add("stack and request in the thread");
        }
        return String.join(" · ", parts);
    }

    private static LayoutBlock buttons(ErrorView v) {
        ErrorGroup g = v.group();
        String value = Long.toString(g.id());
        var elements = new ArrayList<com.slack.api.model.block.element.BlockElement>();
        if (g.resolved()) {
            elements.add(
                    button(b -> b.actionId(REOPEN).text(plainText("Reopen")).value(value)));
        } else {
            elements.add(button(b -> b.actionId(RESOLVE)
                    .text(plainText("Resolve"))
                    .style("primary")
                    .value(value)));
        }
        if (g.mutedAt(v.now())) {
            elements.add(
                    button(b -> b.actionId(UNMUTE).text(plainText("Unmute")).value(value)));
        } else {
            elements.add(button(
                    b -> b.actionId(MUTE_HOUR).text(plainText("Mute 1 h")).value(value)));
            elements.add(button(
                    b -> b.actionId(MUTE_DAY).text(plainText("Mute 24 h")).value(value)));
            elements.add(button(b ->
                    b.actionId(MUTE_FOREVER).text(plainText("Mute forever")).value(value)));
        }
        return Blocks.actions(a -> a.blockId("error_group_" + g.id()).elements(elements));
    }

    /** A Slack permalink-style address of a post; Slack sends the reader to the right workspace. */
    static String link(PostRef p) {
        return "https://slack.com/archives/" + p.channel() + "/p" + p.ts().replace(".", "");
    }

    private static String user(String id) {
        return id != null && SLACK_ID.matcher(id).matches() ? "<@" + id + ">" : "someone";
    }

    private static void line(StringBuilder b, String label, String value) {
        if (value != null && !value.isBlank()) {
            b.append('*')
                    .append(label)
                    .append(":* ")
                    .append(safe(BlockKit.cut(oneLine(value), 200)))
                    .append('\n');
        }
    }

    private static String emoji(ErrorLevel level) {
        return switch (level) {
            case FATAL -> ":boom:";
            case ERROR -> ":red_circle:";
            case WARNING -> ":warning:";
        };
    }

    /** Plain text (headers) shows no markup, but is kept free of anything that looks like a mention anyway. */
    private static String plain(String s) {
        return BROADCAST.matcher(s.replace('<', '‹').replace('>', '›')).replaceAll("@\u200B$1");
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").strip();
    }

    /**
     * Client text made inert: Slack's control characters escaped, and {@code @channel}, {@code @here},
     * {@code @everyone} broken with a zero-width space so they cannot notify anyone.
     */
    public static String safe(String s) {
        return BROADCAST.matcher(BlockKit.escape(s)).replaceAll("@\u200B$1");
    }

    /** Text for a code block: safe, and no fence of its own. */
    static String inert(String s) {
        return safe(s).replace("```", "'''");
    }

    /** Where a code block starting at {@code from} ends: at most {@link #CODE_CHUNK} on, never inside an entity. */
    static int chunkEnd(String s, int from) {
        int end = Math.min(s.length(), from + CODE_CHUNK);
        if (end < s.length()) {
            int amp = s.lastIndexOf('&', end - 1);
            if (amp >= from && amp > end - 6 && s.indexOf(';', amp) >= end) {
                end = amp;
            }
            int nl = s.lastIndexOf('\n', end - 1);
            if (nl > from + CODE_CHUNK / 2) {
                end = nl + 1;
            }
        }
        return end;
    }
}
