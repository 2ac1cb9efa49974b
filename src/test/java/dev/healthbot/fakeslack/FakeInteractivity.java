package dev.healthbot.fakeslack;

import static dev.healthbot.fakeslack.FakeSlack.*;
import static dev.healthbot.fakeslack.Wire.*;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a user does in the fake Slack: slash commands, form submissions, button clicks and events, sent as envelopes. */
public final class FakeInteractivity {

    private static final Logger log = LoggerFactory.getLogger(FakeInteractivity.class);

    private final Ledger ledger;
    private final ReentrantLock lock;
    private final Condition changed;
    private final FakeWebApi webApi;
    private final FakeSocketMode socketMode;

    FakeInteractivity(Ledger ledger, FakeWebApi webApi, FakeSocketMode socketMode) {
        this.ledger = ledger;
        this.lock = ledger.lock;
        this.changed = ledger.changed;
        this.webApi = webApi;
        this.socketMode = socketMode;
    }

    /** Sends {@code /health text} from {@link #DEFAULT_USER_ID} in {@link #DEFAULT_CHANNEL_ID}. */
    public CompletableFuture<Ack> slashCommand(String text) {
        return slashCommand(text, DEFAULT_USER_ID, DEFAULT_CHANNEL_ID);
    }

    /** Sends {@code /health text} as a {@code slash_commands} envelope on the newest open socket. */
    public CompletableFuture<Ack> slashCommand(String text, String userId, String channelId) {
        JsonObject p = new JsonObject();
        p.addProperty("token", VERIFICATION_TOKEN);
        p.addProperty("team_id", ledger.directory.teamOf(userId));
        p.addProperty("team_domain", TEAM_DOMAIN);
        p.addProperty("channel_id", channelId);
        p.addProperty("channel_name", channelName(channelId));
        p.addProperty("user_id", userId);
        p.addProperty("user_name", userName(userId));
        p.addProperty("command", COMMAND);
        p.addProperty("text", text);
        p.addProperty("api_app_id", APP_ID);
        p.addProperty("is_enterprise_install", "false");
        p.addProperty("response_url", webApi.newResponseUrl());
        p.addProperty("trigger_id", webApi.newTrigger());
        return socketMode.sendEnvelope("slash_commands", p, true);
    }

    /**
     * Sends a {@code view_submission}; when the bot opened a view with this callback id, its id, title and blocks are
     * reused so the payload looks like a submission of that view.
     *
     * @param stateValues the object that becomes {@code view.state.values}
     */
    public CompletableFuture<Ack> viewSubmission(
            String callbackId, String privateMetadata, JsonObject stateValues, String userId) {
        JsonObject view = submittedView(callbackId, privateMetadata, stateValues);
        JsonObject p = new JsonObject();
        p.addProperty("type", "view_submission");
        p.add("team", team());
        p.add("user", user(userId, ledger.directory.teamOf(userId)));
        p.addProperty("api_app_id", APP_ID);
        p.addProperty("token", VERIFICATION_TOKEN);
        p.addProperty("trigger_id", webApi.newTrigger());
        p.add("view", view);
        p.add("response_urls", new JsonArray());
        p.addProperty("is_enterprise_install", false);
        p.add("enterprise", null);
        return socketMode.sendEnvelope("interactive", p, true);
    }

    /**
     * Sends a {@code block_actions} click on a button.
     *
     * @param container the payload's container; {@code null} means a message container for the newest top-level
     *     message the bot posted in {@code channelId} (or a fresh ts when there is none). A container of type
     *     {@code view} makes a click inside a modal or the Home tab: no channel, message or response_url.
     */
    public CompletableFuture<Ack> blockAction(
            String actionId, String blockId, String value, String userId, String channelId, JsonObject container) {
        return action(actionId, blockId, value, null, userId, channelId, container);
    }

    /**
     * Sends a {@code block_actions} choice in a {@code static_select} menu: as Slack sends it, with {@code
     * selected_option} and no {@code value}. The container works as for {@link #blockAction}.
     */
    public CompletableFuture<Ack> menuChoice(
            String actionId,
            String blockId,
            String optionValue,
            String userId,
            String channelId,
            JsonObject container) {
        return action(actionId, blockId, null, optionValue, userId, channelId, container);
    }

    private CompletableFuture<Ack> action(
            String actionId,
            String blockId,
            String value,
            String optionValue,
            String userId,
            String channelId,
            JsonObject container) {
        JsonObject c = container != null ? container.deepCopy() : defaultContainer(channelId);
        boolean inView = "view".equals(BlockKitRules.string(c, "type"));
        JsonObject p = new JsonObject();
        p.addProperty("type", "block_actions");
        p.add("user", user(userId, ledger.directory.teamOf(userId)));
        p.addProperty("api_app_id", APP_ID);
        p.addProperty("token", VERIFICATION_TOKEN);
        p.add("container", c);
        p.addProperty("trigger_id", webApi.newTrigger());
        p.add("team", team());
        p.add("enterprise", null);
        p.addProperty("is_enterprise_install", false);
        if (inView) {
            p.add("view", viewForContainer(BlockKitRules.string(c, "view_id")));
        } else {
            String channel = channelId != null ? channelId : BlockKitRules.string(c, "channel_id");
            JsonObject ch = new JsonObject();
            ch.addProperty("id", channel);
            ch.addProperty("name", channelName(channel));
            p.add("channel", ch);
            String messageTs = BlockKitRules.string(c, "message_ts");
            if (channel != null && messageTs != null) {
                webApi.message(channel, messageTs).ifPresent(m -> p.add("message", messageJson(m)));
            }
            p.addProperty("response_url", webApi.newResponseUrl());
        }
        JsonObject state = new JsonObject();
        state.add("values", new JsonObject());
        p.add("state", state);
        JsonObject action = new JsonObject();
        action.addProperty("action_id", actionId);
        action.addProperty("block_id", blockId);
        JsonObject text = new JsonObject();
        text.addProperty("type", "plain_text");
        text.addProperty("text", actionId);
        text.addProperty("emoji", true);
        if (optionValue == null) {
            action.add("text", text);
            action.addProperty("value", value);
            action.addProperty("type", "button");
        } else {
            JsonObject option = new JsonObject();
            JsonObject optionText = new JsonObject();
            optionText.addProperty("type", "plain_text");
            optionText.addProperty("text", optionValue);
            option.add("text", optionText);
            option.addProperty("value", optionValue);
            action.add("selected_option", option);
            action.addProperty("type", "static_select");
        }
        action.addProperty("action_ts", ledger.nextTs());
        JsonArray actions = new JsonArray();
        actions.add(action);
        p.add("actions", actions);
        return socketMode.sendEnvelope("interactive", p, true);
    }

