package dev.healthbot.schedule;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.quartz.JobExecutionContext;
import org.quartz.Trigger;
import org.quartz.TriggerListener;

/**
 * How late checks start: the largest gap between a firing's scheduled time and the moment Quartz
 * fired it, since the last {@link #takeMax()}. One clock read and one atomic max per firing.
 * Thread-safe.
 */
final class FiringLag implements TriggerListener {

    private final AtomicLong maxMs = new AtomicLong();

    @Override
    public String getName() {
        return "healthbot-firing-lag";
    }

    @Override
    public void triggerFired(Trigger trigger, JobExecutionContext context) {
        if (context.getScheduledFireTime() != null) {
            // A batch may fire a trigger up to FIRE_AHEAD_MS early: that is no lag.
            long late =
                    System.currentTimeMillis() - context.getScheduledFireTime().getTime();
            if (late > 0) {
                maxMs.accumulateAndGet(late, Math::max);
            }
        }
    }

    @Override
    public boolean vetoJobExecution(Trigger trigger, JobExecutionContext context) {
        return false;
    }

    @Override
    public void triggerMisfired(Trigger trigger) {
        // A misfire runs at once and is then fired: triggerFired sees its lag.
    }

    @Override
    public void triggerComplete(
            Trigger trigger, JobExecutionContext context, Trigger.CompletedExecutionInstruction instruction) {
        // Nothing: only the start of a check matters here.
    }

    /** The largest lag since the previous call, and a fresh start for the next one. */
    Duration takeMax() {
        return Duration.ofMillis(maxMs.getAndSet(0));
    }
}
