package dev.healthbot.fakeslack;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks messages and views against the Block Kit limits in SLACK.md and returns violations instead of throwing;
 * stateless and thread-safe.
 */
final class BlockKitRules {

    static final int MESSAGE_BLOCKS = 50;
    static final int VIEW_BLOCKS = 100;
    static final int MESSAGE_TEXT = 4000;
    static final int HEADER_TEXT = 150;
    static final int SECTION_TEXT = 3000;
    static final int SECTION_FIELDS = 10;
    static final int FIELD_TEXT = 2000;
    static final int BUTTON_TEXT = 75;
    static final int OPTION_TEXT = 75;
    static final int OPTION_VALUE = 150;
    static final int OPTIONS = 100;
    static final int ID_LENGTH = 255;
    static final int TOTAL_BLOCK_TEXT = 12000;
    static final int CONTEXT_ELEMENTS = 10;
    static final int ACTIONS_ELEMENTS = 25;
    static final int VIEW_TITLE = 24;
    static final int PRIVATE_METADATA = 3000;

    private static final Set<String> BLOCK_TYPES =
            Set.of("section", "header", "divider", "context", "actions", "input", "image", "rich_text");

    // Monitors must never wake a whole channel; user mentions (<@U..>) are fine and deliberately not matched.
    private static final Pattern BROADCAST = Pattern.compile("<!(channel|here|everyone)(\\|[^>]*)?>");

    private BlockKitRules() {}

    /**
     * Checks a message body.
     *
     * @param where the method or channel that carried it, used as the violation prefix
     * @param text the fallback text or {@code null}
     * @param blocks the blocks, or {@code null} when none were sent
     * @param requireTextWithBlocks whether a non-empty {@code text} is mandatory when blocks are present
     */
    static List<String> checkMessage(String where, String text, JsonElement blocks, boolean requireTextWithBlocks) {
        List<String> out = new ArrayList<>();
        if (text != null) {
            if (text.length() > MESSAGE_TEXT) {
                out.add(where + ": message text " + text.length() + " > " + MESSAGE_TEXT);
            }
            checkBroadcast(where, "message text", text, out);
        }
        if (blocks == null || blocks.isJsonNull()) {
            return out;
        }
        if (!blocks.isJsonArray()) {
            out.add(where + ": blocks is not a JSON array");
            return out;
        }
        if (requireTextWithBlocks && (text == null || text.isBlank())) {
            out.add(where + ": blocks sent without a non-empty text fallback");
        }
        checkBlocks(where, blocks.getAsJsonArray(), MESSAGE_BLOCKS, out);
        return out;
    }

    /** Checks a modal or Home tab view. */
    static List<String> checkView(String where, JsonElement viewElement) {
        List<String> out = new ArrayList<>();
        if (viewElement == null || !viewElement.isJsonObject()) {
            out.add(where + ": view is missing or not a JSON object");
            return out;
        }
        JsonObject view = viewElement.getAsJsonObject();
        String type = string(view, "type");
        if (!"modal".equals(type) && !"home".equals(type)) {
            out.add(where + ": view type " + type + " is neither modal nor home");
        }
        if ("modal".equals(type) && !view.has("title")) {
            out.add(where + ": modal without title");
        }
        for (String name : List.of("title", "submit", "close")) {
            if (view.has(name)) {
                checkPlainText(where, "view " + name, view.get(name), VIEW_TITLE, out);
            }
        }
        String metadata = string(view, "private_metadata");
        if (metadata != null && metadata.length() > PRIVATE_METADATA) {
            out.add(where + ": private_metadata " + metadata.length() + " > " + PRIVATE_METADATA);
        }
        String callbackId = string(view, "callback_id");
        if (callbackId != null && callbackId.length() > ID_LENGTH) {
            out.add(where + ": callback_id " + callbackId.length() + " > " + ID_LENGTH);
        }
        JsonElement blocks = view.get("blocks");
        if (blocks == null || !blocks.isJsonArray()) {
            out.add(where + ": view without a blocks array");
        } else {
            checkBlocks(where, blocks.getAsJsonArray(), VIEW_BLOCKS, out);
        }
        return out;
    }

