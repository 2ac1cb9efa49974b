package dev.healthbot.slack.command;

import com.slack.api.model.view.ViewState;
import dev.healthbot.errors.ErrorSources;
import dev.healthbot.monitor.Field;
import dev.healthbot.monitor.HeartbeatService;
import dev.healthbot.monitor.MonitorDraft;
import dev.healthbot.monitor.MonitorService;
import dev.healthbot.monitor.Origin;
import dev.healthbot.slack.view.BlockKit;
import dev.healthbot.slack.view.HeartbeatReplies;
import dev.healthbot.slack.view.PingUrls;
import dev.healthbot.slack.view.ServerModal;
import dev.healthbot.slack.view.ServerReplies;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Saves the add or edit modal; bad input goes back as errors on the fields, and nothing is saved. The add form's
 * third kind creates an error source; a heartbeat's edit form may rotate its ping key.
 */
public final class ServerModalSubmission implements ViewHandler {

    private final MonitorService monitors;
    private final boolean edit;
    private final HeartbeatService heartbeats;
    private final Supplier<PingUrls> urls;
    private final Handlers.ErrorReports errors;

    public ServerModalSubmission(
            MonitorService monitors, boolean edit, HeartbeatService heartbeats, Supplier<PingUrls> urls) {
        this(monitors, edit, heartbeats, urls, null);
    }

    /** @param errors the error sources the add form's third kind creates; null when error reports are off */
    public ServerModalSubmission(
            MonitorService monitors,
            boolean edit,
            HeartbeatService heartbeats,
            Supplier<PingUrls> urls,
            Handlers.ErrorReports errors) {
        this.monitors = monitors;
        this.edit = edit;
        this.heartbeats = heartbeats;
        this.urls = urls;
        this.errors = errors;
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
        if (!edit && ServerModal.KIND_ERRORS.equals(ServerModal.kind(values))) {
            return errorSource(userId, values);
        }
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
            if (edit && ServerModal.rotate(values)) {
                var rotated = heartbeats.rotateKey(saved.monitor().id());
                if (rotated.isPresent()) {
                    return new Result.Close(HeartbeatReplies.pingUrl(
                                    rotated.get(), urls.get(), "saved with a new key (the old one no longer works)")
                            .text());
                }
            }
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

    /** The add form's third kind: the source is created as {@code /health errors add} creates it, and answered alike. */
    private Result errorSource(String userId, Map<String, Map<String, ViewState.Value>> values) {
        if (errors == null) {
            return new Result.Errors(Map.of(ServerModal.KIND_BLOCK, "error reports are off on this bot"));
        }
        String name = ServerModal.typed(values, Field.NAME);
        String env = ServerModal.typed(values, Field.ENVIRONMENT);
        ErrorSources.Result r = errors.sources().add(name == null ? "" : name.strip(), env, userId);
        if (r instanceof ErrorSources.Result.Refused refused) {
            return new Result.Errors(Map.of(ServerModal.BLOCKS.get(Field.NAME), BlockKit.cut(refused.reason(), 150)));
        }
        return new Result.Close(
                ErrorsCommand.answer(r, errors.baseUrl().get(), "added").text());
    }
}
