package dev.healthbot.probe;

import static dev.healthbot.probe.TestSupport.LOOPBACK;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The probe client's pool: OkHttp's pool, cleaned on a clock, against a real keep-alive server. */
class ProbeConnectionPoolTest {

    private static final Duration KEEP_ALIVE = Duration.ofMillis(300);

    private HttpServer server;
    private ExecutorService serverThreads;
    private String url;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 64);
        serverThreads = Executors.newFixedThreadPool(4);
        server.setExecutor(serverThreads);
        server.createContext("/", exchange -> {
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        url = "http://" + LOOPBACK.getHostAddress() + ":" + server.getAddress().getPort() + "/";
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
        serverThreads.shutdownNow();
    }

    @Test
    void anIdleConnectionIsKeptAndThenClosedWithinTheCleanUpPeriod() throws IOException {
        ConnectionPool pool = ProbeConnectionPool.create(8, KEEP_ALIVE);
        OkHttpClient client = new OkHttpClient.Builder().connectionPool(pool).build();

        get(client, false);
        // Kept for reuse: the pool works as OkHttp's own does.
        assertThat(pool.idleConnectionCount()).isEqualTo(1);
        get(client, false);
        assertThat(pool.connectionCount())
                .as("the second request reused the connection")
                .isEqualTo(1);

        long idleSince = System.nanoTime();
        awaitWithin(
                KEEP_ALIVE.plus(ProbeConnectionPool.CLEANUP_EVERY).plusSeconds(2), () -> pool.connectionCount() == 0);
        Duration kept = Duration.ofNanos(System.nanoTime() - idleSince);
        assertThat(kept).as("not closed before its keep-alive").isGreaterThanOrEqualTo(KEEP_ALIVE.minusMillis(50));
    }

    @Test
    void connectionsClosedByTheProbeLeaveThePoolEmptyAtOnce() throws IOException {
        ConnectionPool pool = ProbeConnectionPool.create(8, Duration.ofMinutes(1));
        OkHttpClient client = new OkHttpClient.Builder().connectionPool(pool).build();

        for (int i = 0; i < 50; i++) {
            get(client, true);
            // Nothing waits for the clean-up: a closed connection is out of the pool when the call ends.
            assertThat(pool.connectionCount()).isZero();
        }
    }

    private void get(OkHttpClient client, boolean close) throws IOException {
        Request.Builder request = new Request.Builder().url(url);
        if (close) {
            request.header("Connection", "close");
        }
        try (Response response = client.newCall(request.build()).execute()) {
            assertThat(response.code()).isEqualTo(200);
            assertThat(response.body().string()).isEqualTo("ok");
        }
    }

    private static void awaitWithin(Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within " + limit).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }
}
