package dev.healthbot.monitor;

import java.net.InetAddress;
import java.util.Optional;

/**
 * Port: where probes may go. Cloud metadata addresses are refused by default; private addresses and
 * loopback are allowed, since probing internal servers is the point. Implementations are
 * thread-safe; probes ask it again for every address they connect to, after every redirect.
 */
public interface TargetPolicy {

    /** Why probes may not reach {@code address}, or empty when they may; no I/O. */
    Optional<String> refusal(InetAddress address);

    /**
     * Why {@code target} may not be registered, or empty when it may. A literal address is checked
     * as it is; a host name is resolved within a short bound (about a second), and a name that does
     * not resolve in that time is allowed (the server may be down; probes check again).
     */
    Optional<String> refusal(Target target);

    /** A policy that allows every address (tools and tests that probe nothing outside loopback). */
    static TargetPolicy allowAll() {
        return new TargetPolicy() {
            @Override
            public Optional<String> refusal(InetAddress address) {
                return Optional.empty();
            }

            @Override
            public Optional<String> refusal(Target target) {
                return Optional.empty();
            }
        };
    }
}
