package dev.healthbot.monitor;

import java.time.Duration;

/** Port: runs each server's checks on its interval; thread-safe. Backed by Quartz in production. */
public interface MonitorScheduler {

    /** Schedules (or reschedules) the server's checks: the first after {@code firstDelay}, then every interval. */
    void schedule(Monitor monitor, Duration firstDelay);

    /** Runs the next check after {@code delay}, then every interval from there. */
    void checkAgainIn(long monitorId, Duration delay);

    /** Stops the server's checks at once. */
    void unschedule(long monitorId);
}
