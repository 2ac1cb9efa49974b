package dev.healthbot.probe;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTPS server on 127.0.0.1 answering 200 to every path with the certificate it is given, which a
 * test can replace ({@link #renew}): the server is started again on the same port with a new TLS context,
 * as a renewal with a reload does (no session of the old certificate is resumed).
 */
public final class HttpsTarget implements AutoCloseable {

    private final AtomicInteger hits = new AtomicInteger();
    private final int port;
    private HttpsServer server;

    public HttpsTarget(SelfSignedCertificate certificate) {
        this.server = start(certificate, 0);
        this.port = server.getAddress().getPort();
    }

    public String url(String scheme, String path) {
        return scheme + "://127.0.0.1:" + port + path;
    }

    public int hits() {
        return hits.get();
    }

    /** Serves {@code certificate} from now on, on the same port. */
    public synchronized void renew(SelfSignedCertificate certificate) {
        server.stop(0);
        server = start(certificate, port);
    }

    private HttpsServer start(SelfSignedCertificate certificate, int onPort) {
        try {
            HttpsServer s = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 50);
            s.setHttpsConfigurator(new HttpsConfigurator(certificate.serverContext()));
            s.createContext("/", ex -> {
                try (ex) {
                    hits.incrementAndGet();
                    ex.sendResponseHeaders(200, -1);
                }
            });
            s.start();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void close() {
        server.stop(0);
    }
}
