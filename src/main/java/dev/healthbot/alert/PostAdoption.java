package dev.healthbot.alert;

import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * The dispatcher's crash recovery for one delivery: when a started attempt's outcome is unknown (the
 * process died, or the call timed out, after it began), looks for the post that attempt may have left
 * before the delivery posts again. Found: its ref is adopted. Lookup impossible (a permanent failure
 * such as Slack's {@code missing_scope}): post again, at least once, and say so in one log line.
 */
final class PostAdoption {

    private static final System.Logger LOG = System.getLogger(PostAdoption.class.getName());

    /** What the lookup decided. */
    sealed interface Outcome {
        /** The earlier attempt's post, to keep instead of posting again. */
        record Found(PostRef post) implements Outcome {}

        /** Nothing to adopt: post now. */
        record PostNow() implements Outcome {}

        /** The lookup failed in a way that may heal: retry the delivery later. */
        record Retry(DeliveryException failure) implements Outcome {}
    }

    private final Notifier notifier;

    PostAdoption(Notifier notifier) {
        this.notifier = notifier;
    }

    /**
     * For a delivery with an attempt of unknown outcome, finds its post in the thread of {@code
     * threadTs} (or at the top level when null); for any other delivery, {@link Outcome.PostNow}.
     */
    Outcome look(Delivery d, String threadTs) {
        if (d.attemptStartedAt() == null || d.post() != null) {
            return new Outcome.PostNow();
        }
        Optional<PostRef> found;
        try {
            found = notifier.findPost(d.channel(), threadTs, PostKey.of(d), d.attemptStartedAt());
        } catch (DeliveryException e) {
            if (e.isPermanent()) {
                LOG.log(
                        Level.WARNING,
                        "alert lookup unavailable delivery=" + d.id() + " kind=" + d.kind() + " channel="
                                + d.channel() + " reason=" + e.reason()
                                + " action=post-again (an earlier attempt may have posted; this one may be a"
                                + " second post)");
                return new Outcome.PostNow();
            }
            LOG.log(
                    Level.INFO,
                    "alert lookup failed delivery=" + d.id() + " channel=" + d.channel() + " reason=" + e.reason()
                            + "; will retry");
            return new Outcome.Retry(e);
        } catch (RuntimeException e) {
            return new Outcome.Retry(DeliveryException.transientFailure(
                    "unexpected " + e.getClass().getSimpleName(), null, e));
        }
        if (found.isPresent()) {
            LOG.log(
                    Level.INFO,
                    "alert adopted delivery=" + d.id() + " kind=" + d.kind() + " channel=" + d.channel() + " ts="
                            + found.get().ts() + " attemptStartedAt=" + d.attemptStartedAt());
            return new Outcome.Found(found.get());
        }
        LOG.log(
                Level.INFO,
                "alert lookup found-nothing delivery=" + d.id() + " kind=" + d.kind() + " channel=" + d.channel()
                        + "; posting");
        return new Outcome.PostNow();
    }
}
