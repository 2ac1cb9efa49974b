package dev.healthbot.http;

import dev.healthbot.config.HttpSettings;
import dev.healthbot.config.HttpSettings.ListenAddress;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * healthbot's one embedded HTTP server (Jetty 12 core): one or two listening addresses, one bounded
 * thread pool, a body limit, a whole-request deadline on top of Jetty's idle timeout (a client that
 * trickles a byte a second is cut; Jetty parses on its selector, so waiting for bytes holds no
 * thread), and the route table. Started once by {@link #start}; {@link #close()} stops it.
 */
public final class HttpEndpoint implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpEndpoint.class);

    private final Server server;
    private final ServerConnector main;
    private final ServerConnector admin;
    private final ScheduledExecutorService sweeper;

    private HttpEndpoint(Server server, ServerConnector main, ServerConnector admin, ScheduledExecutorService sweeper) {
        this.server = server;
        this.main = main;
        this.admin = admin;
        this.sweeper = sweeper;
    }

    /**
     * Binds and starts the endpoint; empty when {@code HEALTHBOT_HTTP_ADDR} is {@code off}.
     *
     * @throws HttpStartException with one line naming the variable when an address cannot be bound
     */
    public static Optional<HttpEndpoint> start(HttpSettings settings, RouteTable routes, Limits limits) {
        if (settings.address().isEmpty()) {
            return Optional.empty();
        }
        QueuedThreadPool pool = new QueuedThreadPool(limits.maxThreads(), 2);
        pool.setName("healthbot-http");
        pool.setDaemon(true);
        pool.setReservedThreads(0);
        Server server = new Server(pool);
        server.setStopTimeout(2_000);
        Deadlines deadlines = new Deadlines(limits.requestTimeout().toNanos());
        ServerConnector main = connector(server, settings.address().get(), limits, deadlines);
        ServerConnector admin = settings.adminAddress()
                .map(a -> connector(server, a, limits, deadlines))
                .orElse(null);
        // At most maxThreads - 4 requests run at once (two connectors' acceptor and selector keep the
        // rest); up to maxQueued more wait suspended, holding no thread; beyond that, 503.
        QoSHandler qos = new QoSHandler(new Dispatch(routes, limits, deadlines, admin));
        qos.setMaxRequestCount(limits.maxThreads() - 4);
        qos.setMaxSuspendedRequestCount(limits.maxQueued());
        qos.setMaxSuspend(limits.requestTimeout());
        server.setHandler(qos);
        ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "healthbot-http-deadline");
            t.setDaemon(true);
            return t;
        });
        HttpEndpoint endpoint = new HttpEndpoint(server, main, admin, sweeper);
        try {
            open(main, HttpSettings.HTTP_ADDR, settings.address().get());
            if (admin != null) {
                open(admin, HttpSettings.ADMIN_ADDR, settings.adminAddress().get());
            }
            server.start();
        } catch (HttpStartException e) {
            endpoint.close();
            throw e;
        } catch (Exception e) {
            endpoint.close();
            throw new HttpStartException(
                    "the HTTP endpoint did not start: " + e.getClass().getSimpleName());
        }
        long every = Math.max(20, limits.requestTimeout().toMillis() / 10);
        sweeper.scheduleWithFixedDelay(deadlines::sweep, every, every, TimeUnit.MILLISECONDS);
        LOG.info("http listening addr={} admin={}", hostPort(main), admin == null ? "same" : hostPort(admin));
        return Optional.of(endpoint);
    }

    /** Where the endpoint listens (the actual port when 0 was asked). */
    public Optional<InetSocketAddress> address() {
        return Optional.of(new InetSocketAddress(main.getHost(), main.getLocalPort()));
    }

    /** Where {@code /metrics} and {@code /healthz} listen when they have their own address. */
    public Optional<InetSocketAddress> adminAddress() {
        return Optional.ofNullable(admin).map(a -> new InetSocketAddress(a.getHost(), a.getLocalPort()));
    }

    /** Stops accepting, lets requests in progress finish for up to 2 s, and frees the threads. */
    @Override
    public void close() {
        sweeper.shutdownNow();
        try {
            server.stop();
            LOG.info("http stopped");
        } catch (Exception e) {
            LOG.warn("http stop failed error={}", e.toString());
        }
    }

    private static String hostPort(ServerConnector c) {
        return new ListenAddress(c.getHost(), c.getLocalPort()).toString();
    }

    private static ServerConnector connector(Server server, ListenAddress address, Limits limits, Deadlines deadlines) {
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setSendXPoweredBy(false);
        config.setRequestHeaderSize(8 * 1024);
        config.setResponseHeaderSize(8 * 1024);
        ServerConnector c = new ServerConnector(server, 1, 1, new HttpConnectionFactory(config));
        c.setHost(address.host());
        c.setPort(address.port());
        c.setIdleTimeout(limits.idleTimeout().toMillis());
        c.setAcceptQueueSize(128);
        c.addEventListener(deadlines);
        server.addConnector(c);
        return c;
    }

    private static void open(ServerConnector connector, String variable, ListenAddress address) {
        try {
            connector.open();
        } catch (IOException | RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String why = cause.getMessage() != null
                            && cause.getMessage()
                                    .toLowerCase(java.util.Locale.ROOT)
                                    .contains("in use")
                    ? "the address is already in use"
                    : cause.getClass().getSimpleName();
            throw new HttpStartException(variable + "=" + address + " cannot be listened on: " + why);
        }
    }

    /**
     * Whole-request deadlines: each connection must deliver a complete request (head and body)
     * within the request timeout of its opening or of its previous answer. Jetty's idle timeout
     * alone restarts on every byte, so a client trickling a byte a second would never be cut.
     */
    static final class Deadlines implements Connection.Listener {
        private static final long BUSY = Long.MAX_VALUE;
        private final long timeoutNanos;
        private final ConcurrentMap<Connection, Long> due = new ConcurrentHashMap<>();

        Deadlines(long timeoutNanos) {
            this.timeoutNanos = timeoutNanos;
        }

        @Override
        public void onOpened(Connection connection) {
            due.put(connection, System.nanoTime() + timeoutNanos);
        }

        @Override
        public void onClosed(Connection connection) {
            due.remove(connection);
        }

        /** The request is read: no deadline while it is answered. */
        void busy(Connection connection) {
            due.replace(connection, BUSY);
        }

        /** The answer is written: the next request on this connection has a fresh deadline. */
        void answered(Connection connection) {
            due.replace(connection, System.nanoTime() + timeoutNanos);
        }

        void sweep() {
            long now = System.nanoTime();
            due.forEach((c, at) -> {
                if (at != BUSY && now - at > 0) {
                    due.remove(c);
                    LOG.info(
                            "http request too slow remote={} action=closed",
                            c.getEndPoint().getRemoteSocketAddress());
                    c.getEndPoint().close();
                }
            });
        }
    }

    /** Finds the route, enforces the body limit and the rate limit, runs the route and writes its reply. */
    private static final class Dispatch extends Handler.Abstract {
        private final RouteTable routes;
        private final Limits limits;
        private final Deadlines deadlines;
        private final ServerConnector admin;

        Dispatch(RouteTable routes, Limits limits, Deadlines deadlines, ServerConnector admin) {
            this.routes = routes;
            this.limits = limits;
            this.deadlines = deadlines;
            this.admin = admin;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            Connection connection = request.getConnectionMetaData().getConnection();
            Reply reply;
            try {
                reply = answer(request);
            } catch (IOException e) {
                // The client went away or was cut while sending its body.
                callback.failed(e);
                return true;
            } catch (RuntimeException e) {
                LOG.error("http route failed path={} error={}", safePath(request), e.toString(), e);
                reply = Reply.text(500, "internal error");
            }
            deadlines.busy(connection);
            response.setStatus(reply.status());
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            reply.headers().forEach((k, v) -> response.getHeaders().put(k, v));
            response.write(
                    true,
                    ByteBuffer.wrap(reply.body()),
                    Callback.from(
                            () -> {
                                deadlines.answered(connection);
                                callback.succeeded();
                            },
                            callback::failed));
            return true;
        }

        private Reply answer(Request request) throws IOException {
            String path = request.getHttpURI().getDecodedPath();
            Set<RouteTable.Exposure> served;
            if (admin == null) {
                served = EnumSet.allOf(RouteTable.Exposure.class);
            } else {
                served = EnumSet.of(
                        request.getConnectionMetaData().getConnector() == admin
                                ? RouteTable.Exposure.ADMIN
                                : RouteTable.Exposure.PUBLIC);
            }
            long length = request.getLength();
            if (length > limits.maxBody()) {
                return tooLarge();
            }
            byte[] body = readBody(request);
            if (body == null) {
                return tooLarge();
            }
            Optional<RouteTable.Entry> found = path == null ? Optional.empty() : routes.find(path, served);
            if (found.isEmpty()) {
                return Reply.text(404, "not found");
            }
            RouteTable.Entry route = found.get();
            String method = request.getMethod();
            if (!route.methods().contains(method)) {
                return Reply.text(405, "method not allowed").with("Allow", String.join(", ", route.methods()));
            }
            Call call = new Call(
                    method, path, route.rest(path), body, request.getHttpURI().getQuery(), headers(request));
            if (route.limiter() != null) {
                RateLimiter.Decision d = route.limiter().acquire(call.key());
                if (!d.allowed()) {
                    long seconds = Math.max(1, (d.retryAfter().toMillis() + 999) / 1000);
                    return Reply.text(429, "too many requests; retry after " + seconds + " s")
                            .with("Retry-After", Long.toString(seconds));
                }
            }
            return route.route().handle(call);
        }

        /** The request's headers by lower-case name, the first value of each, at most 64 of them. */
        private static java.util.Map<String, String> headers(Request request) {
            java.util.Map<String, String> out = new java.util.HashMap<>();
            for (org.eclipse.jetty.http.HttpField f : request.getHeaders()) {
                if (out.size() >= 64) {
                    break;
                }
                out.putIfAbsent(f.getLowerCaseName(), f.getValue());
            }
            return out;
        }

        private Reply tooLarge() {
            return Reply.text(413, "request body larger than " + limits.maxBody() + " bytes");
        }

        /** The body, or null when it is larger than the limit (chunked bodies have no length to check first). */
        private byte[] readBody(Request request) throws IOException {
            if (request.getLength() == 0) {
                return new byte[0];
            }
            try (InputStream in = Content.Source.asInputStream(request)) {
                byte[] body = in.readNBytes(limits.maxBody() + 1);
                return body.length > limits.maxBody() ? null : body;
            }
        }

        private static String safePath(Request request) {
            String p = request.getHttpURI().getPath();
            // Keyed routes carry secrets in their path: log only the route's first segment.
            if (p == null) {
                return "?";
            }
            int second = p.indexOf('/', 1);
            return second < 0 ? p : p.substring(0, second + 1) + "…";
        }
    }
}
