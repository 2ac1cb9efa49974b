package dev.healthbot.probe;

import dev.healthbot.monitor.Target;
import dev.healthbot.monitor.TargetPolicy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where probes may go, by address: a deny list of CIDR ranges and an optional allow list (when set,
 * the only ranges allowed). It also resolves host names for the probes, so that every address they
 * connect to has been checked: lookups run on a bounded pool of daemon threads, one lookup per host
 * name at a time however many probes wait for it, and each waiter gives up at its own deadline; so a
 * resolver that hangs holds at most one thread per host name (and never more than {@value
 * #LOOKUP_THREADS}). Thread-safe; {@link #close()} ends the lookup threads.
 */
public final class AddressPolicy implements TargetPolicy, AutoCloseable {

    /** Resolves a host name to its addresses, like {@link InetAddress#getAllByName}. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** The system resolver. */
    public static final Resolver SYSTEM = InetAddress::getAllByName;

    /** The environment variables that set the lists, named in refusals. */
    static final String DENY_VARIABLE = "HEALTHBOT_DENY_TARGETS";

    static final String ALLOW_VARIABLE = "HEALTHBOT_ALLOW_TARGETS";

    /** How long registration waits for a host name to resolve (a Slack handler waits for it). */
    static final Duration REGISTRATION_LOOKUP = Duration.ofSeconds(1);

    static final int LOOKUP_THREADS = 16;

    private final List<AddressRange> deny;
    private final List<AddressRange> allow;
    private final Resolver resolver;
    private final ThreadPoolExecutor lookups;
    private final ConcurrentMap<String, CompletableFuture<InetAddress[]>> inFlight = new ConcurrentHashMap<>();

    private AddressPolicy(List<AddressRange> deny, List<AddressRange> allow, Resolver resolver) {
        this.deny = List.copyOf(deny);
        this.allow = List.copyOf(allow);
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.lookups = new ThreadPoolExecutor(
                LOOKUP_THREADS,
                LOOKUP_THREADS,
                10,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                ProbeSupport.daemonThreads("healthbot-dns"));
        this.lookups.allowCoreThreadTimeOut(true);
    }

    /**
     * A policy from CIDR texts ({@code 169.254.0.0/16}, {@code fe80::/10}, or a bare address); an
     * empty allow list allows every address that is not denied. Throws {@link
     * IllegalArgumentException} naming a malformed entry.
     */
    public static AddressPolicy of(List<String> deny, List<String> allow, Resolver resolver) {
        return new AddressPolicy(parse(deny), parse(allow), resolver);
    }

    /** {@link #of(List, List, Resolver)} with the system resolver. */
    public static AddressPolicy of(List<String> deny, List<String> allow) {
        return of(deny, allow, SYSTEM);
    }

    /** A policy that refuses nothing, resolving through {@code resolver}. */
    public static AddressPolicy allowAll(Resolver resolver) {
        return new AddressPolicy(List.of(), List.of(), resolver);
    }

    private static List<AddressRange> parse(List<String> texts) {
        List<AddressRange> out = new ArrayList<>();
        for (String t : texts) {
            try {
                out.add(AddressRange.parse(t));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "bad address range '" + ProbeSupport.clean(t) + "': " + e.getMessage(), e);
            }
        }
        return out;
    }

    @Override
    public Optional<String> refusal(InetAddress address) {
        return why(address).map(why -> address.getHostAddress() + " " + why);
    }

    /** "is in a denied range (…); see …", or empty when allowed. */
    private Optional<String> why(InetAddress address) {
        for (AddressRange r : deny) {
            if (r.contains(address)) {
                return Optional.of("is in a denied range (" + r + "); see " + DENY_VARIABLE);
            }
        }
        if (!allow.isEmpty() && allow.stream().noneMatch(r -> r.contains(address))) {
            return Optional.of("is not in an allowed range (" + ranges(allow) + "); see " + ALLOW_VARIABLE);
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> refusal(Target target) {
        try {
            resolve(target.host(), REGISTRATION_LOOKUP.toNanos());
            return Optional.empty();
        } catch (DeniedAddressException e) {
            return Optional.of(e.getMessage());
        } catch (UnknownHostException e) {
            // Does not resolve (yet, or not in time): allowed; every probe checks again.
            return Optional.empty();
        }
    }

    /**
     * The addresses of {@code host} that probes may connect to, waiting at most {@code timeoutNanos}
     * for the lookup. A literal address is checked without DNS. Throws {@link DeniedAddressException}
     * when no address is allowed, {@link LookupTimeoutException} when the lookup is late, and {@link
     * UnknownHostException} when the name does not resolve.
     */
    InetAddress[] resolve(String host, long timeoutNanos) throws UnknownHostException {
        InetAddress literal = AddressRange.literal(host);
        if (literal != null) {
            Optional<String> refused = refusal(literal);
            if (refused.isPresent()) {
                throw new DeniedAddressException(refused.get());
            }
            return new InetAddress[] {literal};
        }
        InetAddress[] all = lookup(host, timeoutNanos);
        List<InetAddress> allowed = new ArrayList<>();
        String firstRefusal = null;
        for (InetAddress a : all) {
            Optional<String> why = why(a);
            if (why.isEmpty()) {
                allowed.add(a);
            } else if (firstRefusal == null) {
                firstRefusal = a.getHostAddress() + ", which " + why.get();
            }
        }
        if (allowed.isEmpty()) {
            if (firstRefusal == null) {
                throw new UnknownHostException(host);
            }
            throw new DeniedAddressException(host + " resolves to " + firstRefusal);
        }
        return allowed.toArray(InetAddress[]::new);
    }

    /** Refuses a literal address that is not allowed; host names are checked when they resolve. */
    void screenLiteral(String host) throws DeniedAddressException {
        InetAddress literal = AddressRange.literal(host);
        if (literal != null) {
            Optional<String> refused = refusal(literal);
            if (refused.isPresent()) {
                throw new DeniedAddressException(refused.get());
            }
        }
    }

    private InetAddress[] lookup(String host, long timeoutNanos) throws UnknownHostException {
        CompletableFuture<InetAddress[]> lookup = inFlight.get(host);
        if (lookup == null) {
            CompletableFuture<InetAddress[]> mine = new CompletableFuture<>();
            lookup = inFlight.putIfAbsent(host, mine);
            if (lookup == null) {
                lookup = mine;
                try {
                    lookups.execute(() -> {
                        try {
                            mine.complete(resolver.resolve(host));
                        } catch (Throwable e) {
                            mine.completeExceptionally(e);
                        } finally {
                            inFlight.remove(host, mine);
                        }
                    });
                } catch (RejectedExecutionException e) {
                    inFlight.remove(host, mine);
                    throw new UnknownHostException("probes are closed");
                }
            }
        }
        try {
            InetAddress[] found = lookup.get(Math.max(0, timeoutNanos), TimeUnit.NANOSECONDS);
            if (found == null) {
                throw new UnknownHostException(host);
            }
            return found.clone();
        } catch (TimeoutException e) {
            throw new LookupTimeoutException("DNS lookup of " + ProbeSupport.clean(host) + " timed out after "
                    + ProbeSupport.human(Duration.ofNanos(Math.max(0, timeoutNanos))));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LookupTimeoutException("DNS lookup of " + ProbeSupport.clean(host) + " interrupted");
        } catch (ExecutionException e) {
            // A fresh exception per waiter: the shared cause must not collect everyone's suppressed ones.
            UnknownHostException unknown = new UnknownHostException(host);
            if (!(e.getCause() instanceof UnknownHostException)) {
                unknown.initCause(e.getCause());
            }
            throw unknown;
        }
    }

    private static String ranges(List<AddressRange> ranges) {
        List<String> texts = ranges.stream().map(AddressRange::toString).toList();
        return texts.size() <= 4
                ? String.join(", ", texts)
                : String.join(", ", texts.subList(0, 4)) + ", … " + (texts.size() - 4) + " more";
    }

    /** Ends the lookup threads; lookups after this fail. */
    @Override
    public void close() {
        lookups.shutdownNow();
    }
}
