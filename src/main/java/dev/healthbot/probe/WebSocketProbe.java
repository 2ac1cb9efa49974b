package dev.healthbot.probe;

import dev.healthbot.monitor.FailureKind;
import dev.healthbot.monitor.Probe;
import dev.healthbot.monitor.ProbeResult;
import dev.healthbot.monitor.ProbeSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ServerHandshake;

/**
 * Probes a ws(s) URL: up when the WebSocket opening handshake (HTTP 101) completes within the
 * timeout; the connection is then closed at once.
 *
 * <p>Each probe runs one Java-WebSocket client (two short-lived daemon threads). Its socket is
 * closed in every outcome, so the threads end; only a DNS lookup that hangs keeps its thread until
 * the system resolver gives up, while the result still arrives on time.
 */
public final class WebSocketProbe implements Probe, AutoCloseable {

    /** How long a clean close after a successful handshake may take before the socket is cut. */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(1);

    /** How long a bare close on wss waits for the TLS error that may explain it. */
    static final Duration TLS_ERROR_WAIT = Duration.ofMillis(200);

    private static final Pattern BAD_STATUS =
            Pattern.compile("Invalid status code received: (\\d{3}) Status line: \\S+ \\d{3} ?(.*)");

    private final InstantSource clock;
    private final ScheduledExecutorService timer;
    private final AddressPolicy policy;
    private final boolean ownsTimer;
    private final boolean ownsPolicy;

    /**
     * A probe using a shared timer for its deadlines and a shared address policy, which resolves and
     * checks the host before connecting; neither is closed by {@link #close()}.
     */
    public WebSocketProbe(InstantSource clock, ScheduledExecutorService timer, AddressPolicy policy) {
        this(clock, timer, false, policy, false);
    }

    /** A probe that may go anywhere, with its own timer and lookup threads, ended by {@link #close()}. */
    public WebSocketProbe(InstantSource clock) {
        this(
                clock,
                ProbeSupport.newTimer("healthbot-ws-timer"),
                true,
                AddressPolicy.allowAll(AddressPolicy.SYSTEM),
                true);
    }

    /** A probe on a shared policy with its own timer thread, ended by {@link #close()}. */
    public WebSocketProbe(InstantSource clock, AddressPolicy policy) {
        this(clock, ProbeSupport.newTimer("healthbot-ws-timer"), true, policy, false);
    }

    private WebSocketProbe(
            InstantSource clock,
            ScheduledExecutorService timer,
            boolean ownsTimer,
            AddressPolicy policy,
            boolean ownsPolicy) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.ownsTimer = ownsTimer;
        this.ownsPolicy = ownsPolicy;
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

    /** Ends the timer and lookup threads if this probe created them. */
    @Override
    public void close() {
        if (ownsTimer) {
            timer.shutdownNow();
        }
        if (ownsPolicy) {
            policy.close();
        }
    }

    /** One probe: one client, one socket, one deadline. */
    private final class Attempt {
        private final ProbeSpec spec;
        private final Instant at;
        private final long start;
        private final CompletableFuture<ProbeResult> result;
        private final TrackingSocketFactory sockets;
        private final boolean tls;
        private volatile ScheduledFuture<?> guard;
        private Client client;

        Attempt(ProbeSpec spec, Instant at, long start, CompletableFuture<ProbeResult> result) {
            this.spec = spec;
            this.at = at;
            this.start = start;
            this.result = result;
            this.tls = spec.target().scheme().equals("wss");
            this.sockets = new TrackingSocketFactory(tls ? SSLSocketFactory.getDefault() : SocketFactory.getDefault());
        }

