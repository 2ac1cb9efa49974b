package dev.healthbot.alert;

import dev.healthbot.monitor.FailureKind;
import java.time.Duration;
import java.util.List;

/** A message the follow-up outbox posts, free of any chat platform; immutable. */
public sealed interface FollowUpMessage {

    /**
     * The server is still down and nobody acknowledged it.
     *
     * @param number 1 for the first reminder
     * @param mentions who to call again (only after {@link ReminderSchedule#MENTION_AFTER})
     */
    record Reminder(Alert alert, int number, Duration downFor, List<Mention> mentions) implements FollowUpMessage {
        public Reminder {
            mentions = List.copyOf(mentions);
        }
    }

    /** The answer to a "Re-check now" click. */
    record Recheck(String monitorName, String by, boolean up, Duration latency, FailureKind failure, String detail)
            implements FollowUpMessage {}

    /** A maintenance window started. */
    record MaintenanceStarted(MaintenanceWindow window) implements FollowUpMessage {}

    /**
     * A maintenance window ended.
     *
     * @param outages outages that started inside the window
     * @param down their time down inside the window
     */
    record MaintenanceEnded(MaintenanceWindow window, int outages, Duration down) implements FollowUpMessage {}

    /**
     * The body a heartbeat's last ping carried (the job's last log lines), for the outage's thread.
     *
     * @param body as kept with the ping: at most 10 KiB, untrusted
     */
    record PingLog(String monitorName, String body) implements FollowUpMessage {}
}
