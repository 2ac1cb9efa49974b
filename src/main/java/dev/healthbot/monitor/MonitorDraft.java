package dev.healthbot.monitor;

/**
 * Settings as a user typed them, every field a string or null for "use the default"; the
 * {@link MonitorValidator} turns it into {@link MonitorSettings} or field errors.
 */
public record MonitorDraft(
        String name,
        String url,
        String environment,
        String interval,
        String timeout,
        String expectedStatus,
        String failuresBeforeDown,
        String successesBeforeUp,
        String alertsEnabled) {

    public static MonitorDraft of(String name, String url) {
        return new MonitorDraft(name, url, null, null, null, null, null, null, null);
    }

    /** The draft of existing settings, for pre-filling an edit form. */
    public static MonitorDraft from(MonitorSettings s) {
        return new MonitorDraft(
                s.name(),
                s.target().secretUrl(),
                s.environment().name(),
                Durations.format(s.interval()),
                Durations.format(s.timeout()),
                s.expectedStatus().toString(),
                Integer.toString(s.thresholds().failuresBeforeDown()),
                Integer.toString(s.thresholds().successesBeforeUp()),
                Boolean.toString(s.alertsEnabled()));
    }
}