    /** Sends an Events API event (e.g. {@code app_home_opened}) wrapped in an {@code event_callback}. */
    public CompletableFuture<Ack> event(JsonObject event) {
        JsonObject p = new JsonObject();
        p.addProperty("token", VERIFICATION_TOKEN);
        p.addProperty("team_id", TEAM_ID);
        p.addProperty("api_app_id", APP_ID);
        p.add("event", event.deepCopy());
        p.addProperty("type", "event_callback");
        p.addProperty("event_id", "Ev" + String.format(Locale.ROOT, "%08X", ledger.idCounter.incrementAndGet()));
        p.addProperty("event_time", Instant.now().getEpochSecond());
        JsonObject authorization = new JsonObject();
        authorization.add("enterprise_id", null);
        authorization.addProperty("team_id", TEAM_ID);
        authorization.addProperty("user_id", BOT_USER_ID);
        authorization.addProperty("is_bot", true);
        authorization.addProperty("is_enterprise_install", false);
        JsonArray authorizations = new JsonArray();
        authorizations.add(authorization);
        p.add("authorizations", authorizations);
        p.addProperty("is_ext_shared_channel", false);
        return socketMode.sendEnvelope("events_api", p, false);
    }

    /** Sends an {@code app_home_opened} event for the Home tab of {@code userId}. */
    public CompletableFuture<Ack> appHomeOpened(String userId) {
        JsonObject e = new JsonObject();
        e.addProperty("type", "app_home_opened");
        e.addProperty("user", userId);
        e.addProperty("channel", "D" + userId.substring(Math.min(1, userId.length())));
        e.addProperty("tab", "home");
        e.addProperty("event_ts", ledger.nextTs());
        return event(e);
    }

    /** Sends an envelope of any type with any payload, for malformed-payload tests. */
    public CompletableFuture<Ack> envelope(String type, JsonObject payload) {
        return socketMode.sendEnvelope(type, payload == null ? null : payload.deepCopy(), true);
    }

    private JsonObject defaultContainer(String channelId) {
        JsonObject c = new JsonObject();
        c.addProperty("type", "message");
        String ts = null;
        for (Message m : webApi.messages(channelId)) {
            if (m.threadTs() == null) {
                ts = m.ts();
            }
        }
        c.addProperty("message_ts", ts != null ? ts : ledger.nextTs());
        c.addProperty("channel_id", channelId);
        c.addProperty("is_ephemeral", false);
        return c;
    }

    private JsonObject submittedView(String callbackId, String privateMetadata, JsonObject stateValues) {
        ViewCall opened = null;
        for (ViewCall v : webApi.views()) {
            if (callbackId.equals(v.callbackId())) {
                opened = v;
            }
        }
        JsonObject view = opened != null ? opened.view().deepCopy() : new JsonObject();
        String viewId = opened != null ? opened.viewId() : ledger.newViewId();
        view.addProperty("id", viewId);
        view.addProperty("team_id", TEAM_ID);
        view.addProperty("type", "modal");
        if (!view.has("blocks")) {
            view.add("blocks", new JsonArray());
        }
        if (!view.has("title")) {
            view.add("title", plainText("Healthbot"));
        }
        view.addProperty("private_metadata", privateMetadata == null ? "" : privateMetadata);
        view.addProperty("callback_id", callbackId);
        JsonObject state = new JsonObject();
        state.add("values", stateValues == null ? new JsonObject() : stateValues.deepCopy());
        view.add("state", state);
        view.addProperty("hash", "1716000000.fakehash");
        view.addProperty("clear_on_close", false);
        view.addProperty("notify_on_close", false);
        view.addProperty("root_view_id", viewId);
        view.add("previous_view_id", null);
        view.addProperty("app_id", APP_ID);
        view.addProperty("external_id", "");
        view.addProperty("app_installed_team_id", TEAM_ID);
        view.addProperty("bot_id", BOT_ID);
        return view;
    }

    private JsonObject viewForContainer(String viewId) {
        List<ViewCall> viewCalls = webApi.views();
        for (int i = viewCalls.size() - 1; i >= 0; i--) {
            ViewCall v = viewCalls.get(i);
            if (v.viewId().equals(viewId)) {
                JsonObject view = v.view().deepCopy();
                view.addProperty("id", viewId);
                return view;
            }
        }
        JsonObject view = new JsonObject();
        view.addProperty("id", viewId);
        view.addProperty("type", "home");
        view.add("blocks", new JsonArray());
        return view;
    }
}
