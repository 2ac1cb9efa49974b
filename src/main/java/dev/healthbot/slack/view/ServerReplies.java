package dev.healthbot.slack.view;

import dev.healthbot.monitor.Durations;
import dev.healthbot.monitor.Field;
import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.MonitorService;
import dev.healthbot.monitor.MonitorSettings;
import java.util.Map;
import java.util.stream.Collectors;

/** Replies shared by the server commands; pure. */
public final class ServerReplies {

    private ServerReplies() {}

    public static Reply saved(MonitorService.EditResult outcome, String verb) {
        if (outcome instanceof MonitorService.EditResult.Saved s) {
            return Reply.text(":white_check_mark: " + BlockKit.code(s.monitor().name()) + " " + verb + ": "
                    + describe(s.monitor().settings()) + ". Checking it now; see `/health list`.");
        }
        return refused(outcome);
    }

    /** The reply for every outcome but {@code Saved}. */
    public static Reply refused(MonitorService.EditResult outcome) {
        if (outcome instanceof MonitorService.EditResult.Invalid i) {
            return invalid(i.errors());
        }
        if (outcome instanceof MonitorService.EditResult.NotFound n) {
            return notFound(n.name());
        }
        if (outcome instanceof MonitorService.EditResult.ManagedByFile f) {
            return managedByFile(f.monitor());
        }
        throw new IllegalStateException("unexpected outcome " + outcome);
    }

    public static Reply invalid(Map<Field, String> errors) {
        String lines =
                errors.values().stream().map(m -> "• " + BlockKit.escape(m)).collect(Collectors.joining("\n"));
        return Reply.text(":warning: Nothing was saved:\n" + lines);
    }

    public static Reply notFound(String name) {
        return Reply.text(":grey_question: No server is named " + BlockKit.code(BlockKit.cut(name, 64))
                + ". See `/health list`.");
    }

    public static Reply managedByFile(Monitor m) {
        if (m.origin() == dev.healthbot.monitor.Origin.INVENTORY) {
            return Reply.text(":card_index: " + BlockKit.code(m.name())
                    + " comes from the inventory (HEALTHBOT_SERVERS_URL); change it there: healthbot follows the"
                    + " inventory within one refresh.");
        }
        return Reply.text(
                ":page_facing_up: " + BlockKit.code(m.name())
                        + " comes from the servers file (HEALTHBOT_SERVERS_FILE); change it there: healthbot applies the file within seconds.");
    }

    public static String describe(MonitorSettings s) {
        return BlockKit.code(s.target().masked()) + ", " + s.environment() + ", every " + Durations.format(s.interval())
                + ", timeout " + Durations.format(s.timeout());
    }
}