    /** Checks a {@code view_submission} ack payload. */
    static List<String> checkViewSubmissionAck(String where, JsonObject payload) {
        List<String> out = new ArrayList<>();
        String action = string(payload, "response_action");
        if (action == null) {
            return out;
        }
        switch (action) {
            case "errors" -> {
                JsonElement errors = payload.get("errors");
                if (errors == null || !errors.isJsonObject()) {
                    out.add(where + ": response_action errors without an errors object");
                } else {
                    for (Map.Entry<String, JsonElement> e :
                            errors.getAsJsonObject().entrySet()) {
                        if (!isString(e.getValue())) {
                            out.add(where + ": errors." + e.getKey() + " is not a string");
                        }
                    }
                }
            }
            case "update", "push" -> out.addAll(checkView(where, payload.get("view")));
            case "clear" -> {}
            default -> out.add(where + ": unknown response_action " + action);
        }
        return out;
    }

    private static void checkBlocks(String where, JsonArray blocks, int maxBlocks, List<String> out) {
        if (blocks.size() > maxBlocks) {
            out.add(where + ": " + blocks.size() + " blocks > " + maxBlocks);
        }
        int[] totalText = {0};
        for (int i = 0; i < blocks.size(); i++) {
            JsonElement element = blocks.get(i);
            if (!element.isJsonObject()) {
                out.add(where + ": block " + i + " is not an object");
                continue;
            }
            checkBlock(where, i, element.getAsJsonObject(), out);
            sumText(where, element, totalText, out);
        }
        if (totalText[0] > TOTAL_BLOCK_TEXT) {
            out.add(where + ": total block text " + totalText[0] + " > " + TOTAL_BLOCK_TEXT);
        }
    }

    private static void checkBlock(String where, int index, JsonObject block, List<String> out) {
        String type = string(block, "type");
        if (type == null || !BLOCK_TYPES.contains(type)) {
            out.add(where + ": block " + index + " has unknown type " + type);
        }
        checkId(where, "block_id", string(block, "block_id"), out);
        if ("header".equals(type)) {
            JsonElement text = block.get("text");
            if (text == null || !text.isJsonObject() || !"plain_text".equals(string(text.getAsJsonObject(), "type"))) {
                out.add(where + ": header text must be plain_text");
            }
            checkTextLength(where, "header text", text, HEADER_TEXT, out);
        } else if ("section".equals(type)) {
            checkTextLength(where, "section text", block.get("text"), SECTION_TEXT, out);
            JsonElement fields = block.get("fields");
            if (fields != null && fields.isJsonArray()) {
                JsonArray array = fields.getAsJsonArray();
                if (array.size() > SECTION_FIELDS) {
                    out.add(where + ": section fields " + array.size() + " > " + SECTION_FIELDS);
                }
                for (JsonElement field : array) {
                    checkTextLength(where, "section field", field, FIELD_TEXT, out);
                }
            }
            if (!block.has("text") && !block.has("fields")) {
                out.add(where + ": section without text or fields");
            }
        } else if ("context".equals(type)) {
            int size = arraySize(block, "elements");
            if (size > CONTEXT_ELEMENTS) {
                out.add(where + ": context elements " + size + " > " + CONTEXT_ELEMENTS);
            }
        } else if ("actions".equals(type)) {
            int size = arraySize(block, "elements");
            if (size > ACTIONS_ELEMENTS) {
                out.add(where + ": actions elements " + size + " > " + ACTIONS_ELEMENTS);
            }
        }
        checkElements(where, block, out);
    }

