package dev.healthbot.probe;

import dev.healthbot.monitor.FailureKind;
import dev.healthbot.monitor.Probe;
import dev.healthbot.monitor.ProbeResult;
import dev.healthbot.monitor.ProbeSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.enums.HandshakeState;
import org.java_websocket.enums.Role;
import org.java_websocket.exceptions.InvalidHandshakeException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.HandshakeImpl1Client;
import org.java_websocket.handshake.Handshakedata;
import org.java_websocket.handshake.ServerHandshake;

/**
 * Probes a ws(s) URL: up when the WebSocket opening handshake (HTTP 101, with a valid
 * {@code Sec-WebSocket-Accept}) completes within the timeout; the connection is then closed with a
 * close frame.
 *
 * <p>Java-WebSocket's {@link Draft_6455} writes the handshake, checks the answer and frames the
 * close; the socket is driven from a pool of reused threads. (Java-WebSocket's own client starts two
 * threads per connection, and a thread's start and end cost about 0.2 ms of CPU here: most of a
 * WebSocket probe's cost at 2,000 servers every 10 s.) The socket is closed in every outcome; the
 * deadline closes it under a blocked connect or read.
 */
public final class WebSocketProbe implements Probe, AutoCloseable {

    /** How long a clean close after a successful handshake may take before the socket is cut. */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(1);

    private final InstantSource clock;
    private final ScheduledExecutorService timer;
    private final AddressPolicy policy;
    private final ExecutorService workers;
    private final SSLSocketFactory tlsSockets;

