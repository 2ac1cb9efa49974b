package dev.healthbot.probe;

import dev.healthbot.monitor.FailureKind;
import dev.healthbot.monitor.Probe;
import dev.healthbot.monitor.ProbeResult;
import dev.healthbot.monitor.ProbeSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Probes a tcp://host:port target: up when a TCP connection is accepted within the timeout, which is
 * then closed at once.
 *
 * <p>Connects run on a bounded pool of daemon threads (64) owned by the probe, lookups on the address
 * policy's; a deadline on the timer completes the result even when a lookup hangs or the pool is
 * saturated.
 */
public final class TcpProbe implements Probe, AutoCloseable {

    static final int MAX_THREADS = 64;

    private final InstantSource clock;
    private final ScheduledExecutorService timer;
    private final ThreadPoolExecutor connector;
    private final AddressPolicy policy;

    /**
     * A probe using a shared timer and a shared address policy (which resolves and checks the host;
     * neither is closed by {@link #close()}) and its own connect threads.
     */
    public TcpProbe(InstantSource clock, ScheduledExecutorService timer, AddressPolicy policy) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.connector = new ThreadPoolExecutor(
                MAX_THREADS,
                MAX_THREADS,
                10,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                ProbeSupport.daemonThreads("healthbot-tcp"));
        this.connector.allowCoreThreadTimeOut(true);
    }

    @Override
    public CompletableFuture<ProbeResult> probe(ProbeSpec spec) {
        Instant at = clock.instant();
        long start = System.nanoTime();
        long deadline = start + spec.timeout().toNanos();
        CompletableFuture<ProbeResult> result = new CompletableFuture<>();
        try {
            ScheduledFuture<?> guard = timer.schedule(
                    () -> result.complete(Failure.timeout(false, spec.timeout()).at(at, start)),
                    spec.timeout().plus(ProbeSupport.GUARD_SLACK).toNanos(),
                    TimeUnit.NANOSECONDS);
            result.whenComplete((r, e) -> guard.cancel(false));
            connector.execute(() -> connect(spec, at, start, deadline, result));
        } catch (RejectedExecutionException e) {
            result.complete(ProbeResult.down(at, ProbeSupport.since(start), FailureKind.ERROR, "probe is closed"));
        } catch (RuntimeException e) {
            result.complete(Failure.of(e, spec.target().host(), spec.timeout()).at(at, start));
        }
        return result;
    }

    private void connect(ProbeSpec spec, Instant at, long start, long deadline, CompletableFuture<ProbeResult> result) {
        String host = spec.target().host();
        try {
            if (result.isDone()) {
                return;
            }
            InetAddress[] addresses = policy.resolve(host, deadline - System.nanoTime());
            IOException last = null;
            for (InetAddress address : addresses) {
                long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (remainingMillis <= 0 || result.isDone()) {
                    last = new SocketTimeoutException("connect timed out");
                    break;
                }
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(address, spec.target().port()), (int)
                            Math.min(Integer.MAX_VALUE, remainingMillis));
                    result.complete(ProbeResult.up(at, ProbeSupport.since(start), "TCP connect ok"));
                    return;
                } catch (SocketTimeoutException e) {
                    last = e;
                    break;
                } catch (IOException e) {
                    last = e;
                }
            }
            if (last == null) {
                last = new UnknownHostException(host);
            }
            result.complete(Failure.of(last, host, spec.timeout()).at(at, start));
        } catch (IOException | RuntimeException e) {
            result.complete(Failure.of(e, host, spec.timeout()).at(at, start));
        }
    }

    /** Stops the connect threads; the timer and the address policy are the caller's. */
    @Override
    public void close() {
        connector.shutdownNow();
    }
}
