package dev.healthbot.fakeslack;

import com.google.gson.JsonObject;

/**
 * One successful {@code views.open}, {@code views.update}, {@code views.push} or {@code views.publish}; immutable,
 * the view is a private copy that callers must treat as read-only.
 *
 * @param method the Web API method
 * @param viewId the view id the fake answered
 * @param triggerId the trigger id sent, or {@code null}
 * @param userId the {@code user_id} sent (publish), or {@code null}
 * @param view the view JSON as sent
 */
public record ViewCall(String method, String viewId, String triggerId, String userId, JsonObject view) {

    /** The view's {@code callback_id}, or {@code null}. */
    public String callbackId() {
        return BlockKitRules.string(view, "callback_id");
    }

    /** The view's {@code type}, or {@code null}. */
    public String type() {
        return BlockKitRules.string(view, "type");
    }
}
