package dev.healthbot.monitor;

/** The pure status state machine: (state, result, thresholds) to the next state and any flip. */
public final class StatusMachine {

    /** The next state and, when the status flipped, the change to record (id 0). */
    public record Step(MonitorState state, StatusChange change) {
        public boolean flipped() {
            return change != null;
        }
    }

    private StatusMachine() {}

    public static Step next(long monitorId, MonitorState state, ProbeResult result, Thresholds thresholds) {
        int failures = result.up() ? 0 : state.failures() + 1;
        int successes = result.up() ? state.successes() + 1 : 0;
        Status to =
                switch (state.status()) {
                    case PENDING ->
                        result.up()
                                ? Status.UP
                                : failures >= thresholds.failuresBeforeDown() ? Status.DOWN : Status.PENDING;
                    case UP -> failures >= thresholds.failuresBeforeDown() ? Status.DOWN : Status.UP;
                    case DOWN -> successes >= thresholds.successesBeforeUp() ? Status.UP : Status.DOWN;
                };
        // The certificate is the last one seen: a check that saw none (a timeout) does not forget it.
        java.time.Instant cert = result.certNotAfter() != null ? result.certNotAfter() : state.certNotAfter();
        if (to == state.status()) {
            return new Step(new MonitorState(to, state.since(), failures, successes, result, cert), null);
        }
        StatusChange change = new StatusChange(
                0,
                monitorId,
                state.status(),
                to,
                result.at(),
                result.failure(),
                result.detail(),
                to == Status.DOWN ? failures : 0,
                state.status() == Status.DOWN ? state.since() : null);
        return new Step(new MonitorState(to, result.at(), failures, successes, result, cert), change);
    }
}
