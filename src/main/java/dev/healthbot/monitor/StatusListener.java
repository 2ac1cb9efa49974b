package dev.healthbot.monitor;

/**
 * Port: told after a status change has been committed, so that alerting can wake up at once. The
 * change is already durable; a listener that fails loses nothing. Called from probe threads.
 */
@FunctionalInterface
public interface StatusListener {

    void changed(StatusChange change);

    /**
     * A check of the server saw a TLS certificate other than the one before (a first one, or a renewal);
     * it is saved in the server's state. Called from probe threads; must not block.
     */
    default void certificateSeen(long monitorId) {}

    StatusListener NONE = change -> {};
}
