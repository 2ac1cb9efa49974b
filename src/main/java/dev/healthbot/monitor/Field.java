package dev.healthbot.monitor;

/** The user-facing fields of a server's settings, used to attach validation errors to inputs. */
public enum Field {
    NAME("name"),
    URL("URL"),
    ENVIRONMENT("environment"),
    INTERVAL("interval"),
    TIMEOUT("timeout"),
    EXPECTED_STATUS("expected status codes"),
    FAILURES_BEFORE_DOWN("failures before DOWN"),
    SUCCESSES_BEFORE_UP("successes before UP"),
    ALERTS("alerts"),
    EXPECT_BODY("body must contain"),
    EXPECT_BODY_NOT("body must not contain"),
    EXPECT_JSON("JSON rules"),
    LATENCY_MAX("latency max"),
    METHOD("method"),
    BODY("request body"),
    CONTENT_TYPE("content type"),
    HEADERS("headers"),
    TLS_VERIFY("TLS verification"),
    FOLLOW_REDIRECTS("follow redirects"),
    TLS_EXPIRY("certificate expiry warning");

    private final String label;

    Field(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
