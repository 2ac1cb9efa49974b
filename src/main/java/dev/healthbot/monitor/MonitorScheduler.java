package dev.healthbot.monitor;

import java.time.Duration;
import java.util.function.LongConsumer;

/** Port: runs each server's checks on its interval; thread-safe. Backed by Quartz in production. */
public interface MonitorScheduler {

    /**
     * Starts firing the scheduled checks: each due check calls {@code runCheck} with the server's id
     * (in production {@link CheckRunner#run}); it must return quickly and never block. Call once,
     * usually after every saved server is scheduled.
     */
    void start(LongConsumer runCheck);

    /** Schedules (or reschedules) the server's checks: the first after {@code firstDelay}, then every interval. */
    void schedule(Monitor monitor, Duration firstDelay);

    /** Runs the next check after {@code delay}, then every interval from there. */
    void checkAgainIn(long monitorId, Duration delay);

    /** Stops the server's checks at once. */
    void unschedule(long monitorId);
}
