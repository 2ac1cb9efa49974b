package dev.healthbot.slack.command;

import com.slack.api.model.view.ViewState;
import dev.healthbot.monitor.Field;
import dev.healthbot.monitor.HeartbeatService;
import dev.healthbot.monitor.MonitorDraft;
import dev.healthbot.monitor.MonitorService;
import dev.healthbot.monitor.Origin;
import dev.healthbot.slack.view.HeartbeatReplies;
import dev.healthbot.slack.view.PingUrls;
import dev.healthbot.slack.view.ServerModal;
import dev.healthbot.slack.view.ServerReplies;
import java.util.Map;
import java.util.function.Supplier;

/** Saves the add or edit modal; bad input goes back as errors on the fields, and nothing is saved. */
public final class ServerModalSubmission implements ViewHandler {

    private final MonitorService monitors;
    private final boolean edit;
    private final HeartbeatService heartbeats;
    private final Supplier<PingUrls> urls;

    public ServerModalSubmission(
            MonitorService monitors, boolean edit, HeartbeatService heartbeats, Supplier<PingUrls> urls) {
        this.monitors = monitors;
        this.edit = edit;
        this.heartbeats = heartbeats;
        this.urls = urls;
    }

    @Override
    public String callbackId() {
        return edit ? ServerModal.EDIT_CALLBACK : ServerModal.ADD_CALLBACK;
    }

    @Override
    public String action() {
        return edit ? "edit" : "add";
    }

    @Override
    public String formErrorBlock() {
        return ServerModal.BLOCKS.get(Field.NAME);
    }

    @Override
    public Result submit(String userId, String privateMetadata, Map<String, Map<String, ViewState.Value>> values) {
        MonitorDraft draft = ServerModal.read(values);
        if (edit && privateMetadata != null) {
            MonitorDraft typed = draft;
            draft = monitors.find(privateMetadata)
                    .map(m -> ServerModal.unmask(typed, m.settings()))
                    .orElse(typed);
        }
        MonitorService.EditResult outcome = edit
                ? monitors.edit(privateMetadata == null ? "" : privateMetadata, draft, userId)
                : monitors.register(draft, Origin.SLACK, userId);
        if (outcome instanceof MonitorService.EditResult.Saved saved
                && saved.monitor().settings().heartbeat()) {
            // The ping URL goes only to the one who saved it.
            return new Result.Close(HeartbeatReplies.pingUrl(
                            heartbeats.view(saved.monitor()), urls.get(), edit ? "saved" : "registered")
                    .text());
        }
        if (outcome instanceof MonitorService.EditResult.Saved) {
            return new Result.Close(
                    ServerReplies.saved(outcome, edit ? "saved" : "registered").text());
        }
        if (outcome instanceof MonitorService.EditResult.Invalid i) {
            return new Result.Errors(ServerModal.errors(i.errors()));
        }
        if (outcome instanceof MonitorService.EditResult.NotFound) {
            return new Result.Errors(Map.of("name", "this server was removed meanwhile"));
        }
        return new Result.Errors(Map.of("name", "this server comes from the servers file; change it there"));
    }
}