    /**
     * A probe using a shared timer for its deadlines and a shared address policy, which resolves and
     * checks the host before connecting; neither is closed by {@link #close()}, which ends only the
     * probe's own worker threads.
     */
    public WebSocketProbe(InstantSource clock, ScheduledExecutorService timer, AddressPolicy policy) {
        this(clock, timer, policy, (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    /** As above, with the TLS sockets of {@code tlsSockets} (its trust decides which certificates pass). */
    WebSocketProbe(
            InstantSource clock, ScheduledExecutorService timer, AddressPolicy policy, SSLSocketFactory tlsSockets) {
        this.tlsSockets = Objects.requireNonNull(tlsSockets, "tlsSockets");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.policy = Objects.requireNonNull(policy, "policy");
        // One thread per probe in flight, reused; idle ones end after 10 s.
        this.workers = new ThreadPoolExecutor(
                0,
                Integer.MAX_VALUE,
                10,
                TimeUnit.SECONDS,
                new SynchronousQueue<>(),
                ProbeSupport.daemonThreads("healthbot-ws"));
    }

    @Override
    public CompletableFuture<ProbeResult> probe(ProbeSpec spec) {
        Instant at = clock.instant();
        long start = System.nanoTime();
        CompletableFuture<ProbeResult> result = new CompletableFuture<>();
        try {
            new Attempt(spec, at, start, result).begin();
        } catch (RuntimeException e) {
            result.complete(Failure.of(e, spec.target().host(), spec.timeout()).at(at, start));
        }
        return result;
    }

    /** Ends the worker threads; the timer and the address policy are the caller's. */
    @Override
    public void close() {
        workers.shutdownNow();
    }

    /** Where an attempt stands, for the message when its deadline passes first. */
    private enum Phase {
        LOOKUP,
        CONNECTING,
        HANDSHAKE
    }

    /** One probe: one socket, one deadline, run on a worker thread. */
    private final class Attempt {
        private final ProbeSpec spec;
        private final Instant at;
        private final long start;
        private final long deadline;
        private final CompletableFuture<ProbeResult> result;
        private final TrackingSocketFactory sockets = new TrackingSocketFactory(SocketFactory.getDefault());
        private final boolean tls;
        private volatile Phase phase = Phase.LOOKUP;
        private volatile ScheduledFuture<?> guard;
        private volatile Instant certNotAfter;

        Attempt(ProbeSpec spec, Instant at, long start, CompletableFuture<ProbeResult> result) {
            this.spec = spec;
            this.at = at;
            this.start = start;
            this.deadline = start + spec.timeout().toNanos();
            this.result = result;
            this.tls = spec.target().scheme().equals("wss");
        }

        void begin() {
            try {
                guard = timer.schedule(this::onDeadline, spec.timeout().toNanos(), TimeUnit.NANOSECONDS);
                workers.execute(this::run);
            } catch (RejectedExecutionException e) {
                finish(ProbeResult.down(at, ProbeSupport.since(start), FailureKind.ERROR, "probe is closed"));
            }
        }

        private void onDeadline() {
            Duration timeout = spec.timeout();
            ProbeResult r =
                    switch (phase) {
                        case LOOKUP ->
                            Failure.lookupTimeout(spec.target().host(), timeout).at(at, start);
                        case CONNECTING -> Failure.timeout(true, timeout).at(at, start);
                        case HANDSHAKE ->
                            ProbeResult.down(
                                    at,
                                    ProbeSupport.since(start),
                                    FailureKind.TIMEOUT,
                                    "WebSocket handshake timed out after " + ProbeSupport.human(timeout));
                    };
            finish(r);
        }

        private void run() {
            try {
                handshake();
            } catch (IOException | RuntimeException e) {
                finish(Failure.of(e, spec.target().host(), spec.timeout()).at(at, start));
            } finally {
                sockets.closeAll();
            }
        }

        private void handshake() throws IOException {
            URI uri = spec.target().uri();
            String host = spec.target().host();
            int port = uri.getPort() != -1 ? uri.getPort() : tls ? 443 : 80;
            InetAddress address = policy.resolve(host, deadline - System.nanoTime())[0];
            phase = Phase.CONNECTING;
            Socket socket = sockets.createSocket();
            socket.connect(new InetSocketAddress(address, port), remainingMillis());
            phase = Phase.HANDSHAKE;
            if (tls) {
                // The name (not the address) for SNI and host name verification, as a browser would.
                SSLSocket ssl = (SSLSocket) tlsSockets.createSocket(socket, host, port, true);
                SSLParameters params = ssl.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                ssl.setSSLParameters(params);
                ssl.startHandshake();
                // The check's own handshake: its leaf certificate's expiry goes with the result.
                certNotAfter = LeafCertificate.notAfter(ssl.getSession());
                socket = ssl;
            }
            Draft_6455 draft = new Draft_6455();
            draft.setParseMode(Role.CLIENT);
            HandshakeImpl1Client request = new HandshakeImpl1Client();
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            request.setResourceDescriptor(uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery());
            boolean defaultPort = uri.getPort() == -1 || uri.getPort() == (tls ? 443 : 80);
            request.put("Host", uri.getHost() + (defaultPort ? "" : ":" + uri.getPort()));
            request.put("User-Agent", ProbeSupport.USER_AGENT);
            draft.postProcessHandshakeRequestAsClient(request);
            OutputStream out = socket.getOutputStream();
            for (ByteBuffer b : draft.createHandshake(request)) {
                WebSocketWire.write(out, b);
            }
            out.flush();
            InputStream in = socket.getInputStream();
            ByteBuffer head = WebSocketWire.readHead(in);
            if (head == null) {
                fail(FailureKind.RESET, "connection closed by the server before the WebSocket handshake completed");
                return;
            }
            Handshakedata answer;
            try {
                answer = draft.translateHandshake(head);
            } catch (InvalidHandshakeException e) {
                fail(FailureKind.HANDSHAKE, WebSocketWire.closeDetail(e.getMessage()));
                return;
            }
            boolean accepted;
            try {
                accepted = answer instanceof ServerHandshake
                        && draft.acceptHandshakeAsClient(request, (ServerHandshake) answer) == HandshakeState.MATCHED;
            } catch (InvalidHandshakeException e) {
                accepted = false;
            }
            if (!accepted) {
                fail(
                        FailureKind.HANDSHAKE,
                        "WebSocket handshake failed: the server's 101 answer did not accept the upgrade");
                return;
            }
            finish(ProbeResult.up(
                    at,
                    ProbeSupport.since(start),
                    "WebSocket handshake ok (HTTP " + ((ServerHandshake) answer).getHttpStatus() + ")"));
            closePolitely(draft, socket, out, in);
        }

        /** A close frame, then the server's close (or its end of stream) for at most {@link #CLOSE_GRACE}. */
        private void closePolitely(Draft_6455 draft, Socket socket, OutputStream out, InputStream in) {
            try {
                CloseFrame close = new CloseFrame();
                close.setCode(CloseFrame.NORMAL);
                WebSocketWire.write(out, draft.createBinaryFrame(close));
                out.flush();
                socket.setSoTimeout((int) CLOSE_GRACE.toMillis());
                byte[] sink = new byte[512];
                long until = System.nanoTime() + CLOSE_GRACE.toNanos();
                // The server's close frame is a few bytes; whatever came before it is skipped.
                while (in.read(sink) >= 0 && System.nanoTime() < until) {
                    // keep reading until the server closes
                }
            } catch (IOException | RuntimeException e) {
                // The probe's answer is given; the socket is closed by run() either way.
            }
        }

        private int remainingMillis() {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            return (int) Math.max(1, Math.min(Integer.MAX_VALUE, left));
        }

        private void fail(FailureKind kind, String detail) {
            finish(ProbeResult.down(at, ProbeSupport.since(start), kind, detail));
        }

        void finish(ProbeResult r) {
            Instant cert = certNotAfter;
            if (!result.complete(cert == null ? r : r.withCertificate(cert))) {
                return;
            }
            ScheduledFuture<?> g = guard;
            if (g != null) {
                g.cancel(false);
            }
            if (!r.up()) {
                sockets.closeAll();
            }
        }
    }
}
