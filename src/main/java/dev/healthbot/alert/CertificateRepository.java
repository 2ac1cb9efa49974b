package dev.healthbot.alert;

import dev.healthbot.monitor.Monitor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Port: what was decided about each server's certificates, and the outbox of certificate posts.
 * Implementations are thread-safe; every method is one transaction. A claim is a conditional write
 * that must change exactly one row, so each warning step and each renewal note is claimed once per
 * certificate, restarts included.
 */
public interface CertificateRepository {

    /**
     * One certificate of one server as decided so far; immutable.
     *
     * @param warned the smallest warning step claimed for it; null when none
     * @param renewedBy the later certificate whose sighting claimed the renewal note; null until then
     */
    record Watch(long monitorId, Instant notAfter, Duration warned, Instant renewedBy) {}

    /** Every watched certificate, by server. */
    Map<Long, List<Watch>> watches();

    /**
     * Claims warning {@code step} for the server's certificate {@code notAfter} and creates one PENDING
     * WARNING post per channel (none for an empty set). False, with nothing written, when that step or
     * a smaller one was already claimed for that certificate, or the server is gone.
     */
    boolean claimWarning(Monitor monitor, Instant notAfter, Duration step, Set<String> channels, Instant now);

    /**
     * Claims the renewal note of a warned certificate {@code oldNotAfter}, now replaced by {@code
     * newNotAfter}: one PENDING RENEWED post for every channel that holds a WARNING post of the old one,
     * whatever its state. False, with nothing written, when it was claimed before or never warned of.
     */
    boolean claimRenewal(long monitorId, Instant oldNotAfter, Instant newNotAfter, Instant now);

    /**
     * The head of each channel's queue that is due: per channel outside {@code heldChannels}, the
     * PENDING post with the smallest (nextAttemptAt, id), if at or before {@code now}; at most {@code limit}.
     */
    List<CertificatePost> duePosts(Instant now, Set<String> heldChannels, int limit);

    /** The earliest nextAttemptAt of a PENDING post strictly after {@code now}. */
    Optional<Instant> nextAttemptAfter(Instant now);

    /** PENDING to SENT, keeping where it landed. */
    void markSent(long postId, PostRef post, Instant at);

    /** Moves a PENDING post to a later attempt. */
    void reschedule(long postId, int attempts, Instant nextAttemptAt, String lastError);

    /** PENDING to GIVEN_UP, with the reason. */
    void giveUp(long postId, int attempts, String reason, Instant at);

    /** The latest WARNING post of a certificate to a channel (for the renewal note's thread). */
    Optional<CertificatePost> latestWarning(long monitorId, Instant notAfter, String channel);

    /** Every post about one server, oldest first (for tests and support). */
    List<CertificatePost> posts(long monitorId);
}
