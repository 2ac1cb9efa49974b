package dev.healthbot.monitor;

import java.util.concurrent.CompletableFuture;

/**
 * Port: probes one target once. Implementations are thread-safe, never block the caller beyond
 * setting the probe up, and always complete the future (never exceptionally) with a result within
 * the spec's timeout plus a small grace.
 */
public interface Probe {

    CompletableFuture<ProbeResult> probe(ProbeSpec spec);
}
