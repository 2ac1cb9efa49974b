package dev.healthbot.fakeslack;

import static dev.healthbot.fakeslack.FakeSlack.*;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Slack's JSON shapes and small wire helpers shared by the parts of the fake Slack; stateless. */
final class Wire {

    static final Gson GSON = new GsonBuilder().serializeNulls().create();

    private Wire() {}

    static JsonObject messageJson(Message m) {
        JsonObject j = new JsonObject();
        j.addProperty("type", "message");
        j.addProperty("user", m.user());
        j.addProperty("bot_id", BOT_ID);
        j.addProperty("app_id", APP_ID);
        j.addProperty("team", TEAM_ID);
        j.addProperty("text", m.text() == null ? "" : m.text());
        j.addProperty("ts", m.ts());
        if (m.threadTs() != null) {
            j.addProperty("thread_ts", m.threadTs());
        }
        if (m.blocks() != null) {
            j.add("blocks", m.blocks());
        }
        return j;
    }

    static JsonObject team() {
        JsonObject t = new JsonObject();
        t.addProperty("id", TEAM_ID);
        t.addProperty("domain", TEAM_DOMAIN);
        return t;
    }

    static JsonObject user(String userId, String teamId) {
        JsonObject u = new JsonObject();
        u.addProperty("id", userId);
        u.addProperty("username", userName(userId));
        u.addProperty("name", userName(userId));
        u.addProperty("team_id", teamId);
        return u;
    }

    static JsonObject plainText(String text) {
        JsonObject t = new JsonObject();
        t.addProperty("type", "plain_text");
        t.addProperty("text", text);
        t.addProperty("emoji", true);
        return t;
    }

    static String channelName(String channelId) {
        return channelId == null ? null : "chan-" + channelId.toLowerCase(Locale.ROOT);
    }

    static String userName(String userId) {
        return "user-" + userId.toLowerCase(Locale.ROOT);
    }

    static JsonObject ok() {
        JsonObject r = new JsonObject();
        r.addProperty("ok", true);
        return r;
    }

    static JsonObject error(String error) {
        JsonObject r = new JsonObject();
        r.addProperty("ok", false);
        r.addProperty("error", error);
        return r;
    }

    static void parseForm(String raw, Map<String, String> params) {
        if (raw == null || raw.isEmpty()) {
            return;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(key, value);
        }
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }

    static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
