package dev.healthbot.slack.command;

import dev.healthbot.alert.PostRef;
import java.util.Optional;

/**
 * A post's link ({@code chat.getPermalink}); empty when Slack cannot give it (message or channel gone,
 * a failed call), which the caller shows as no link. Implemented by the transport; thread-safe.
 */
@FunctionalInterface
public interface Permalinks {

    Optional<String> of(PostRef post);
}
