package dev.healthbot.errors;

import dev.healthbot.alert.PostRef;
import dev.healthbot.monitor.Environment;
import java.time.Instant;

/**
 * Everything a message about an error group needs, free of any chat platform; immutable. The
 * sample's text is redacted and capped but not escaped: the renderer escapes it.
 *
 * @param previous the channel's post of the group's earlier episode, for a regression or a return; null otherwise
 */
public record ErrorView(
        ErrorGroup group, String sourceName, Environment sourceEnvironment, PostRef previous, Instant now) {

    public ErrorSample sample() {
        return group.sample();
    }
}
