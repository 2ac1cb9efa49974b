package dev.healthbot.fakeslack;

/** How the fake's Web API answers a call that {@link FakeSlack#failNext} made fail; immutable values. */
public sealed interface Failure {

    /** HTTP 500 with {@code {"ok":false,"error":"internal_error"}}. */
    static Failure http500() {
        return new Http500();
    }

    /** HTTP 429 with {@code Retry-After: retryAfterSeconds} and {@code {"ok":false,"error":"ratelimited"}}. */
    static Failure rateLimited(int retryAfterSeconds) {
        if (retryAfterSeconds < 0) {
            throw new IllegalArgumentException("retryAfterSeconds < 0");
        }
        return new RateLimited(retryAfterSeconds);
    }

    /** HTTP 200 with {@code {"ok":false,"error":slackError}}. */
    static Failure error(String slackError) {
        if (slackError == null || slackError.isBlank()) {
            throw new IllegalArgumentException("slackError must not be blank");
        }
        return new SlackError(slackError);
    }

    /** An HTTP 500 failure. */
    record Http500() implements Failure {}

    /** An HTTP 429 failure. */
    record RateLimited(int retryAfterSeconds) implements Failure {}

    /** An {@code ok:false} answer with HTTP 200. */
    record SlackError(String error) implements Failure {}
}
