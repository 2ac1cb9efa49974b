package dev.healthbot.alert;

import dev.healthbot.monitor.Monitor;
import java.time.Instant;
import java.util.List;

/** The one rule deciding whether a server's alerts are held back right now, and why; pure. */
public final class Quiet {

    /** Why a server is quiet, or {@link #NONE}. */
    public enum Reason {
        NONE,
        MUTED,
        MAINTENANCE
    }

    private Quiet() {}

    /**
     * Maintenance wins over a mute (its end post speaks for the server).
     *
     * @param mute the server's mute, or null
     * @param muteIncidentOpen whether the incident the mute was set from is still open
     */
    public static Reason of(
            Monitor monitor, Instant now, Mute mute, boolean muteIncidentOpen, List<MaintenanceWindow> windows) {
        for (MaintenanceWindow w : windows) {
            if (w.activeAt(now) && w.covers(monitor)) {
                return Reason.MAINTENANCE;
            }
        }
        if (mute != null && mute.activeAt(now, muteIncidentOpen)) {
            return Reason.MUTED;
        }
        return Reason.NONE;
    }
}
