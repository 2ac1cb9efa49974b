package dev.healthbot;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on loopback whose answer a test switches: every path answers the current status
 * (and body, when set), and each request is noted.
 */
final class Targets implements AutoCloseable {

    final HttpServer server;
    final AtomicInteger status = new AtomicInteger(200);
    final AtomicInteger hits = new AtomicInteger();
    /** The JSON every path answers, or null for no body. */
    final java.util.concurrent.atomic.AtomicReference<String> body =
            new java.util.concurrent.atomic.AtomicReference<>();
    /** One line per request: "METHOD Authorization body". */
    final java.util.List<String> requests = new java.util.concurrent.CopyOnWriteArrayList<>();

    Targets() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", ex -> {
            hits.incrementAndGet();
            requests.add(ex.getRequestMethod() + " " + ex.getRequestHeaders().getFirst("Authorization") + " "
                    + new String(ex.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            String json = body.get();
            if (json == null) {
                ex.sendResponseHeaders(status.get(), -1);
            } else {
                byte[] bytes = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "application/json");
                ex.sendResponseHeaders(status.get(), bytes.length);
                ex.getResponseBody().write(bytes);
            }
            ex.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
