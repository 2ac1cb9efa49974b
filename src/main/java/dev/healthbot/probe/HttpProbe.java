package dev.healthbot.probe;

import dev.healthbot.monitor.Assertions;
import dev.healthbot.monitor.FailureKind;
import dev.healthbot.monitor.Probe;
import dev.healthbot.monitor.ProbeResult;
import dev.healthbot.monitor.ProbeSpec;
import dev.healthbot.monitor.RequestOptions;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Dispatcher;
import okhttp3.EventListener;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

/**
 * Probes an http(s) URL with one request (GET unless the server's settings say otherwise), following up
 * to 10 redirects by hand ({@link HttpRedirects}), up when the final status is expected.
 *
 * <p>A status that is in {@link ProbeSpec#expectedStatus()} counts as up at once, even a 3xx: a
 * redirect is only followed when its status is not expected (with the default 200-299, every redirect
 * is followed), and never with {@code follow_redirects} off. The whole probe, redirects and the first 64 KiB of the body included,
 * is bounded by the spec's timeout; the body beyond 64 KiB is never read. The body is kept in memory
 * only for a server with body or JSON assertions ({@link BodyAssertions}); a failed one is ASSERTION.
 */
public final class HttpProbe implements Probe {

    static final long MAX_BODY_BYTES = 64 * 1024;

    /** How long a lookup may wait when OkHttp resolves a name outside a probe (never, in practice). */
    private static final Duration FALLBACK_LOOKUP = Duration.ofSeconds(10);

    /** The probe whose call is running on this thread (its request's tag), for the DNS hook's deadline. */
    private static final ThreadLocal<Attempt> CURRENT = new ThreadLocal<>();

    private final TimeoutClients clients;
    private final InstantSource clock;
    private final ScheduledExecutorService timer;
    private final AddressPolicy policy;

    /**
     * A probe on a shared client (see {@link #defaultClient()}), a shared timer used as a backstop
     * deadline (for lookups OkHttp cannot interrupt) and a shared address policy, which resolves every
     * host name, redirects included; all three stay the caller's (the probe holds no thread of its own).
     */
    public HttpProbe(OkHttpClient client, InstantSource clock, ScheduledExecutorService timer, AddressPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
        // Every host name, the first and each redirect's, resolves through the policy, bounded by the
        // probe's deadline; the hooks are made once so that pooled connections stay reusable.
        this.clients = new TimeoutClients(Objects.requireNonNull(client, "client")
                .newBuilder()
                .dns(host -> {
                    Attempt a = CURRENT.get();
                    long left = a == null ? FALLBACK_LOOKUP.toNanos() : a.deadline - System.nanoTime();
                    return Arrays.asList(policy.resolve(host, left));
                })
                // The probe's own phase, for the message when its deadline passes.
                .eventListenerFactory(call -> {
                    Attempt a = call.request().tag(Attempt.class);
                    return a == null ? EventListener.NONE : a;
                })
                .addInterceptor(chain -> {
                    Attempt before = CURRENT.get();
                    CURRENT.set(chain.request().tag(Attempt.class));
                    try {
                        return chain.proceed(chain.request());
                    } finally {
                        CURRENT.set(before);
                    }
                })
                .build());
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timer = Objects.requireNonNull(timer, "timer");
    }

    /**
     * A base client for probing many hosts: no retries, no automatic redirects, no cache, a large
     * dispatcher (2048 requests, 64 per host) on daemon threads. Probes send {@code Connection: close},
     * so the pool keeps no connection for them; it is there for other callers of the client, and
     * cleans itself on a clock ({@link ProbeConnectionPool}). Timeouts are set per probe.
     */
    public static OkHttpClient defaultClient() {
        // Idle threads end after 10 s: a burst of slow targets leaves no crowd of parked threads. A
        // steady load keeps its threads busy: at 10,000 servers about 15 threads a minute are started
        // anew, at about 0.2 ms of CPU each (docs/BENCHMARKS.md).
        Dispatcher dispatcher = new Dispatcher(new ThreadPoolExecutor(
                0,
                Integer.MAX_VALUE,
                10,
                TimeUnit.SECONDS,
                new SynchronousQueue<>(),
                ProbeSupport.daemonThreads("healthbot-http")));
        dispatcher.setMaxRequests(2048);
        dispatcher.setMaxRequestsPerHost(64);
        return new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(ProbeConnectionPool.create(128, Duration.ofSeconds(20)))
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .followSslRedirects(false)
                .cache(null)
                .build();
    }

