package dev.healthbot.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.healthbot.monitor.SourceReader.Read;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One read of the inventory against a real HTTP server on loopback: ETag, the secret header, failures. */
class HttpInventoryTest {

    HttpServer server;
    final AtomicReference<String> body = new AtomicReference<>("servers: []");
    final AtomicInteger status = new AtomicInteger(200);
    final List<String> seen = new CopyOnWriteArrayList<>();
    final CountDownLatch release = new CountDownLatch(1);
    String url;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/servers", ex -> {
            seen.add(ex.getRequestHeaders().getFirst("X-Api-Key") + " "
                    + ex.getRequestHeaders().getFirst("If-None-Match"));
            String etag = "\"v" + body.get().hashCode() + "\"";
            if (status.get() != 200) {
                ex.sendResponseHeaders(status.get(), -1);
            } else if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                ex.sendResponseHeaders(304, -1);
            } else {
                byte[] b = body.get().getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("ETag", etag);
                ex.sendResponseHeaders(200, b.length);
                ex.getResponseBody().write(b);
            }
            ex.close();
        });
        server.createContext("/slow", ex -> {
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    @Test
    void anUnchangedListCostsA304AndTheHeaderIsSentEachTime() {
        HttpInventory inv = new HttpInventory(
                HttpInventory.client(Duration.ofSeconds(5)), url + "/servers", Optional.of("X-Api-Key: k-123456789"));
        body.set("servers:\n  - name: api\n    url: http://127.0.0.1:9/\n");
        assertThat(inv.read()).isInstanceOfSatisfying(Read.Listed.class, l -> assertThat(l.servers())
                .hasSize(1));
        assertThat(inv.read()).isInstanceOf(Read.Unchanged.class);
        inv.retryNext();
        assertThat(inv.read()).isInstanceOf(Read.Listed.class);
        assertThat(seen).hasSize(3);
        assertThat(seen.get(0)).isEqualTo("k-123456789 null");
        assertThat(seen.get(1)).startsWith("k-123456789 \"v");
        assertThat(seen.get(2)).isEqualTo("k-123456789 null");
    }

    @Test
    void failuresAreShortReasonsWithoutTheUrlOrTheHeader() {
        HttpInventory inv = new HttpInventory(
                HttpInventory.client(Duration.ofSeconds(5)), url + "/servers", Optional.of("X-Api-Key: k-123456789"));
        status.set(503);
        assertThat(inv.read()).isEqualTo(new Read.Failed("HTTP 503"));
        status.set(200);
        body.set("servers:\n  - name: api\n    url: ftp://nowhere\n");
        assertThat(inv.read()).isInstanceOfSatisfying(Read.Failed.class, f -> assertThat(f.reason())
                .startsWith("invalid document: line 3: url:")
                .doesNotContain("k-123456789"));
        status.set(302);
        assertThat(inv.read()).isEqualTo(new Read.Failed("HTTP 302"));
        HttpInventory slow =
                new HttpInventory(HttpInventory.client(Duration.ofMillis(300)), url + "/slow", Optional.empty());
        assertThat(slow.read()).isEqualTo(new Read.Failed("timeout"));
        server.stop(0);
        assertThat(inv.read()).isEqualTo(new Read.Failed("connection refused"));
    }
}
