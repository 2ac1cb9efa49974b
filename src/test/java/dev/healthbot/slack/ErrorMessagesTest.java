package dev.healthbot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.slack.api.util.json.GsonFactory;
import dev.healthbot.alert.PostRef;
import dev.healthbot.errors.ErrorGroup;
import dev.healthbot.errors.ErrorLevel;
import dev.healthbot.errors.ErrorSample;
import dev.healthbot.errors.ErrorView;
import dev.healthbot.monitor.Environment;
import dev.healthbot.slack.view.AlertMessages;
import dev.healthbot.slack.view.ErrorMessages;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ErrorMessagesTest {

    static final Instant T = Instant.parse("2026-12-01T10:00:00Z");
    static final Gson SLACK = GsonFactory.createSnakeCase();

    static ErrorView view(ErrorSample sample, ErrorGroup.Reason reason, String resolvedBy, Instant mutedUntil) {
        ErrorGroup g = new ErrorGroup(
                7,
                3,
                "f",
                sample,
                51,
                reason == ErrorGroup.Reason.NEW ? 1 : 2,
                51,
                10,
                T,
                T,
                T.plusSeconds(90),
                resolvedBy == null ? null : T.plusSeconds(100),
                resolvedBy,
                mutedUntil,
                mutedUntil == null ? null : "U0MUTER01",
                reason);
        return new ErrorView(
                g,
                "checkout",
                Environment.LIVE,
                reason == ErrorGroup.Reason.NEW ? null : new PostRef("C0OPS0001", "1716.000200"),
                T.plusSeconds(120));
    }

    static ErrorSample sample(String message, String stack, String details) {
        return new ErrorSample(
                ErrorLevel.ERROR, "IllegalStateException", message, "shop", "production", "1.2.3", stack, details);
    }

    @Test
    void theErrorPostAndItsDetailsArePinned() {
        ErrorView v = view(
                sample(
                        "payment for order 1 failed",
                        "> at shop.Checkout.pay (Checkout.java:42)\n  at java.lang.Thread.run",
                        "Request: POST https://x/orders → 502\nHeader Authorization: [redacted]"),
                ErrorGroup.Reason.NEW,
                null,
                null);
        Golden.assertMatches("error-post", ErrorMessages.post(v));
        Golden.assertMatches("error-details", ErrorMessages.details(v));
        ErrorView back = view(v.sample(), ErrorGroup.Reason.REGRESSION, "U0RESOLV1", Instant.MAX);
        Golden.assertMatches("error-regression-resolved-muted", ErrorMessages.post(back));
    }

    @Test
    void clientTextCannotMentionLinkOrBroadcast() {
        ErrorView v = view(
                sample("<!channel> @here <@U123> <https://evil.example|click> @everyone", "<!here>", "@channel"),
                ErrorGroup.Reason.NEW,
                null,
                null);
        String all = SLACK.toJson(ErrorMessages.post(v)) + SLACK.toJson(ErrorMessages.details(v));
        assertThat(all)
                .doesNotContain(
                        "<!channel>",
                        "<!here>",
                        "<@U123>",
                        "<https://evil",
                        "\"@here",
                        " @here",
                        "@everyone",
                        "@channel");
        assertThat(all).contains("lt;!channel");
    }

    @Test
    void aHugeStackIsCutWithAMarkerSayingHowMuchAndStaysInsideSlacksLimits() {
        String stack = ("  at com.example.Deep.frame(Deep.java:1) & <more>\n").repeat(2000);
        ErrorView v = view(
                sample("m".repeat(5000), ErrorSample.cap(stack, ErrorSample.STACK_MAX), "x".repeat(9000)),
                ErrorGroup.Reason.NEW,
                null,
                null);
        AlertMessages.Message details = ErrorMessages.details(v);
        String json = SLACK.toJson(details.blocks());
        assertThat(json).contains("more characters of the stack were cut");
        int total = 0;
        for (var b : details.blocks()) {
            var o = SLACK.toJsonTree(b).getAsJsonObject();
            String text = o.has("text") ? o.getAsJsonObject("text").get("text").getAsString() : o.toString();
            assertThat(text.length()).isLessThanOrEqualTo(3_000);
            total += text.length();
        }
        assertThat(total).isLessThan(12_000);
        AlertMessages.Message post = ErrorMessages.post(v);
        assertThat(post.text().length()).isLessThanOrEqualTo(3000);
        assertThat(post.blocks().size()).isLessThanOrEqualTo(50);
    }
}
