package dev.healthbot.probe;

import dev.healthbot.monitor.FailureKind;
import dev.healthbot.monitor.Probe;
import dev.healthbot.monitor.ProbeKind;
import dev.healthbot.monitor.ProbeResult;
import dev.healthbot.monitor.ProbeSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;

/**
 * The probe to use: dispatches on the target's {@link ProbeKind} and guarantees a result, turning a
 * thrown or failed probe into ERROR and a late one into TIMEOUT after timeout + 2 s.
 */
public final class ProbeRegistry implements Probe, AutoCloseable {

    static final Duration DEFAULT_GRACE = Duration.ofSeconds(2);

    private final Map<ProbeKind, Probe> probes;
    private final InstantSource clock;
    private final ScheduledExecutorService timer;
    private final Duration grace;
    private final List<AutoCloseable> owned;

    /**
     * A registry over the given probes with its own timer thread; {@link #close()} ends the timer but
     * not the probes, which stay the caller's.
     */
    public ProbeRegistry(Map<ProbeKind, Probe> probes, InstantSource clock) {
        this(probes, clock, ProbeSupport.newTimer("healthbot-probe-timer"), DEFAULT_GRACE, List.of());
    }

    ProbeRegistry(
            Map<ProbeKind, Probe> probes,
            InstantSource clock,
            ScheduledExecutorService timer,
            Duration grace,
            List<AutoCloseable> owned) {
        this.probes = Map.copyOf(probes);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.grace = Objects.requireNonNull(grace, "grace");
        this.owned = List.copyOf(owned);
    }

    /**
     * The three standard probes on one shared timer thread, resolving and checking every address
     * through {@code policy}; {@link #close()} ends the timer and the TCP and WebSocket threads, but not the
     * OkHttp client or the policy, which stay the caller's.
     */
    public static ProbeRegistry standard(OkHttpClient httpClient, InstantSource clock, AddressPolicy policy) {
        ScheduledExecutorService timer = ProbeSupport.newTimer("healthbot-probe-timer");
        TcpProbe tcp = new TcpProbe(clock, timer, policy);
        Map<ProbeKind, Probe> probes = new EnumMap<>(ProbeKind.class);
        probes.put(ProbeKind.HTTP, new HttpProbe(httpClient, clock, timer, policy));
        WebSocketProbe ws = new WebSocketProbe(clock, timer, policy);
        probes.put(ProbeKind.WEBSOCKET, ws);
        probes.put(ProbeKind.TCP, tcp);
        List<AutoCloseable> owned = new ArrayList<>();
        owned.add(tcp);
        owned.add(ws);
        return new ProbeRegistry(probes, clock, timer, DEFAULT_GRACE, owned);
    }

    @Override
    public CompletableFuture<ProbeResult> probe(ProbeSpec spec) {
        Instant at = clock.instant();
        long start = System.nanoTime();
        CompletableFuture<ProbeResult> result = new CompletableFuture<>();
        Duration limit = spec.timeout().plus(grace);
        ScheduledFuture<?> guard;
        try {
            guard = timer.schedule(
                    () -> result.complete(ProbeResult.down(
                            at,
                            ProbeSupport.since(start),
                            FailureKind.TIMEOUT,
                            "no result within " + ProbeSupport.human(limit))),
                    limit.toNanos(),
                    TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            result.complete(ProbeResult.down(at, ProbeSupport.since(start), FailureKind.ERROR, "probes are closed"));
            return result;
        }
        result.whenComplete((r, e) -> guard.cancel(false));

        ProbeKind kind = spec.target().kind();
        Probe probe = probes.get(kind);
        if (probe == null) {
            result.complete(ProbeResult.down(
                    at, ProbeSupport.since(start), FailureKind.ERROR, "no probe for " + kind.name() + " targets"));
            return result;
        }
        CompletableFuture<ProbeResult> inner;
        try {
            inner = probe.probe(spec);
        } catch (RuntimeException | Error e) {
            result.complete(error(at, start, e));
            return result;
        }
        if (inner == null) {
            result.complete(
                    ProbeResult.down(at, ProbeSupport.since(start), FailureKind.ERROR, "probe returned no result"));
            return result;
        }
        inner.whenComplete((r, e) -> {
            if (e != null) {
                result.complete(
                        error(at, start, e instanceof CompletionException && e.getCause() != null ? e.getCause() : e));
            } else if (r == null) {
                result.complete(
                        ProbeResult.down(at, ProbeSupport.since(start), FailureKind.ERROR, "probe returned no result"));
            } else {
                result.complete(spec.options().assertions().limitLatency(r));
            }
        });
        return result;
    }

    private static ProbeResult error(Instant at, long start, Throwable e) {
        String message = ProbeSupport.clean(e.getMessage());
        return ProbeResult.down(
                at,
                ProbeSupport.since(start),
                FailureKind.ERROR,
                "probe failed: " + e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message));
    }

    /** Ends the timer and whatever {@link #standard} created; probes passed in stay open. */
    @Override
    public void close() {
        timer.shutdownNow();
        for (AutoCloseable c : owned) {
            try {
                c.close();
            } catch (Exception e) {
                // closing is best effort
            }
        }
    }
}