    @Override
    public CompletableFuture<ProbeResult> probe(ProbeSpec spec) {
        Instant at = clock.instant();
        long start = System.nanoTime();
        CompletableFuture<ProbeResult> result = new CompletableFuture<>();
        try {
            HttpUrl url = HttpUrl.parse(spec.target().secretUrl());
            if (url == null) {
                result.complete(
                        ProbeResult.down(at, ProbeSupport.since(start), FailureKind.ERROR, "not an http or https URL"));
                return result;
            }
            OkHttpClient client =
                    clients.forTimeout(spec.timeout(), spec.options().request().tlsVerify());
            new Attempt(spec, url, client, at, start, result).begin();
        } catch (RuntimeException e) {
            result.complete(Failure.of(e, spec.target().host(), spec.timeout()).at(at, start));
        }
        return result;
    }

    /** Where a call stands, for the message when the deadline passes first. */
    private enum Phase {
        STARTING,
        LOOKUP,
        CONNECTING,
        EXCHANGING
    }

    /**
     * One probe: a chain of calls (redirects) under one deadline, which is its own timer task. It is
     * also the calls' {@link EventListener}, only to know which phase the deadline interrupts.
     */
    private final class Attempt extends EventListener implements Callback {
        private final ProbeSpec spec;
        private final HttpUrl first;
        private final OkHttpClient client;
        private final Instant at;
        private final long start;
        private final long deadline;
        private final CompletableFuture<ProbeResult> result;
        private volatile Call current;
        private volatile ScheduledFuture<?> guard;
        private volatile Phase phase = Phase.STARTING;
        private volatile String lookingUp = "";
        private int redirects;
        /** The method of the next request: a redirect other than 307 and 308 turns it into a GET. */
        private String method;
        /** The URLs asked so far, the configured one first; made at the first redirect only. */
        private List<HttpUrl> chain;
        /** The leaf certificate's expiry from the first TLS handshake of the chain; null until one is seen. */
        private volatile Instant certNotAfter;

        Attempt(
                ProbeSpec spec,
                HttpUrl first,
                OkHttpClient client,
                Instant at,
                long start,
                CompletableFuture<ProbeResult> result) {
            this.spec = spec;
            this.first = first;
            this.client = client;
            this.at = at;
            this.start = start;
            this.deadline = start + spec.timeout().toNanos();
            this.result = result;
            this.method = spec.options().request().method();
        }

        void begin() {
            try {
                guard = timer.schedule(this::deadlinePassed, deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                finish(ProbeResult.down(at, ProbeSupport.since(start), FailureKind.ERROR, "probe is closed"));
                return;
            }
            send(first);
        }

        private void send(HttpUrl url) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                finish(Failure.timeout(false, spec.timeout()).at(at, start));
                return;
            }
            try {
                // OkHttp never asks its DNS hook about a literal address, so check those here.
                policy.screenLiteral(url.host());
            } catch (DeniedAddressException e) {
                fail(FailureKind.DENIED, ProbeSupport.clean(e.getMessage()));
                return;
            }
            RequestOptions options = spec.options().request();
            Request.Builder builder = new Request.Builder()
                    .url(url)
                    .method(method, body(options))
                    .header("User-Agent", ProbeSupport.USER_AGENT)
                    .tag(Attempt.class, this);
            String authorization = HttpRedirects.basicAuth(first, url);
            if (authorization != null) {
                builder.header("Authorization", authorization);
            }
            // The configured headers are secrets like the URL's credentials: only to the first origin.
            if (HttpRedirects.sameOrigin(first, url)) {
                for (RequestOptions.Header h : options.headers()) {
                    builder.header(h.name(), h.value());
                }
            }
            // A fresh connection for every probe, as a user's first request would have: a pooled one
            // would skip the connect (and TLS) that the probe is there to check.
            builder.header("Connection", "close");
            Request request = builder.build();
            Call call = client.newCall(request);
            current = call;
            if (result.isDone()) {
                return;
            }
            call.enqueue(this);
        }

        /** The deadline passed before an answer: the call is cancelled (its socket closed) by finish. */
        private void deadlinePassed() {
            Duration timeout = spec.timeout();
            Failure f =
                    switch (phase) {
                        case LOOKUP -> Failure.lookupTimeout(lookingUp, timeout);
                        case CONNECTING -> Failure.timeout(true, timeout);
                        default -> Failure.timeout(false, timeout);
                    };
            finish(f.at(at, start));
        }

        @Override
        public void dnsStart(Call call, String domainName) {
            lookingUp = domainName;
            phase = Phase.LOOKUP;
        }

        @Override
        public void connectStart(Call call, java.net.InetSocketAddress address, java.net.Proxy proxy) {
            phase = Phase.CONNECTING;
        }

