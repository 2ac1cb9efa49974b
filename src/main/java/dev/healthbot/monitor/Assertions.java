package dev.healthbot.monitor;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What an HTTP answer must show beyond its status code: text the body holds or does not hold, JSON
 * rules, and a latency limit; immutable. {@link #NONE} asks for nothing, so the probe never reads the
 * body for it.
 *
 * @param bodyContains text the body must contain, or null
 * @param bodyNotContains text the body must not contain, or null
 * @param json rules the body, read as JSON, must meet (all of them)
 * @param latencyMax the slowest acceptable answer (a slower one fails with {@link FailureKind#SLOW}), or null
 */
public record Assertions(String bodyContains, String bodyNotContains, List<JsonRule> json, Duration latencyMax) {

    public static final Assertions NONE = new Assertions(null, null, List.of(), null);

    /** The longest text {@code expect_body} and {@code expect_body_not} may hold. */
    public static final int MAX_TEXT = 500;

    public Assertions {
        json = List.copyOf(Objects.requireNonNull(json));
    }

    /**
     * {@code r}, or a {@link FailureKind#SLOW} failure when it is up but slower than {@link #latencyMax};
     * applied to every probe kind.
     */
    public ProbeResult limitLatency(ProbeResult r) {
        if (latencyMax == null || !r.up() || r.latency().compareTo(latencyMax) <= 0) {
            return r;
        }
        return ProbeResult.down(
                        r.at(),
                        r.latency(),
                        FailureKind.SLOW,
                        "answered in " + r.latency().toMillis() + " ms, above the latency max of "
                                + Durations.format(latencyMax))
                // the handshake's certificate stays with the result: a slow answer still shows its expiry
                .withCertificate(r.certNotAfter());
    }

    /** Whether the probe must read the body: only then is it kept in memory. */
    public boolean needsBody() {
        return bodyContains != null || bodyNotContains != null || !json.isEmpty();
    }
}
