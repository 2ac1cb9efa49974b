package dev.healthbot.monitor;

/**
 * Port: told after a status change has been committed, so that alerting can wake up at once. The
 * change is already durable; a listener that fails loses nothing. Called from probe threads.
 */
@FunctionalInterface
public interface StatusListener {

    void changed(StatusChange change);

    StatusListener NONE = change -> {};
}