        @Override
        public void connectionAcquired(Call call, okhttp3.Connection connection) {
            phase = Phase.EXCHANGING;
            // The check's own handshake, not a second connection: the first one of the chain is the
            // configured host's (or, from http://, the https:// it redirects to). The session's raw chain,
            // not OkHttp's Handshake: that one is cleaned against the trusted roots, and is empty when
            // tls_verify=false let an unknown issuer through.
            if (certNotAfter == null && connection.socket() instanceof javax.net.ssl.SSLSocket tls) {
                certNotAfter = LeafCertificate.notAfter(tls.getSession());
            }
        }

        @Override
        public void onFailure(Call call, IOException e) {
            finish(Failure.of(e, call.request().url().host(), spec.timeout()).at(at, start));
        }

        @Override
        public void onResponse(Call call, Response response) {
            HttpUrl next = null;
            try (response) {
                int code = response.code();
                if (spec.expectedStatus().matches(code)) {
                    Duration latency = ProbeSupport.since(start);
                    Assertions assertions = spec.options().assertions();
                    // The body is kept only when an assertion reads it: a plain check never holds it.
                    Buffer kept = assertions.needsBody() ? new Buffer() : null;
                    boolean whole = drain(response.body(), kept);
                    if (!whole) {
                        // Body larger than we read: cut the connection rather than let OkHttp
                        // discard the rest of it.
                        call.cancel();
                    }
                    Optional<String> failed = kept == null
                            ? Optional.empty()
                            : BodyAssertions.failure(assertions, kept.readString(charset(response)), whole);
                    finish(
                            failed.isPresent()
                                    ? ProbeResult.down(at, latency, FailureKind.ASSERTION, failed.get())
                                    : ProbeResult.up(at, latency, status(response) + HttpRedirects.suffix(redirects)));
                    return;
                }
                String location = response.header("Location");
                if (HttpRedirects.isRedirect(code) && location != null) {
                    if (!spec.options().request().followRedirects()) {
                        fail(FailureKind.HTTP_STATUS, status(response) + " (not followed: follow_redirects is off)");
                        return;
                    }
                    if (chain == null) {
                        chain = new ArrayList<>();
                        chain.add(first);
                    }
                    next = HttpRedirects.next(chain, location);
                    redirects++;
                    if (!HttpRedirects.keepsMethod(code) && !method.equals("HEAD")) {
                        method = "GET";
                    }
                } else {
                    fail(FailureKind.HTTP_STATUS, status(response));
                    return;
                }
            } catch (HttpRedirects.Refused e) {
                fail(FailureKind.REDIRECT, e.getMessage());
                return;
            } catch (IOException | RuntimeException e) {
                finish(Failure.of(e, call.request().url().host(), spec.timeout())
                        .at(at, start));
                return;
            }
            send(next);
        }

        /**
         * Reads at most 64 KiB of the body (the call timeout still runs while this reads) into
         * {@code keep}, or discards it when {@code keep} is null; true when the body ended within that.
         */
        private boolean drain(ResponseBody body, Buffer keep) throws IOException {
            if (body == null) {
                return true;
            }
            BufferedSource source = body.source();
            Buffer sink = keep == null ? new Buffer() : keep;
            long total = 0;
            while (total < MAX_BODY_BYTES && !result.isDone()) {
                long n = source.read(sink, Math.min(8192, MAX_BODY_BYTES - total));
                if (n < 0) {
                    return true;
                }
                total += n;
                if (keep == null) {
                    sink.clear();
                }
            }
            return false;
        }

        /** The body for the current method: the configured one for POST and PUT, none otherwise. */
        private RequestBody body(RequestOptions options) {
            if (!method.equals("POST") && !method.equals("PUT")) {
                return null;
            }
            String text = options.body() == null ? "" : options.body();
            return RequestBody.create(text, MediaType.parse(options.effectiveContentType()));
        }

        private void fail(FailureKind kind, String detail) {
            finish(ProbeResult.down(at, ProbeSupport.since(start), kind, detail));
        }

        private void finish(ProbeResult r) {
            Instant cert = certNotAfter;
            if (result.complete(cert == null ? r : r.withCertificate(cert))) {
                ScheduledFuture<?> g = guard;
                if (g != null) {
                    g.cancel(false);
                }
                Call call = current;
                if (call != null && !r.up()) {
                    call.cancel();
                }
            }
        }
    }

    /** The body's charset as the answer declares it, UTF-8 when it does not. */
    private static Charset charset(Response response) {
        ResponseBody body = response.body();
        MediaType type = body == null ? null : body.contentType();
        return type == null ? StandardCharsets.UTF_8 : type.charset(StandardCharsets.UTF_8);
    }

    private static String status(Response response) {
        return HttpStatusText.of(response.code(), response.message());
    }
}