    // Interactive elements can sit in accessory, element or elements; walk them all.
    private static void checkElements(String where, JsonObject block, List<String> out) {
        List<JsonObject> elements = new ArrayList<>();
        addObject(block.get("accessory"), elements);
        addObject(block.get("element"), elements);
        JsonElement list = block.get("elements");
        if (list != null && list.isJsonArray()) {
            for (JsonElement e : list.getAsJsonArray()) {
                addObject(e, elements);
            }
        }
        for (JsonObject element : elements) {
            String type = string(element, "type");
            checkId(where, "action_id", string(element, "action_id"), out);
            if ("button".equals(type)) {
                checkTextLength(where, "button text", element.get("text"), BUTTON_TEXT, out);
            }
            List<JsonElement> options = new ArrayList<>();
            addAll(element.get("options"), options);
            JsonElement groups = element.get("option_groups");
            if (groups != null && groups.isJsonArray()) {
                for (JsonElement group : groups.getAsJsonArray()) {
                    if (group.isJsonObject()) {
                        addAll(group.getAsJsonObject().get("options"), options);
                    }
                }
            }
            if (options.size() > OPTIONS) {
                out.add(where + ": " + type + " options " + options.size() + " > " + OPTIONS);
            }
            addObjectAsElement(element.get("initial_option"), options);
            addAll(element.get("initial_options"), options);
            for (JsonElement option : options) {
                if (!option.isJsonObject()) {
                    continue;
                }
                JsonObject o = option.getAsJsonObject();
                checkTextLength(where, "option text", o.get("text"), OPTION_TEXT, out);
                String value = string(o, "value");
                if (value != null && value.length() > OPTION_VALUE) {
                    out.add(where + ": option value " + value.length() + " > " + OPTION_VALUE);
                }
            }
        }
    }

    private static void checkPlainText(String where, String what, JsonElement text, int max, List<String> out) {
        if (!text.isJsonObject() || !"plain_text".equals(string(text.getAsJsonObject(), "type"))) {
            out.add(where + ": " + what + " must be plain_text");
        }
        checkTextLength(where, what, text, max, out);
    }

    private static void checkTextLength(String where, String what, JsonElement textObject, int max, List<String> out) {
        if (textObject == null || !textObject.isJsonObject()) {
            return;
        }
        String text = string(textObject.getAsJsonObject(), "text");
        if (text == null) {
            return;
        }
        if (text.length() > max) {
            out.add(where + ": " + what + " " + text.length() + " > " + max);
        }
    }

    private static void checkBroadcast(String where, String what, String text, List<String> out) {
        Matcher m = BROADCAST.matcher(text);
        if (m.find()) {
            out.add(where + ": " + what + " pings everyone with " + m.group());
        }
    }

    private static void checkId(String where, String what, String id, List<String> out) {
        if (id != null && id.length() > ID_LENGTH) {
            out.add(where + ": " + what + " " + id.length() + " > " + ID_LENGTH);
        }
    }

    // Every text string in any block counts towards the total and could carry a broadcast mention.
    private static void sumText(String where, JsonElement element, int[] total, List<String> out) {
        if (element.isJsonObject()) {
            if ("broadcast".equals(string(element.getAsJsonObject(), "type"))) {
                out.add(where + ": rich_text broadcast element pings everyone");
            }
            for (Map.Entry<String, JsonElement> e : element.getAsJsonObject().entrySet()) {
                if ("text".equals(e.getKey()) && isString(e.getValue())) {
                    String text = e.getValue().getAsString();
                    total[0] += text.length();
                    checkBroadcast(where, "block text", text, out);
                } else {
                    sumText(where, e.getValue(), total, out);
                }
            }
        } else if (element.isJsonArray()) {
            for (JsonElement e : element.getAsJsonArray()) {
                sumText(where, e, total, out);
            }
        }
    }

    private static int arraySize(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e != null && e.isJsonArray() ? e.getAsJsonArray().size() : 0;
    }

    private static void addObject(JsonElement e, List<JsonObject> into) {
        if (e != null && e.isJsonObject()) {
            into.add(e.getAsJsonObject());
        }
    }

    private static void addObjectAsElement(JsonElement e, List<JsonElement> into) {
        if (e != null && e.isJsonObject()) {
            into.add(e);
        }
    }

    private static void addAll(JsonElement e, List<JsonElement> into) {
        if (e != null && e.isJsonArray()) {
            e.getAsJsonArray().forEach(into::add);
        }
    }

    private static boolean isString(JsonElement e) {
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString();
    }

    static String string(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }
}
