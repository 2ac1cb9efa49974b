package dev.healthbot.alert;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A {@link Notifier} that counts the calls that went through (by kind: outage, recovery, resolved
 * edit) and those that failed (by permanent or transient and by reason). Reasons are cut to a short
 * token and at most {@link #MAX_REASONS} distinct ones are kept apart (the rest count as {@code
 * other}), so a metrics label never grows without bound. Thread-safe to read while the dispatcher
 * writes.
 */
public final class MeteredNotifier implements Notifier {

    static final int MAX_REASONS = 32;

    /** One failure counter's key. */
    public record Failure(boolean permanent, String reason) {}

    private final Notifier notifier;
    private final ConcurrentMap<String, LongAdder> sent = new ConcurrentHashMap<>();
    private final ConcurrentMap<Failure, LongAdder> failed = new ConcurrentHashMap<>();

    public MeteredNotifier(Notifier notifier) {
        this.notifier = notifier;
    }

    @Override
    public PostRef postOutage(String channel, Alert alert) throws DeliveryException {
        return counted("outage", () -> notifier.postOutage(channel, alert));
    }

    @Override
    public PostRef postRecovery(String channel, String threadTs, Alert alert) throws DeliveryException {
        return counted("recovery", () -> notifier.postRecovery(channel, threadTs, alert));
    }

    @Override
    public void markResolved(PostRef outagePost, Alert alert) throws DeliveryException {
        counted("resolved_edit", () -> {
            notifier.markResolved(outagePost, alert);
            return null;
        });
    }

    @Override
    public PostRef postOutage(String channel, Alert alert, PostState state) throws DeliveryException {
        return counted("outage", () -> notifier.postOutage(channel, alert, state));
    }

    @Override
    public PostRef postOutage(String channel, Alert alert, PostState state, PostKey key) throws DeliveryException {
        return counted("outage", () -> notifier.postOutage(channel, alert, state, key));
    }

    @Override
    public PostRef postRecovery(String channel, String threadTs, Alert alert, PostKey key) throws DeliveryException {
        return counted("recovery", () -> notifier.postRecovery(channel, threadTs, alert, key));
    }

    @Override
    public java.util.Optional<PostRef> findPost(String channel, String threadTs, PostKey key, java.time.Instant since)
            throws DeliveryException {
        return counted("lookup", () -> notifier.findPost(channel, threadTs, key, since));
    }

    @Override
    public void markResolved(PostRef outagePost, Alert alert, PostState state) throws DeliveryException {
        counted("resolved_edit", () -> {
            notifier.markResolved(outagePost, alert, state);
            return null;
        });
    }

    @Override
    public void refresh(PostRef outagePost, Alert alert, PostState state) throws DeliveryException {
        counted("refresh_edit", () -> {
            notifier.refresh(outagePost, alert, state);
            return null;
        });
    }

    @Override
    public PostRef postFollowUp(String channel, String threadTs, FollowUpMessage message, boolean broadcast)
            throws DeliveryException {
        String kind = message instanceof FollowUpMessage.Reminder
                ? "reminder"
                : message instanceof FollowUpMessage.Recheck
                        ? "recheck"
                        : message instanceof FollowUpMessage.MaintenanceStarted
                                ? "maintenance_start"
                                : message instanceof FollowUpMessage.PingLog ? "ping_log" : "maintenance_end";
        return counted(kind, () -> notifier.postFollowUp(channel, threadTs, message, broadcast));
    }

    /** Calls that succeeded, by kind ({@code outage}, {@code recovery}, {@code resolved_edit}). */
    public Map<String, Long> sent() {
        Map<String, Long> out = new TreeMap<>();
        sent.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** Calls that failed, by permanence and reason. */
    public Map<Failure, Long> failed() {
        Map<Failure, Long> out = new java.util.HashMap<>();
        failed.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    private interface Call<T> {
        T run() throws DeliveryException;
    }

    private <T> T counted(String kind, Call<T> call) throws DeliveryException {
        try {
            T result = call.run();
            sent.computeIfAbsent(kind, k -> new LongAdder()).increment();
            return result;
        } catch (DeliveryException e) {
            String reason = token(e.reason());
            Failure key = new Failure(e.isPermanent(), reason);
            if (!failed.containsKey(key) && failed.size() >= MAX_REASONS) {
                key = new Failure(e.isPermanent(), "other");
            }
            failed.computeIfAbsent(key, k -> new LongAdder()).increment();
            throw e;
        }
    }

    /** A reason as a short label value: Slack's error codes stay as they are, prose keeps its first words. */
    static String token(String reason) {
        String t = reason.toLowerCase(Locale.ROOT).replaceAll("\\([^)]*\\)", "").replaceAll("[^a-z0-9_]+", "_");
        t = t.replaceAll("^_+|_+$", "");
        if (t.length() > 40) {
            t = t.substring(0, 40).replaceAll("_+$", "");
        }
        return t.isEmpty() ? "unknown" : t;
    }
}
