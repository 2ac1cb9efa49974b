package dev.healthbot.alert;

import dev.healthbot.monitor.Environment;
import dev.healthbot.monitor.FailureKind;
import java.time.Duration;
import java.time.Instant;

/**
 * Everything a message about an incident needs, free of any chat platform; immutable. The target
 * is already masked.
 *
 * @param since when the server went DOWN
 * @param resolvedAt when it came back UP; null in an outage alert
 * @param lasted how long the outage lasted; null in an outage alert
 */
public record Alert(
        long incidentId,
        String monitorName,
        Environment environment,
        String target,
        FailureKind cause,
        String detail,
        Instant since,
        int failedChecks,
        Instant resolvedAt,
        Duration lasted) {

    /** The alert for the outage post: the incident as it opened, even when the post went out late. */
    public static Alert outage(Incident i) {
        return new Alert(
                i.id(),
                i.monitorName(),
                i.environment(),
                i.target(),
                i.cause(),
                i.detail(),
                i.openedAt(),
                i.failedChecks(),
                null,
                null);
    }

    /** The alert for the recovery reply and the edit of the outage post; the incident is resolved. */
    public static Alert recovery(Incident i) {
        return new Alert(
                i.id(),
                i.monitorName(),
                i.environment(),
                i.target(),
                i.cause(),
                i.detail(),
                i.openedAt(),
                i.failedChecks(),
                i.resolvedAt(),
                i.duration());
    }
}
