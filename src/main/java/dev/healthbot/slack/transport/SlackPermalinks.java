package dev.healthbot.slack.transport;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.chat.ChatGetPermalinkResponse;
import dev.healthbot.alert.PostRef;
import dev.healthbot.slack.command.Permalinks;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Permalinks} over {@code chat.getPermalink}: one call, no retry (a history answer shows the
 * incident without a link rather than wait); every failure is logged. Thread-safe.
 */
public final class SlackPermalinks implements Permalinks {

    private static final Logger LOG = LoggerFactory.getLogger(SlackPermalinks.class);

    private final MethodsClient methods;

    public SlackPermalinks(MethodsClient methods) {
        this.methods = methods;
    }

    @Override
    public Optional<String> of(PostRef post) {
        try {
            ChatGetPermalinkResponse r =
                    methods.chatGetPermalink(q -> q.channel(post.channel()).messageTs(post.ts()));
            if (r.isOk() && r.getPermalink() != null) {
                return Optional.of(r.getPermalink());
            }
            LOG.info("permalink unavailable channel={} ts={} error={}", post.channel(), post.ts(), r.getError());
        } catch (IOException | SlackApiException | RuntimeException e) {
            LOG.warn(
                    "permalink failed channel={} ts={} error={}",
                    post.channel(),
                    post.ts(),
                    e.getClass().getSimpleName());
        }
        return Optional.empty();
    }
}
