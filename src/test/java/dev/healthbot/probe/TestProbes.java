package dev.healthbot.probe;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import okhttp3.OkHttpClient;

/**
 * Builds probes for tests the way {@link ProbeRegistry#standard} does, on one timer and one address
 * policy, and {@link #close()} ends every probe it built, the timer, and the policy when it made it.
 */
final class TestProbes implements AutoCloseable {

    private final InstantSource clock;
    private final AddressPolicy policy;
    private final ScheduledExecutorService timer = ProbeSupport.newTimer("healthbot-test-probe-timer");
    private final List<AutoCloseable> owned = new ArrayList<>();

    /** Probes that may go anywhere, resolving with the system resolver. */
    TestProbes(InstantSource clock) {
        this(clock, AddressPolicy.allowAll(AddressPolicy.SYSTEM));
        owned.add(policy);
    }

    /** Probes on the caller's policy, which stays open. */
    TestProbes(InstantSource clock, AddressPolicy policy) {
        this.clock = clock;
        this.policy = policy;
    }

    HttpProbe http(OkHttpClient client) {
        return new HttpProbe(client, clock, timer, policy);
    }

    TcpProbe tcp() {
        return own(new TcpProbe(clock, timer, policy));
    }

    WebSocketProbe webSocket() {
        return own(new WebSocketProbe(clock, timer, policy));
    }

    private <T extends AutoCloseable> T own(T probe) {
        owned.add(0, probe);
        return probe;
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : owned) {
            c.close();
        }
        timer.shutdownNow();
    }
}
