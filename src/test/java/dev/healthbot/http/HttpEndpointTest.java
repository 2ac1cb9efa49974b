package dev.healthbot.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.healthbot.config.HttpSettings;
import dev.healthbot.config.HttpSettings.ListenAddress;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The endpoint on real sockets: limits, deadlines, routing, the rate limiter end to end, start failures. */
class HttpEndpointTest {

    /** Short request deadline so the slow-client test is quick; the idle timeout is far longer on purpose. */
    static final Limits LIMITS = new Limits(64 * 1024, Duration.ofSeconds(3), Duration.ofSeconds(30), 8, 16);

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    /** Test-only routes: an admin GET and a keyed public route that echoes the body's length. */
    static RouteTable routes() {
        return new RouteTable()
                .get("/hello", RouteTable.Exposure.ADMIN, call -> Reply.text(200, "hello"))
                .keyed(
                        "/test-ping/",
                        Set.of("GET", "POST"),
                        RouteTable.Exposure.PUBLIC,
                        new RateLimiter(3, 0.01, 1_000, System::nanoTime),
                        call -> Reply.text(
                                200, "key=" + call.key() + " rest=" + call.rest() + " bytes=" + call.body().length));
    }

    private HttpEndpoint start(HttpSettings settings) {
        HttpEndpoint e = HttpEndpoint.start(settings, routes(), LIMITS).orElseThrow();
        open.add(e);
        return e;
    }

    private static HttpSettings local() {
        return new HttpSettings(Optional.of(new ListenAddress("127.0.0.1", 0)), Optional.empty(), Optional.empty());
    }

