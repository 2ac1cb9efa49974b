package dev.healthbot.monitor;

import java.time.Duration;
import java.util.function.LongConsumer;

/**
 * The {@link MonitorScheduler} that {@link MonitorService} sees: URL checks go to the probe
 * scheduler (Quartz), heartbeats to the {@link HeartbeatService}'s deadline index (no job per
 * heartbeat). A server whose kind changed on an edit moves from one to the other. Thread-safe.
 */
public final class HeartbeatScheduling implements MonitorScheduler {

    private final MonitorScheduler probes;
    private final HeartbeatService heartbeats;

    public HeartbeatScheduling(MonitorScheduler probes, HeartbeatService heartbeats) {
        this.probes = probes;
        this.heartbeats = heartbeats;
    }

    @Override
    public void start(LongConsumer runCheck) {
        probes.start(runCheck);
    }

    @Override
    public void schedule(Monitor monitor, Duration firstDelay) {
        if (monitor.settings().heartbeat()) {
            if (!heartbeats.tracking(monitor.id())) {
                // It may have been a URL check until this edit.
                probes.unschedule(monitor.id());
            }
            heartbeats.track(monitor, false);
        } else {
            if (heartbeats.tracking(monitor.id())) {
                heartbeats.forget(monitor.id(), true);
            }
            probes.schedule(monitor, firstDelay);
        }
    }

    @Override
    public void checkAgainIn(long monitorId, Duration delay) {
        if (!heartbeats.tracking(monitorId)) {
            probes.checkAgainIn(monitorId, delay);
        }
    }

    @Override
    public void unschedule(long monitorId) {
        heartbeats.forget(monitorId, false);
        probes.unschedule(monitorId);
    }
}
