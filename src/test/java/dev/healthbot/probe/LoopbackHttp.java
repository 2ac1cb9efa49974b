package dev.healthbot.probe;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A real HTTP server on loopback (contexts added by the test) with an {@link HttpProbe} and the
 * standard {@link ProbeRegistry} wired as in production; everything ends with {@link #close()}.
 */
final class LoopbackHttp implements AutoCloseable {

    final HttpServer server;
    final String base;
    final HttpProbe probe;
    final ProbeRegistry registry;
    private final ExecutorService threads;
    private final okhttp3.OkHttpClient client;
    private final AddressPolicy policy;
    private final ScheduledExecutorService timer;

    LoopbackHttp(String name) throws IOException {
        server = HttpServer.create(new InetSocketAddress(TestSupport.LOOPBACK, 0), 64);
        threads = Executors.newCachedThreadPool(ProbeSupport.daemonThreads("test-" + name));
        server.setExecutor(threads);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        client = HttpProbe.defaultClient();
        policy = AddressPolicy.allowAll(AddressPolicy.SYSTEM);
        timer = ProbeSupport.newTimer("test-" + name + "-timer");
        probe = new HttpProbe(client, TestSupport.CLOCK, timer, policy);
        registry = ProbeRegistry.standard(client, TestSupport.CLOCK, policy);
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        registry.close();
        server.stop(0);
        threads.shutdownNow();
        timer.shutdownNow();
        policy.close();
        client.dispatcher().executorService().shutdownNow();
    }
}
