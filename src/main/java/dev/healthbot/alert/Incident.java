package dev.healthbot.alert;

import dev.healthbot.monitor.Environment;
import dev.healthbot.monitor.FailureKind;
import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.StatusChange;
import java.time.Duration;
import java.time.Instant;

/**
 * One outage of one server, from its DOWN to its UP; immutable. At most one incident per server is
 * open at a time. The server's name, environment and masked target are copied in, so the incident
 * still reads right after a rename or removal.
 *
 * @param id database id, 0 for a draft
 * @param target the masked target URL, never the secret one
 * @param resolvedAt null while open
 */
public record Incident(
        long id,
        long monitorId,
        String monitorName,
        Environment environment,
        String target,
        Instant openedAt,
        Instant resolvedAt,
        FailureKind cause,
        String detail,
        int failedChecks) {

    /** The draft of the incident a flip to DOWN opens. */
    public static Incident open(Monitor monitor, StatusChange change) {
        return new Incident(
                0,
                monitor.id(),
                monitor.name(),
                monitor.settings().environment(),
                monitor.settings().target().masked(),
                change.at(),
                null,
                change.cause(),
                change.detail(),
                change.failedChecks());
    }

    public boolean isOpen() {
        return resolvedAt == null;
    }

    /** How long it lasted; null while open. */
    public Duration duration() {
        return resolvedAt == null ? null : Duration.between(openedAt, resolvedAt);
    }

    public Incident withId(long newId) {
        return new Incident(
                newId, monitorId, monitorName, environment, target, openedAt, resolvedAt, cause, detail, failedChecks);
    }

    public Incident resolved(Instant at) {
        return new Incident(id, monitorId, monitorName, environment, target, openedAt, at, cause, detail, failedChecks);
    }
}
