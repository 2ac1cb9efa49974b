package dev.healthbot.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * A server's alerts silenced from one of its outage posts: no outage post and no reminder until it ends (probing
 * goes on); immutable.
 *
 * @param until when it ends by itself; null for {@link Choice#RECOVERY}, which ends when {@code incidentId} resolves
 */
public record Mute(long monitorId, long incidentId, Choice choice, String by, Instant at, Instant until) {

    /** The mute menu. */
    public enum Choice {
        H1(Duration.ofHours(1), "1h", "1 hour"),
        H4(Duration.ofHours(4), "4h", "4 hours"),
        H24(Duration.ofHours(24), "24h", "24 hours"),
        RECOVERY(null, "recovery", "until it recovers");

        private final Duration length;
        private final String value;
        private final String label;

        Choice(Duration length, String value, String label) {
            this.length = length;
            this.value = value;
            this.label = label;
        }

        /** The option value, also what is stored. */
        public String value() {
            return value;
        }

        /** What the menu shows. */
        public String label() {
            return label;
        }

        public static Optional<Choice> parse(String value) {
            for (Choice c : values()) {
                if (c.value.equals(value == null ? "" : value.toLowerCase(Locale.ROOT))) {
                    return Optional.of(c);
                }
            }
            return Optional.empty();
        }

        /** When a mute chosen at {@code now} ends; null for RECOVERY. */
        public Instant until(Instant now) {
            return length == null ? null : now.plus(length);
        }
    }

    /**
     * True while the mute holds: before its end, or, for RECOVERY, while its incident is open.
     *
     * @param incidentOpen whether {@link #incidentId} is still open
     */
    public boolean activeAt(Instant now, boolean incidentOpen) {
        return until == null ? incidentOpen : now.isBefore(until);
    }
}
