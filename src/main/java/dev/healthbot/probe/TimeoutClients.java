package dev.healthbot.probe;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import okhttp3.OkHttpClient;

/**
 * One OkHttp client per probe timeout, made from a base client and sharing its dispatcher, pool and
 * hooks. The connect timeout is the socket's own (no thread involved); reads, writes and the whole
 * call have no OkHttp timeout, because each of those would put every read and write through okio's
 * watchdog queue. The probe's own deadline cancels the call instead, which closes the socket under a
 * blocked read.
 */
final class TimeoutClients {

    /** Distinct timeouts that get a client of their own; past that a client is made per probe. */
    static final int MAX_CACHED = 64;

    private final OkHttpClient base;
    private final ConcurrentMap<Long, OkHttpClient> byTimeout = new ConcurrentHashMap<>();

    TimeoutClients(OkHttpClient base) {
        this.base = base;
    }

    OkHttpClient forTimeout(Duration timeout) {
        return forTimeout(timeout, true);
    }

    /**
     * The client for a timeout; with {@code verifyTls} false one that accepts any certificate and name
     * ({@link InsecureTls}), cached apart.
     */
    OkHttpClient forTimeout(Duration timeout, boolean verifyTls) {
        long ms = Math.max(1, timeout.toMillis());
        long key = verifyTls ? ms : -ms;
        OkHttpClient cached = byTimeout.get(key);
        if (cached != null) {
            return cached;
        }
        OkHttpClient.Builder builder = base.newBuilder()
                .connectTimeout(Duration.ofMillis(ms))
                .readTimeout(Duration.ZERO)
                .writeTimeout(Duration.ZERO)
                .callTimeout(Duration.ZERO);
        if (!verifyTls) {
            builder.sslSocketFactory(InsecureTls.SOCKETS, InsecureTls.TRUST_ALL)
                    .hostnameVerifier((host, session) -> true);
        }
        OkHttpClient made = builder.build();
        if (byTimeout.size() >= MAX_CACHED) {
            return made;
        }
        OkHttpClient raced = byTimeout.putIfAbsent(key, made);
        return raced == null ? made : raced;
    }

    /** How many timeouts have a client of their own. */
    int cached() {
        return byTimeout.size();
    }
}
