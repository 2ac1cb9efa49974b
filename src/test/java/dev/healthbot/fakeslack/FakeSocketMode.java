package dev.healthbot.fakeslack;

import static dev.healthbot.fakeslack.FakeSlack.*;
import static dev.healthbot.fakeslack.Wire.*;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.java_websocket.WebSocket;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The fake Slack's Socket Mode side: a WebSocket server that says hello, sends envelopes and checks the app's acks. */
public final class FakeSocketMode {

    private static final Logger log = LoggerFactory.getLogger(FakeSocketMode.class);

    private final Ledger ledger;
    private final ReentrantLock lock;
    private final Condition changed;
    private final FakeLimits limits;
    private final java.util.function.IntSupplier webApiCalls;
    private final ExecutorService callbackExecutor;
    private final SocketServer ws;
    // Guarded by lock.
    private final List<Ack> acks = new ArrayList<>();
    private final List<WebSocket> sockets = new ArrayList<>();
    private int socketsOpenedTotal;
    private final Map<String, Boolean> tickets = new ConcurrentHashMap<>();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    /** @param connectionsOpenCalls how many {@code apps.connections.open} calls the Web API saw, for failure messages */
    FakeSocketMode(Ledger ledger, FakeLimits limits, java.util.function.IntSupplier connectionsOpenCalls)
            throws IOException, InterruptedException {
        this.ledger = ledger;
        this.lock = ledger.lock;
        this.changed = ledger.changed;
        this.limits = limits;
        this.webApiCalls = connectionsOpenCalls;
        callbackExecutor = Executors.newCachedThreadPool(daemonThreads("fakeslack-ack-"));
        ws = new SocketServer();
        ws.start();
        if (!ws.started.await(5, TimeUnit.SECONDS) || ws.startError != null) {
            callbackExecutor.shutdownNow();
            throw new IOException("WebSocket server did not start", ws.startError);
        }
    }

    /** Blocks until a socket is open and has been sent {@code hello}; throws AssertionError on timeout. */
    public void awaitConnected(Duration timeout) {
        ledger.await(
                () -> openConnections() > 0 ? Optional.of(true) : Optional.empty(),
                timeout,
                () -> "no Socket Mode "
                        + "connection within " + timeout + "; apps.connections.open calls: "
                        + webApiCalls.getAsInt());
    }

    /** Blocks until at least {@code total} sockets were opened since start and one is open now. */
    public void awaitConnectionsOpenedTotal(int total, Duration timeout) {
        ledger.await(
                () -> connectionsOpenedTotal() >= total && openConnections() > 0 ? Optional.of(true) : Optional.empty(),
                timeout,
                () -> "expected " + total + " connections opened in total within " + timeout + ", saw "
                        + connectionsOpenedTotal() + " (" + openConnections() + " open)");
    }

    /** Blocks until exactly {@code count} sockets are open; throws AssertionError on timeout. */
    public void awaitOpenConnections(int count, Duration timeout) {
        ledger.await(
                () -> openConnections() == count ? Optional.of(true) : Optional.empty(),
                timeout,
                () -> "expected " + count + " open connections within " + timeout + ", saw " + openConnections());
    }

    /** Sockets that received {@code hello} and are still open. */
    public int openConnections() {
        lock.lock();
        try {
            return (int) sockets.stream().filter(WebSocket::isOpen).count();
        } finally {
            lock.unlock();
        }
    }

    /** Sockets that received {@code hello} since start. */
    public int connectionsOpenedTotal() {
        lock.lock();
        try {
            return socketsOpenedTotal;
        } finally {
            lock.unlock();
        }
    }

    /** Sends a raw text frame on the newest open socket; throws IllegalStateException when none is open. */
    public void sendRaw(String text) {
        currentSocket()
                .orElseThrow(() -> new IllegalStateException("no open Socket Mode connection"))
                .send(text);
    }

