package dev.healthbot.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.healthbot.monitor.ProbeResult;
import dev.healthbot.monitor.ProbeSpec;
import dev.healthbot.monitor.StatusCodes;
import dev.healthbot.monitor.Target;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** Shared helpers for the probe tests: loopback servers, specs and bounded waits. */
final class TestSupport {

    static final Instant NOW = Instant.parse("2030-01-02T03:04:05Z");
    static final InstantSource CLOCK = InstantSource.fixed(NOW);
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private TestSupport() {}

    static ProbeSpec spec(String url, Duration timeout) {
        return new ProbeSpec(Target.parse(url), timeout, StatusCodes.DEFAULT);
    }

    static ProbeSpec spec(String url, Duration timeout, String expected) {
        return new ProbeSpec(Target.parse(url), timeout, StatusCodes.parse(expected));
    }

    /** Waits for the result, asserting it came within timeout + 1 s of the call. */
    static ProbeResult await(CompletableFuture<ProbeResult> future, Duration timeout, long startNanos)
            throws Exception {
        Duration bound = timeout.plusSeconds(1);
        long left = bound.toNanos() - (System.nanoTime() - startNanos);
        ProbeResult result = future.get(Math.max(1, left), TimeUnit.NANOSECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - startNanos)).isLessThanOrEqualTo(bound);
        assertThat(result.at()).isEqualTo(NOW);
        assertThat(result.latency().isNegative()).isFalse();
        return result;
    }

    /** A port on loopback nobody listens on (bound, then released). */
    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            return s.getLocalPort();
        }
    }

    /**
     * A raw TCP server that accepts and then holds connections silently, closes them at once, or
     * answers whatever arrives with a fixed reply (as a plain HTTP server answers a TLS hello).
     */
    static final class RawServer implements AutoCloseable {
        private final ServerSocket server;
        private final List<Socket> held = new CopyOnWriteArrayList<>();
        private final Thread acceptor;

        private RawServer(boolean closeAtOnce, String reply) throws IOException {
            server = new ServerSocket();
            server.bind(new InetSocketAddress(LOOPBACK, 0), 200);
            acceptor = new Thread(
                    () -> {
                        while (!server.isClosed()) {
                            try {
                                Socket s = server.accept();
                                if (closeAtOnce) {
                                    s.close();
                                    continue;
                                }
                                held.add(s);
                                if (reply != null) {
                                    s.setSoTimeout(2000);
                                    s.getInputStream().read(new byte[4096]);
                                    s.getOutputStream().write(reply.getBytes(StandardCharsets.US_ASCII));
                                    s.getOutputStream().flush();
                                    s.close();
                                }
                            } catch (IOException e) {
                                if (server.isClosed()) {
                                    return;
                                }
                            }
                        }
                    },
                    "test-raw-server");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        static RawServer silent() throws IOException {
            return new RawServer(false, null);
        }

        static RawServer closing() throws IOException {
            return new RawServer(true, null);
        }

        static RawServer replying(String reply) throws IOException {
            return new RawServer(false, reply);
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws Exception {
            server.close();
            for (Socket s : held) {
                s.close();
            }
            acceptor.join(5000);
        }
    }
}