    private HttpResponse<String> get(InetSocketAddress at, String path) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + at.getPort() + path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void routesAnswerAndUnknownPathsAndMethodsAreRefused() throws Exception {
        InetSocketAddress at = start(local()).address().orElseThrow();
        assertThat(get(at, "/hello").body()).isEqualTo("hello\n");
        assertThat(get(at, "/test-ping/abc/fail").body()).isEqualTo("key=abc rest=abc/fail bytes=0\n");
        assertThat(get(at, "/nope").statusCode()).isEqualTo(404);
        assertThat(get(at, "/test-ping/").statusCode()).isEqualTo(404);
        HttpResponse<String> delete = client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + at.getPort() + "/hello"))
                        .DELETE()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(delete.statusCode()).isEqualTo(405);
        assertThat(delete.headers().firstValue("Allow")).contains("GET");
    }

    @Test
    void offStartsNothing() {
        assertThat(HttpEndpoint.start(HttpSettings.OFF, routes(), LIMITS)).isEmpty();
    }

    @Test
    void aBodyUpTo64KiBIsReadAndAOneMegabyteBodyIs413WithOrWithoutALength() throws Exception {
        InetSocketAddress at = start(local()).address().orElseThrow();
        HttpResponse<String> fits = client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + at.getPort() + "/test-ping/k1"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[64 * 1024]))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(fits.body()).isEqualTo("key=k1 rest=k1 bytes=65536\n");

        String withLength = "POST /test-ping/k2 HTTP/1.1\r\nHost: x\r\nContent-Length: 1048576\r\n\r\n";
        assertThat(exchange(at, withLength, 1024 * 1024, false)).startsWith("HTTP/1.1 413 ");

        String chunked = "POST /test-ping/k3 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
        assertThat(exchange(at, chunked, 1024 * 1024, true)).startsWith("HTTP/1.1 413 ");
    }

    /** Sends a head and then {@code bodyBytes} from another thread (the server may stop reading early) and returns the answer's status line. */
    private static String exchange(InetSocketAddress at, String head, int bodyBytes, boolean chunked) throws Exception {
        try (Socket s = new Socket("127.0.0.1", at.getPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            CompletableFuture<Void> body = CompletableFuture.runAsync(() -> {
                byte[] block = new byte[16 * 1024];
                try {
                    for (int sent = 0; sent < bodyBytes; sent += block.length) {
                        if (chunked) {
                            out.write((Integer.toHexString(block.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        }
                        out.write(block);
                        if (chunked) {
                            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                        }
                    }
                    if (chunked) {
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.flush();
                } catch (IOException e) {
                    // The server answered 413 and closed while the rest was on its way: expected.
                }
            });
            String status = readLine(s.getInputStream());
            body.get(10, TimeUnit.SECONDS);
            return status;
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            b.append((char) c);
        }
        return b.toString().strip();
    }

    @Test
    void clientsSendingOneByteASecondAreCutAndHoldNoThread() throws Exception {
        InetSocketAddress at = start(local()).address().orElseThrow();
        // More slow clients than the pool has threads: if any of them held a thread, the pool would be starved.
        int clients = LIMITS.maxThreads() * 2;
        byte[] request = "GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: aaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        List<Socket> sockets = new ArrayList<>();
        AtomicInteger[] sent = new AtomicInteger[clients];
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try {
            for (int i = 0; i < clients; i++) {
                Socket s = new Socket("127.0.0.1", at.getPort());
                s.setSoTimeout(15_000);
                sockets.add(s);
                sent[i] = new AtomicInteger();
            }
            trickle.scheduleAtFixedRate(
                    () -> {
                        for (int i = 0; i < clients; i++) {
                            int n = sent[i].get();
                            if (n < request.length) {
                                try {
                                    sockets.get(i).getOutputStream().write(request[n]);
                                    sent[i].incrementAndGet();
                                } catch (IOException e) {
                                    sent[i].set(request.length); // cut: stop sending
                                }
                            }
                        }
                    },
                    0,
                    1,
                    TimeUnit.SECONDS);
            // While they trickle, a normal request is answered at once.
            assertThat(get(at, "/hello").statusCode()).isEqualTo(200);
            for (Socket s : sockets) {
                int read;
                try {
                    read = s.getInputStream().read();
                } catch (IOException e) {
                    read = -1; // reset by the server: cut as well
                }
                assertThat(read)
                        .as("the server closed the slow connection without answering")
                        .isEqualTo(-1);
            }
            // Cut by the request deadline, not by the idle timeout: they were sending all along.
            assertThat(sent[0].get()).isGreaterThanOrEqualTo(2).isLessThan(request.length);
            assertThat(get(at, "/hello").statusCode()).isEqualTo(200);
        } finally {
            trickle.shutdownNow();
            for (Socket s : sockets) {
                s.close();
            }
        }
    }

    @Test
    void aFloodOnOneKeyGets429WithRetryAfterWhileAnotherKeyIsAnswered() throws Exception {
        InetSocketAddress at = start(local()).address().orElseThrow();
        for (int i = 0; i < 3; i++) {
            assertThat(get(at, "/test-ping/runaway").statusCode()).isEqualTo(200);
        }
        HttpResponse<String> limited = get(at, "/test-ping/runaway/fail");
        assertThat(limited.statusCode()).isEqualTo(429);
        // One token every 100 s: the whole-second wait until the next one.
        assertThat(limited.headers().firstValue("Retry-After").map(Long::parseLong))
                .hasValueSatisfying(s -> assertThat(s).isBetween(1L, 100L));
        assertThat(limited.body()).startsWith("too many requests");
        assertThat(get(at, "/test-ping/backup").statusCode()).isEqualTo(200);
    }

    @Test
    void withAnAdminAddressAdminRoutesArePrivateAndKeyedRoutesPublic() throws Exception {
        HttpEndpoint e = start(new HttpSettings(
                Optional.of(new ListenAddress("127.0.0.1", 0)),
                Optional.of(new ListenAddress("127.0.0.1", 0)),
                Optional.empty()));
        InetSocketAddress pub = e.address().orElseThrow();
        InetSocketAddress admin = e.adminAddress().orElseThrow();
        assertThat(admin.getPort()).isNotEqualTo(pub.getPort());
        assertThat(get(admin, "/hello").statusCode()).isEqualTo(200);
        assertThat(get(pub, "/hello").statusCode()).isEqualTo(404);
        assertThat(get(pub, "/test-ping/k").statusCode()).isEqualTo(200);
        assertThat(get(admin, "/test-ping/k").statusCode()).isEqualTo(404);
    }

    @Test
    void anAddressInUseStopsTheStartWithOneLineNamingTheVariable() throws Exception {
        long before = httpThreads(Long.MAX_VALUE);
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> HttpEndpoint.start(
                            new HttpSettings(
                                    Optional.of(new ListenAddress("127.0.0.1", port)),
                                    Optional.empty(),
                                    Optional.empty()),
                            routes(),
                            LIMITS))
                    .isInstanceOf(HttpStartException.class)
                    .hasMessage("HEALTHBOT_HTTP_ADDR=127.0.0.1:" + port
                            + " cannot be listened on: the address is already in use");
            assertThatThrownBy(() -> HttpEndpoint.start(
                            new HttpSettings(
                                    Optional.of(new ListenAddress("127.0.0.1", 0)),
                                    Optional.of(new ListenAddress("127.0.0.1", port)),
                                    Optional.empty()),
                            routes(),
                            LIMITS))
                    .isInstanceOf(HttpStartException.class)
                    .hasMessageStartingWith("HEALTHBOT_ADMIN_ADDR=127.0.0.1:" + port + " cannot be listened on");
        }
        assertThat(httpThreads(before)).as("a failed start leaves no thread").isLessThanOrEqualTo(before);
    }

    @Test
    void closeFreesThePortAndTheThreads() throws Exception {
        long before = httpThreads(Long.MAX_VALUE);
        HttpEndpoint e = HttpEndpoint.start(local(), routes(), LIMITS).orElseThrow();
        int port = e.address().orElseThrow().getPort();
        assertThat(get(e.address().get(), "/hello").statusCode()).isEqualTo(200);
        e.close();
        try (ServerSocket again = new ServerSocket(port, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
        assertThat(httpThreads(before)).isLessThanOrEqualTo(before);
    }

    /**
     * Live endpoint threads once there are at most {@code bound} (pool threads end asynchronously; other
     * endpoints of this JVM may still be winding down), or the count after 15 s.
     */
    static long httpThreads(long bound) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        long n;
        while ((n = Thread.getAllStackTraces().keySet().stream()
                                .filter(t -> t.isAlive() && t.getName().startsWith("healthbot-http"))
                                .count())
                        > bound
                && System.nanoTime() < deadline) {
            LockSupport.parkNanos(20_000_000);
        }
        return n;
    }
}
