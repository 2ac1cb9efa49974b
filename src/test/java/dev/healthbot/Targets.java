package dev.healthbot;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP server on loopback whose answer a test switches: every path answers the current status. */
final class Targets implements AutoCloseable {

    final HttpServer server;
    final AtomicInteger status = new AtomicInteger(200);
    final AtomicInteger hits = new AtomicInteger();

    Targets() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", ex -> {
            hits.incrementAndGet();
            ex.sendResponseHeaders(status.get(), -1);
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