        void begin() {
            URI uri = spec.target().uri();
            int connectMillis =
                    (int) Math.max(1, Math.min(Integer.MAX_VALUE, spec.timeout().toMillis()));
            client = new Client(uri, connectMillis);
            client.setConnectionLostTimeout(0);
            client.setDaemon(true);
            // The factory's socket is what we close on a timeout; for wss it is an SSLSocket, so the
            // client applies host name verification to it.
            client.setSocketFactory(sockets);
            // The client's connect thread resolves through the policy, which checks every address and
            // gives up at the deadline; the client then connects to the checked address, while the
            // URI (Host header, TLS server name) keeps the name.
            long deadline = start + spec.timeout().toNanos();
            String host = spec.target().host();
            client.setDnsResolver(ignored -> policy.resolve(host, deadline - System.nanoTime())[0]);
            try {
                guard = timer.schedule(this::onDeadline, spec.timeout().toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                finish(ProbeResult.down(at, ProbeSupport.since(start), FailureKind.ERROR, "probe is closed"));
                return;
            }
            client.connect();
        }

        private void onDeadline() {
            Socket socket = sockets.socket;
            boolean connected = socket != null && socket.isConnected();
            ProbeResult r = connected
                    ? ProbeResult.down(
                            at,
                            ProbeSupport.since(start),
                            FailureKind.TIMEOUT,
                            "WebSocket handshake timed out after " + ProbeSupport.human(spec.timeout()))
                    : Failure.timeout(true, spec.timeout()).at(at, start);
            finish(r);
        }

        void finish(ProbeResult r) {
            if (!result.complete(r)) {
                return;
            }
            ScheduledFuture<?> g = guard;
            if (g != null) {
                g.cancel(false);
            }
            if (r.up()) {
                // Start the close handshake; cut the socket if it has not finished soon.
                try {
                    client.close();
                } catch (RuntimeException e) {
                    sockets.closeAll();
                }
                try {
                    timer.schedule(sockets::closeAll, CLOSE_GRACE.toNanos(), TimeUnit.NANOSECONDS);
                } catch (RejectedExecutionException e) {
                    sockets.closeAll();
                }
            } else {
                sockets.closeAll();
            }
        }

        /** The client, reporting into this attempt. */
        private final class Client extends WebSocketClient {
            Client(URI uri, int connectMillis) {
                super(uri, new Draft_6455(), Map.of("User-Agent", ProbeSupport.USER_AGENT), connectMillis);
            }

            @Override
            public void onOpen(ServerHandshake handshake) {
                finish(ProbeResult.up(
                        at,
                        ProbeSupport.since(start),
                        "WebSocket handshake ok (HTTP " + handshake.getHttpStatus() + ")"));
            }

            @Override
            public void onMessage(String message) {
                // Messages are not part of the probe.
            }

            @Override
            public void onClose(int code, String reason, boolean remote) {
                FailureKind kind = closeKind(code, reason);
                ProbeResult r = ProbeResult.down(at, ProbeSupport.since(start), kind, closeDetail(code, reason));
                if (tls && kind == FailureKind.RESET) {
                    // A failed TLS handshake is reported by the write thread (onError), while the read
                    // thread may see a bare EOF first: give the real cause a moment to arrive.
                    try {
                        timer.schedule(() -> finish(r), TLS_ERROR_WAIT.toNanos(), TimeUnit.NANOSECONDS);
                        return;
                    } catch (RejectedExecutionException e) {
                        // closed: report what we have
                    }
                }
                finish(r);
            }

            @Override
            public void onError(Exception ex) {
                finish(Failure.of(ex, spec.target().host(), spec.timeout()).at(at, start));
            }
        }
    }

    private static FailureKind closeKind(int code, String reason) {
        return code == CloseFrame.NEVER_CONNECTED && (reason == null || reason.isEmpty())
                ? FailureKind.RESET
                : FailureKind.HANDSHAKE;
    }

    private static String closeDetail(int code, String reason) {
        String text = reason == null ? "" : reason;
        Matcher bad = BAD_STATUS.matcher(text);
        if (bad.find()) {
            String phrase = ProbeSupport.clean(bad.group(2));
            if (phrase.length() > 60) {
                phrase = phrase.substring(0, 59) + "…";
            }
            return ("WebSocket handshake failed: HTTP " + bad.group(1) + " " + phrase).strip() + " instead of 101";
        }
        if (text.contains("refuses handshake")) {
            return "WebSocket handshake failed: the server's 101 answer did not accept the upgrade";
        }
        if (code == CloseFrame.NEVER_CONNECTED && text.isEmpty()) {
            return "connection closed by the server before the WebSocket handshake completed";
        }
        String cleaned = ProbeSupport.clean(text);
        return "WebSocket handshake failed" + (cleaned.isEmpty() ? " (close code " + code + ")" : ": " + cleaned);
    }

    /** Creates the client's socket and remembers it, so that a deadline can close it. */
    private static final class TrackingSocketFactory extends SocketFactory {
        private final SocketFactory delegate;
        private volatile Socket socket;
        private volatile boolean closed;

        TrackingSocketFactory(SocketFactory delegate) {
            this.delegate = delegate;
        }

        @Override
        public Socket createSocket() throws IOException {
            Socket s = delegate.createSocket();
            socket = s;
            if (closed) {
                s.close();
            }
            return s;
        }

        void closeAll() {
            closed = true;
            Socket s = socket;
            if (s != null) {
                try {
                    s.close();
                } catch (IOException e) {
                    // already gone
                }
            }
        }

        @Override
        public Socket createSocket(String host, int port) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Socket createSocket(InetAddress host, int port) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
            throw new UnsupportedOperationException();
        }
    }
}