    /** Sends a {@code disconnect} (refresh_requested) frame to every open socket. */
    public void sendDisconnect() {
        JsonObject d = new JsonObject();
        d.addProperty("type", "disconnect");
        d.addProperty("reason", "refresh_requested");
        d.addProperty("num_connections", 1);
        JsonObject debug = new JsonObject();
        debug.addProperty("host", "applink-1");
        d.add("debug_info", debug);
        String frame = GSON.toJson(d);
        for (WebSocket s : openSockets()) {
            s.send(frame);
        }
    }

    /** Closes the newest open socket's TCP connection without a close frame. */
    public void dropSocket() {
        // closeConnection skips the closing handshake; the peer sees the TCP connection end (code 1006).
        currentSocket()
                .orElseThrow(() -> new IllegalStateException("no open Socket Mode connection"))
                .closeConnection(CloseFrame.ABNORMAL_CLOSE, "dropped by FakeSlack");
    }

    CompletableFuture<Ack> sendEnvelope(String type, JsonObject payload, boolean acceptsResponsePayload) {
        Optional<WebSocket> socket = currentSocket();
        if (socket.isEmpty()) {
            return CompletableFuture.failedFuture(
                    new IllegalStateException("no open Socket Mode connection; call awaitConnected first"));
        }
        String envelopeId = UUID.randomUUID().toString();
        JsonObject env = new JsonObject();
        env.addProperty("envelope_id", envelopeId);
        env.addProperty("type", type);
        env.addProperty("accepts_response_payload", acceptsResponsePayload);
        env.add("payload", payload);
        env.addProperty("retry_attempt", 0);
        env.addProperty("retry_reason", "");
        String kind = type;
        if (payload != null && "interactive".equals(type)) {
            kind = type + " " + BlockKitRules.string(payload, "type");
        }
        CompletableFuture<Ack> future = new CompletableFuture<>();
        Pending p = new Pending(kind, System.nanoTime(), future);
        pending.put(envelopeId, p);
        future.orTimeout(limits.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
        socket.get().send(GSON.toJson(env));
        log.debug("sent {} envelope {}", kind, envelopeId);
        return future;
    }

    private Optional<WebSocket> currentSocket() {
        List<WebSocket> open = openSockets();
        return open.isEmpty() ? Optional.empty() : Optional.of(open.get(open.size() - 1));
    }

    private List<WebSocket> openSockets() {
        lock.lock();
        try {
            return sockets.stream().filter(WebSocket::isOpen).toList();
        } finally {
            lock.unlock();
        }
    }

    private void onAck(String text) {
        JsonObject ack;
        try {
            JsonElement e = JsonParser.parseString(text);
            if (!e.isJsonObject()) {
                ledger.violation("socket: frame from app is not a JSON object: " + abbreviate(text));
                return;
            }
            ack = e.getAsJsonObject();
        } catch (JsonParseException e) {
            ledger.violation("socket: frame from app is not JSON: " + abbreviate(text));
            return;
        }
        String envelopeId = BlockKitRules.string(ack, "envelope_id");
        if (envelopeId == null) {
            ledger.violation("socket: frame from app without envelope_id: " + abbreviate(text));
            return;
        }
        Pending p = pending.remove(envelopeId);
        if (p == null) {
            ledger.violation("socket: ack for unknown or already acknowledged envelope " + envelopeId);
            return;
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - p.sentNanos);
        JsonElement payloadElement = ack.get("payload");
        JsonObject payload =
                payloadElement != null && payloadElement.isJsonObject() ? payloadElement.getAsJsonObject() : null;
        if (payloadElement != null && !payloadElement.isJsonNull() && payload == null) {
            ledger.violation("ack " + p.kind + ": payload is not a JSON object");
        }
        if (elapsed.compareTo(ACK_DEADLINE) > 0) {
            ledger.violation(
                    "ack " + p.kind + ": took " + elapsed.toMillis() + " ms > " + ACK_DEADLINE.toMillis() + " ms");
        }
        if (payload != null) {
            String where = "ack " + p.kind;
            if (p.kind.equals("interactive view_submission")) {
                ledger.violations(BlockKitRules.checkViewSubmissionAck(where, payload));
            } else if (payload.has("blocks") || payload.has("text")) {
                ledger.violations(BlockKitRules.checkMessage(
                        where, BlockKitRules.string(payload, "text"), payload.get("blocks"), false));
            }
        }
        if (p.future.isDone()) {
            ledger.violation("ack " + p.kind + ": arrived after the fake gave up (" + elapsed.toMillis() + " ms)");
            return;
        }
        Ack result = new Ack(envelopeId, payload, elapsed);
        lock.lock();
        try {
            acks.add(result);
        } finally {
            lock.unlock();
        }
        // Complete off the WebSocket worker so a test's dependent stages cannot stall the server.
        try {
            callbackExecutor.execute(() -> p.future.complete(result));
        } catch (RejectedExecutionException e) {
            p.future.complete(result);
        }
    }

    /** Every ack the app sent, in arrival order. */
    public List<Ack> acks() {
        lock.lock();
        try {
            return List.copyOf(acks);
        } finally {
            lock.unlock();
        }
    }

    /** A one-use {@code wss} URL for {@code apps.connections.open}. */
    String newConnectionUrl() {
        String ticket = UUID.randomUUID().toString();
        tickets.put(ticket, Boolean.TRUE);
        return "ws://127.0.0.1:" + ws.getPort() + "/link?ticket=" + ticket;
    }

    int port() {
        return ws.getPort();
    }

    /** Stops the server and fails every unacknowledged envelope. */
    void close() {
        try {
            ws.stop(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Pending p : pending.values()) {
            p.future.completeExceptionally(new IllegalStateException("FakeSlack closed"));
        }
        pending.clear();
        callbackExecutor.shutdownNow();
    }

    private static String ticketOf(String resourceDescriptor) {
        URI uri = URI.create(resourceDescriptor);
        Map<String, String> query = new HashMap<>();
        parseForm(uri.getRawQuery(), query);
        return query.get("ticket");
    }

    private record Pending(String kind, long sentNanos, CompletableFuture<Ack> future) {}

    // Callbacks run on Java-WebSocket's selector and worker threads.
    private final class SocketServer extends WebSocketServer {
        final CountDownLatch started = new CountDownLatch(1);
        volatile Exception startError;

        SocketServer() {
            super(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            setReuseAddr(true);
            setDaemon(true);
        }

        @Override
        public void onStart() {
            started.countDown();
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            String ticket;
            try {
                ticket = ticketOf(handshake.getResourceDescriptor());
            } catch (IllegalArgumentException e) {
                ticket = null;
            }
            if (ticket == null || tickets.remove(ticket) == null) {
                log.info("refusing Socket Mode connection with an unknown or used ticket");
                conn.close(CloseFrame.POLICY_VALIDATION, "invalid ticket");
                return;
            }
            int open;
            lock.lock();
            try {
                open = (int) sockets.stream().filter(WebSocket::isOpen).count() + 1;
            } finally {
                lock.unlock();
            }
            JsonObject hello = new JsonObject();
            hello.addProperty("type", "hello");
            hello.addProperty("num_connections", open);
            JsonObject debug = new JsonObject();
            debug.addProperty("host", "applink-1");
            debug.addProperty("build_number", 1);
            debug.addProperty("approximate_connection_time", 18060);
            hello.add("debug_info", debug);
            JsonObject info = new JsonObject();
            info.addProperty("app_id", APP_ID);
            hello.add("connection_info", info);
            conn.send(GSON.toJson(hello));
            // Count the socket only after hello went out, so awaitConnected means "ready for envelopes".
            lock.lock();
            try {
                sockets.add(conn);
                socketsOpenedTotal++;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
            lock.lock();
            try {
                sockets.remove(conn);
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            try {
                onAck(message);
            } catch (RuntimeException e) {
                ledger.violation("fake: internal error on a Socket Mode frame: " + e);
            }
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {
            if (conn == null) {
                // A server-level error before start means the bind failed.
                startError = ex;
                started.countDown();
            }
            log.debug("WebSocket error", ex);
        }
    }
}
