package dev.healthbot.monitor;

/**
 * What one check of one server came to, as {@link CheckRunner#run} and {@link MonitorService#checkNow}
 * complete with it; immutable.
 */
public sealed interface CheckResult {

    /** No check ran: no server has that name or id (it may have been removed meanwhile). */
    CheckResult NOT_FOUND = new NotFound();

    /**
     * The check ran and is saved.
     *
     * @param state the server's state after the check
     * @param change the status change it recorded, with its id; null when the status held
     */
    record Checked(Monitor monitor, ProbeResult result, MonitorState state, StatusChange change)
            implements CheckResult {}

    /** No check ran: see {@link #NOT_FOUND}. */
    record NotFound() implements CheckResult {}
}
