package dev.healthbot.alert;

import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.MonitorRepository;
import dev.healthbot.monitor.MonitorState;
import dev.healthbot.monitor.StatusRepository;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Use case: certificate expiry warnings. {@link #scan()} compares each https/wss server's last seen
 * certificate with its {@code tls_expiry} ({@link CertificateRule}) and claims the warning step that
 * is due, or the renewal note of a warned certificate a later one replaced; {@link #deliverDue()} sends
 * the claimed posts, paced per channel, retried with backoff like outage posts. Every decision is a
 * claimed row, so nothing is posted twice, restarts included. Driven by {@link AlertLoop} on its one
 * thread; {@link #certificateSeen()} may be called from any thread.
 */
public final class CertificateDispatcher {

    /** How often the servers are scanned when no new certificate was seen (a step is days apart). */
    public static final Duration SCAN_EVERY = Duration.ofMinutes(1);

    private static final System.Logger LOG = System.getLogger(CertificateDispatcher.class.getName());
    private static final int MAX_ROUNDS = 20;

    private final CertificateRepository certificates;
    private final SubscriptionRepository subscriptions;
    private final MonitorRepository monitors;
    private final StatusRepository status;
    private final CertificateNotifier notifier;
    private final InstantSource clock;
    private final DispatchPolicy policy;
    private final Duration scanEvery;
    private final AtomicBoolean seen = new AtomicBoolean(true);
    private final Map<String, Instant> heldUntil = new HashMap<>();
    private Instant lastScan;

    public CertificateDispatcher(
            CertificateRepository certificates,
            SubscriptionRepository subscriptions,
            MonitorRepository monitors,
            StatusRepository status,
            CertificateNotifier notifier,
            InstantSource clock,
            DispatchPolicy policy,
            Duration scanEvery) {
        this.certificates = certificates;
        this.subscriptions = subscriptions;
        this.monitors = monitors;
        this.status = status;
        this.notifier = notifier;
        this.clock = clock;
        this.policy = policy;
        this.scanEvery = scanEvery;
    }

    /** A check saw a certificate other than the one before: the next {@link #scanIfDue()} scans. */
    public void certificateSeen() {
        seen.set(true);
    }

    /** Scans when a new certificate was seen or {@code scanEvery} passed since the last scan; returns the claims made. */
    public synchronized int scanIfDue() {
        Instant now = clock.instant();
        boolean due = lastScan == null || !now.isBefore(lastScan.plus(scanEvery));
        if (!seen.getAndSet(false) && !due) {
            return 0;
        }
        lastScan = now;
        return scan();
    }

    /** Claims every warning step and renewal note due now; returns how many it claimed. */
    public synchronized int scan() {
        Instant now = clock.instant();
        Map<Long, List<CertificateRepository.Watch>> watches = certificates.watches();
        List<ChannelSubscription> subs = null;
        int claimed = 0;
        for (Monitor m : monitors.all()) {
            if (!m.settings().target().hasTls()) {
                continue;
            }
            Instant cert = status.state(m.id()).map(MonitorState::certNotAfter).orElse(null);
            if (cert == null) {
                continue;
            }
            List<CertificateRepository.Watch> watched = watches.getOrDefault(m.id(), List.of());
            Duration warned = null;
            for (CertificateRepository.Watch w : watched) {
                if (w.notAfter().equals(cert)) {
                    warned = w.warned();
                } else if (w.notAfter().isBefore(cert) && w.warned() != null && w.renewedBy() == null) {
                    if (certificates.claimRenewal(m.id(), w.notAfter(), cert, now)) {
                        claimed++;
                        LOG.log(
                                Level.INFO,
                                "certificate renewed monitor=" + m.name() + " oldNotAfter=" + w.notAfter()
                                        + " notAfter=" + cert);
                    }
                }
            }
            if (!m.settings().options().warnsOfExpiry()) {
                continue;
            }
            Duration left = Duration.between(now, cert);
            Optional<Duration> step =
                    CertificateRule.due(left, m.settings().options().tlsExpiry(), warned);
            if (step.isEmpty()) {
                continue;
            }
            if (subs == null) {
                subs = subscriptions.all();
            }
            Set<String> channels = m.settings().alertsEnabled() ? ChannelSubscription.hearing(subs, m) : Set.of();
            if (certificates.claimWarning(m, cert, step.get(), channels, now)) {
                claimed++;
                LOG.log(
                        Level.INFO,
                        "certificate warning monitor=" + m.name() + " notAfter=" + cert + " left="
                                + dev.healthbot.monitor.Durations.human(left).replace(" ", "") + " step="
                                + step.get().toDays() + "d channels="
                                + channels.size() + (m.settings().alertsEnabled() ? "" : " alerts=off"));
            }
        }
        return claimed;
    }

    /**
     * Sends the posts that are due, at most one per {@link DispatchPolicy#minGap()} per channel. Returns
     * how long until something is next due ({@link Duration#ZERO} when more is due at once).
     */
    public synchronized Duration deliverDue() {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Instant now = clock.instant();
            heldUntil.values().removeIf(t -> !t.isAfter(now));
            List<CertificatePost> due = certificates.duePosts(now, Set.copyOf(heldUntil.keySet()), policy.batchSize());
            if (due.isEmpty()) {
                return untilNext(clock.instant());
            }
            for (CertificatePost p : due) {
                Instant t = heldUntil.get(p.channel());
                if (t == null || !t.isAfter(clock.instant())) {
                    deliver(p);
                }
            }
        }
        return Duration.ZERO;
    }

    private Duration untilNext(Instant now) {
        Instant next = certificates.nextAttemptAfter(now).orElse(null);
        for (Instant t : heldUntil.values()) {
            if (t.isAfter(now) && (next == null || t.isBefore(next))) {
                next = t;
            }
        }
        if (next == null) {
            return AlertDispatcher.IDLE;
        }
        Duration d = Duration.between(now, next);
        return d.isNegative() ? Duration.ZERO : d;
    }

    private void hold(String channel, Instant until) {
        heldUntil.merge(channel, until, (a, b) -> a.isAfter(b) ? a : b);
    }

    private void deliver(CertificatePost p) {
        Instant now = clock.instant();
        String threadTs = null;
        if (p.kind() == CertificatePost.Kind.RENEWED) {
            Optional<CertificatePost> warning = certificates.latestWarning(p.monitorId(), p.notAfter(), p.channel());
            if (warning.isPresent() && warning.get().state() == Delivery.State.PENDING) {
                // The channel has not heard the warning yet: the note waits behind it, without an attempt.
                certificates.reschedule(p.id(), p.attempts(), warning.get().nextAttemptAt(), p.lastError());
                return;
            }
            threadTs = warning.map(CertificatePost::post).map(PostRef::ts).orElse(null);
        }
        hold(p.channel(), now.plus(policy.minGap()));
        PostRef post;
        try {
            CertificateAlert alert = p.alert(now);
            post = p.kind() == CertificatePost.Kind.WARNING
                    ? notifier.postCertificateWarning(p.channel(), alert)
                    : notifier.postCertificateRenewed(p.channel(), threadTs, alert);
        } catch (DeliveryException e) {
            failed(p, e);
            return;
        } catch (RuntimeException e) {
            failed(
                    p,
                    DeliveryException.transientFailure(
                            "unexpected " + e.getClass().getSimpleName(), null, e));
            return;
        }
        hold(p.channel(), clock.instant().plus(policy.minGap()));
        // As with outage posts: one write between Slack's answer and the row is the only window for a repeat.
        certificates.markSent(p.id(), post, clock.instant());
        subscriptions.clearFailing(p.channel());
        LOG.log(
                Level.INFO,
                "certificate post sent id=" + p.id() + " kind=" + p.kind() + " monitor=" + p.monitorName() + " channel="
                        + p.channel() + " attempts=" + (p.attempts() + 1));
    }

    private void failed(CertificatePost p, DeliveryException e) {
        Instant now = clock.instant();
        int attempts = p.attempts() + 1;
        if (e.retryAfter() != null) {
            hold(p.channel(), now.plus(e.retryAfter()));
        }
        if (e.isPermanent()
                || !Duration.between(p.createdAt(), now).minus(policy.maxAge()).isNegative()) {
            String why = e.isPermanent() ? e.reason() : "retried for " + policy.maxAge() + ", last: " + e.reason();
            certificates.giveUp(p.id(), attempts, why, now);
            if (e.isPermanent()) {
                subscriptions.markFailing(p.channel(), e.reason(), now);
            }
            LOG.log(
                    Level.WARNING,
                    "certificate post gaveup id=" + p.id() + " kind=" + p.kind() + " monitor=" + p.monitorName()
                            + " channel=" + p.channel() + " reason=" + e.reason() + " attempts=" + attempts);
            return;
        }
        Duration wait = policy.backoff(attempts, ThreadLocalRandom.current().nextDouble());
        if (e.retryAfter() != null && e.retryAfter().compareTo(wait) > 0) {
            wait = e.retryAfter();
        }
        certificates.reschedule(p.id(), attempts, now.plus(wait), e.reason());
        LOG.log(
                Level.INFO,
                "certificate post retry id=" + p.id() + " kind=" + p.kind() + " channel=" + p.channel() + " reason="
                        + e.reason() + " attempts=" + attempts + " waitMs=" + wait.toMillis());
    }
}
