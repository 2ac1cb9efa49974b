package dev.healthbot.alert;

import java.time.Instant;

/**
 * Whether a source of servers (the servers file, the inventory) answers; immutable.
 *
 * @param source the source's name ({@code FILE}, {@code INVENTORY})
 * @param failingSince when it began failing; null while it answers
 * @param reason the last failure, short and never a secret; null while it answers
 * @param checkedAt when it was last read
 */
public record SourceHealth(String source, Instant failingSince, String reason, Instant checkedAt) {

    public boolean failing() {
        return failingSince != null;
    }
}
