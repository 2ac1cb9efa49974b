package dev.healthbot.slack.notify;

import com.slack.api.methods.MethodsClient;
import dev.healthbot.alert.DeliveryException;
import dev.healthbot.alert.PostRef;
import dev.healthbot.errors.ErrorNotifier;
import dev.healthbot.errors.ErrorView;
import dev.healthbot.slack.view.AlertMessages;
import dev.healthbot.slack.view.ErrorMessages;

/**
 * Posts error groups with {@code chat.postMessage} and edits them with {@code chat.update}, failures
 * classified exactly as for outage posts ({@link SlackNotifier}), never retried here. Called from the
 * error loop's single thread.
 */
public final class SlackErrorNotifier implements ErrorNotifier {

    private final MethodsClient methods;
    private final SlackNotifier calls;

    public SlackErrorNotifier(MethodsClient methods, SlackNotifier calls) {
        this.methods = methods;
        this.calls = calls;
    }

    @Override
    public PostRef post(String channel, ErrorView view) throws DeliveryException {
        AlertMessages.Message m = ErrorMessages.post(view);
        var response = calls.call(
                "chat.postMessage",
                channel,
                () -> methods.chatPostMessage(r -> r.channel(channel)
                        .text(m.text())
                        .blocks(m.blocks())
                        .unfurlLinks(false)
                        .unfurlMedia(false)));
        return new PostRef(response.getChannel(), response.getTs());
    }

    @Override
    public void details(PostRef post, ErrorView view) throws DeliveryException {
        reply(post, ErrorMessages.details(view));
    }

    @Override
    public void milestone(PostRef post, ErrorView view, long milestone) throws DeliveryException {
        reply(post, ErrorMessages.milestone(view, milestone));
    }

    @Override
    public void update(PostRef post, ErrorView view) throws DeliveryException {
        AlertMessages.Message m = ErrorMessages.post(view);
        calls.call(
                "chat.update",
                post.channel(),
                () -> methods.chatUpdate(r ->
                        r.channel(post.channel()).ts(post.ts()).text(m.text()).blocks(m.blocks())));
    }

    private void reply(PostRef post, AlertMessages.Message m) throws DeliveryException {
        calls.call(
                "chat.postMessage",
                post.channel(),
                () -> methods.chatPostMessage(r -> r.channel(post.channel())
                        .threadTs(post.ts())
                        .text(m.text())
                        .blocks(m.blocks())
                        .unfurlLinks(false)
                        .unfurlMedia(false)));
    }
}
