package dev.healthbot.monitor;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A {@link Probe} that counts what passes through it: probes in flight and finished checks by
 * failure kind ({@link FailureKind#NONE} for up). Two counter updates per check, no lock, no
 * per-server state, so it adds nothing measurable to the check path. Thread-safe.
 */
public final class MeteredProbe implements Probe {

    private final Probe probe;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final LongAdder[] byKind = new LongAdder[FailureKind.values().length];

    public MeteredProbe(Probe probe) {
        this.probe = probe;
        for (int i = 0; i < byKind.length; i++) {
            byKind[i] = new LongAdder();
        }
    }

    @Override
    public CompletableFuture<ProbeResult> probe(ProbeSpec spec) {
        inFlight.incrementAndGet();
        CompletableFuture<ProbeResult> result;
        try {
            result = probe.probe(spec);
        } catch (RuntimeException e) {
            inFlight.decrementAndGet();
            throw e;
        }
        return result.whenComplete((r, e) -> {
            inFlight.decrementAndGet();
            byKind[(r == null ? FailureKind.ERROR : r.failure()).ordinal()].increment();
        });
    }

    /** Probes started and not yet finished. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Finished checks since start, by failure kind ({@link FailureKind#NONE}: up). */
    public Map<FailureKind, Long> checks() {
        Map<FailureKind, Long> out = new EnumMap<>(FailureKind.class);
        for (FailureKind k : FailureKind.values()) {
            out.put(k, byKind[k.ordinal()].sum());
        }
        return out;
    }
}
