package dev.healthbot.slack.transport;

import com.slack.api.socket_mode.SocketModeClient;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the Socket Mode connection up: reconnects at once after a dropped socket and replaces the
 * SDK's session monitor with a steadier check. One per bot; its work runs on its own thread.
 */
final class SocketWatchdog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SocketWatchdog.class);
    /** The WebSocket close code of a clean close; the SDK closes the old socket with it when it rotates. */
    private static final int NORMAL_CLOSE = 1000;
    /** Reconnect attempts of our own, after a close with no hello since the last one, back off up to this. */
    private static final long MAX_RECONNECT_BACKOFF_MS = 30_000;
    /** How often the socket is pinged; a dead one is replaced after two failed checks. */
    static final Duration SESSION_CHECK = Duration.ofSeconds(5);

    private final ScheduledExecutorService reconnector = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "slack-reconnect");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean helloSinceReconnect = new AtomicBoolean(true);
    private final AtomicBoolean reconnectQueued = new AtomicBoolean();
    /** Sessions Slack greeted with {@code hello}: the first connection and every reconnect. */
    private final java.util.concurrent.atomic.AtomicLong hellos = new java.util.concurrent.atomic.AtomicLong();

    private volatile boolean closing;
    private long reconnectBackoffMs; // guarded by reconnectQueued: only the thread that queued touches it
    private URI suspect; // only on the reconnector thread

    /**
     * Keeps the socket up in place of the SDK's session monitor. The SDK's monitor pings every 5 s
     * and reconnects when the ping fails, but a ping also fails while a new socket is still
     * connecting during a rotation ({@code disconnect} frame); its reconnect then lands late and
     * closes the fresh, healthy socket, losing the ack of any command that arrived on it. Ours
     * reconnects only after two failed checks of the same socket URL, and on one thread with the
     * fast path below, so the two never race each other.
     *
     * <p>Fast path: when a socket closes abnormally (a dropped TCP connection, code 1006), reconnect
     * at once instead of within 5 to 10 s. A close with no {@code hello} since our last reconnect
     * backs off (0.5 s doubling to 30 s), so a server that drops every new socket is not hammered.
     */
    void watch(SocketModeClient client) {
        client.getSessionMonitorExecutor().ifPresent(ExecutorService::shutdownNow);
        client.setSessionMonitorEnabled(false);
        client.addWebSocketMessageListener(message -> {
            if (isHello(message)) {
                hellos.incrementAndGet();
                helloSinceReconnect.set(true);
            }
        });
        client.addWebSocketCloseListener((code, reason) -> {
            if (closing || code == null || code == NORMAL_CLOSE || !reconnectQueued.compareAndSet(false, true)) {
                return;
            }
            long delay;
            if (helloSinceReconnect.getAndSet(false)) {
                reconnectBackoffMs = 0;
                delay = 0;
            } else {
                reconnectBackoffMs =
                        reconnectBackoffMs == 0 ? 500 : Math.min(MAX_RECONNECT_BACKOFF_MS, reconnectBackoffMs * 2);
                delay = reconnectBackoffMs;
            }
            LOG.info("socket closed code={} reconnectInMs={}", code, delay);
            try {
                reconnector.schedule(() -> reconnectAfterClose(client), delay, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                reconnectQueued.set(false); // closing
            }
        });
        reconnector.scheduleWithFixedDelay(
                () -> checkSession(client), SESSION_CHECK.toMillis(), SESSION_CHECK.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void reconnectAfterClose(SocketModeClient client) {
        reconnectQueued.set(false);
        if (closing || !client.isAutoReconnectEnabled() || client.verifyConnection()) {
            // Closing, or the closed socket was an old one and the current one answers a ping.
            return;
        }
        reconnect(client, "closed");
    }

    private void checkSession(SocketModeClient client) {
        try {
            if (closing || !client.isAutoReconnectEnabled()) {
                return;
            }
            URI url = client.getWssUri();
            if (client.verifyConnection() || !Objects.equals(url, client.getWssUri())) {
                // Healthy, or a rotation started meanwhile: judge the new socket next time.
                suspect = null;
                return;
            }
            if (!Objects.equals(url, suspect)) {
                suspect = url; // first strike: it may still be connecting
                return;
            }
            suspect = null;
            reconnect(client, "ping");
        } catch (RuntimeException e) {
            // An exception would cancel this periodic task for good.
            LOG.warn("socket check failed error={}", e.toString());
        }
    }

    private void reconnect(SocketModeClient client, String why) {
        long start = System.nanoTime();
        try {
            client.connectToNewEndpoint();
            LOG.info("socket reconnect why={} ms={}", why, (System.nanoTime() - start) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            LOG.warn(
                    "socket reconnect failed why={} error={}; retrying",
                    why,
                    e.getClass().getSimpleName());
        }
    }

    private static boolean isHello(String message) {
        if (message == null || message.length() > 2_000 || !message.contains("hello")) {
            return false;
        }
        try {
            var json = com.google.gson.JsonParser.parseString(message);
            return json.isJsonObject()
                    && json.getAsJsonObject().has("type")
                    && "hello".equals(json.getAsJsonObject().get("type").getAsString());
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Sessions opened after the first one (rotations and drops alike), since start. */
    long reconnects() {
        return Math.max(0, hellos.get() - 1);
    }

    @Override
    public void close() {
        closing = true;
        reconnector.shutdownNow();
    }
}
