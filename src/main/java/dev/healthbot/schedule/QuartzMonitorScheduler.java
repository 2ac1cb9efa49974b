package dev.healthbot.schedule;

import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.MonitorScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.spi.JobFactory;
import org.quartz.spi.TriggerFiredBundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link MonitorScheduler} over an in-memory Quartz scheduler: one job and one repeating trigger
 * per server. Each firing calls the {@code runCheck} given to {@link #start} with the server's id on
 * Quartz's scheduler thread itself ({@link InlineThreadPool}); the callback must return quickly and
 * never block (probes are asynchronous), and must itself keep a server's checks from overlapping.
 * Thread-safe; nothing fires before {@link #start}.
 */
public final class QuartzMonitorScheduler implements MonitorScheduler, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QuartzMonitorScheduler.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final String GROUP = "monitors";
    private static final String KEY_PREFIX = "monitor-";

    /** The most triggers one pass of the scheduler thread fires. */
    static final int MAX_BATCH = 32;

    /** How early a trigger may fire to join a batch. */
    static final long FIRE_AHEAD_MS = 5;

    private final Scheduler scheduler;
    private final FiringLag lag = new FiringLag();

    public QuartzMonitorScheduler() {
        Properties p = new Properties();
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, "healthbot-" + INSTANCES.incrementAndGet());
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_ID, "NON_CLUSTERED");
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        // The scheduler thread takes every trigger due within the next few ms in one pass, instead of
        // waking once per trigger (1,000 a second at 10,000 servers every 10 s); a check may so run
        // up to FIRE_AHEAD_MS early, never late.
        p.setProperty(StdSchedulerFactory.PROP_SCHED_MAX_BATCH_SIZE, Integer.toString(MAX_BATCH));
        p.setProperty(StdSchedulerFactory.PROP_SCHED_BATCH_TIME_WINDOW, Long.toString(FIRE_AHEAD_MS));
        // The job only starts an asynchronous check: it runs on the scheduler thread, with no hand-off.
        p.setProperty(StdSchedulerFactory.PROP_THREAD_POOL_CLASS, InlineThreadPool.class.getName());
        p.setProperty(StdSchedulerFactory.PROP_SCHED_MAKE_SCHEDULER_THREAD_DAEMON, "true");
        p.setProperty(StdSchedulerFactory.PROP_JOB_STORE_CLASS, "org.quartz.simpl.RAMJobStore");
        // A check more than a second late is a misfire: it runs once at once, never made up in a burst.
        p.setProperty("org.quartz.jobStore.misfireThreshold", "1000");
        try {
            scheduler = new StdSchedulerFactory(p).getScheduler();
            scheduler.getListenerManager().addTriggerListener(lag);
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot create the Quartz scheduler", e);
        }
    }

    @Override
    public synchronized void start(LongConsumer runCheck) {
        try {
            if (scheduler.isStarted()) {
                throw new IllegalStateException("the scheduler is already started");
            }
            scheduler.setJobFactory(new CheckJobFactory(runCheck));
            scheduler.start();
            LOG.info("scheduler started");
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot start the Quartz scheduler", e);
        }
    }

    /** The latest any check started behind its scheduled time since the previous call (zero when none was late). */
    public Duration takeMaxLag() {
        return lag.takeMax();
    }

    /** True from {@link #start} until {@link #close()}: checks are being fired. */
    public boolean running() {
        try {
            return scheduler.isStarted() && !scheduler.isInStandbyMode() && !scheduler.isShutdown();
        } catch (SchedulerException e) {
            return false;
        }
    }

    @Override
    public synchronized void schedule(Monitor monitor, Duration firstDelay) {
        long id = monitor.id();
        long intervalMs = Math.max(1, monitor.settings().interval().toMillis());
        long delayMs = Math.max(0, firstDelay.toMillis());
        // No job data: the id is in the job's key, so a firing copies no map.
        JobDetail job =
                JobBuilder.newJob(CheckJob.class).withIdentity(jobKey(id)).build();
        try {
            scheduler.scheduleJob(job, Set.of(trigger(id, intervalMs, delayMs)), true);
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot schedule monitor " + id, e);
        }
        LOG.debug("schedule monitor={} intervalMs={} firstDelayMs={}", id, intervalMs, delayMs);
    }

    @Override
    public synchronized void checkAgainIn(long monitorId, Duration delay) {
        long delayMs = Math.max(0, delay.toMillis());
        try {
            Trigger current = scheduler.getTrigger(triggerKey(monitorId));
            if (current == null) {
                LOG.debug("check-again skipped monitor={} reason=not-scheduled", monitorId);
                return;
            }
            long intervalMs = ((SimpleTrigger) current).getRepeatInterval();
            // Null when the server was unscheduled meanwhile: then it stays unscheduled.
            Date next = scheduler.rescheduleJob(triggerKey(monitorId), trigger(monitorId, intervalMs, delayMs));
            if (next != null) {
                LOG.debug("check-again monitor={} delayMs={} intervalMs={}", monitorId, delayMs, intervalMs);
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot reschedule monitor " + monitorId, e);
        }
    }

    @Override
    public synchronized void unschedule(long monitorId) {
        try {
            boolean deleted = scheduler.deleteJob(jobKey(monitorId));
            LOG.info("unschedule monitor={} wasScheduled={}", monitorId, deleted);
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot unschedule monitor " + monitorId, e);
        }
    }

    /** When the server's next check is due; empty when it is not scheduled. */
    public Optional<Instant> nextCheck(long monitorId) {
        try {
            Trigger t = scheduler.getTrigger(triggerKey(monitorId));
            return t == null || t.getNextFireTime() == null
                    ? Optional.empty()
                    : Optional.of(t.getNextFireTime().toInstant());
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot read the schedule of monitor " + monitorId, e);
        }
    }

    /** Stops firing and waits for the checks being started to return (they return quickly). */
    @Override
    public void close() {
        try {
            scheduler.shutdown(true);
            LOG.info("scheduler stopped");
        } catch (SchedulerException e) {
            LOG.warn("scheduler stop failed error={}", e.getMessage());
        }
    }

    private static Trigger trigger(long id, long intervalMs, long delayMs) {
        return TriggerBuilder.newTrigger()
                .withIdentity(triggerKey(id))
                .forJob(jobKey(id))
                .startAt(new Date(System.currentTimeMillis() + delayMs))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(intervalMs)
                        .repeatForever()
                        // Late (a busy machine, GC, a suspended laptop): check once now and go on at the
                        // interval from there. Skipping to the next fire would drop a first check or
                        // a 1 s re-check for a whole interval (an hour for some servers).
                        .withMisfireHandlingInstructionNowWithExistingCount())
                .build();
    }

    private static JobKey jobKey(long id) {
        return JobKey.jobKey(KEY_PREFIX + id, GROUP);
    }

    private static TriggerKey triggerKey(long id) {
        return TriggerKey.triggerKey(KEY_PREFIX + id, GROUP);
    }

    /** Builds each firing's job with the callback passed through its constructor. */
    private static final class CheckJobFactory implements JobFactory {
        private final LongConsumer runCheck;

        CheckJobFactory(LongConsumer runCheck) {
            this.runCheck = runCheck;
        }

        @Override
        public Job newJob(TriggerFiredBundle bundle, Scheduler scheduler) {
            return new CheckJob(runCheck);
        }
    }

    /** One firing: asks for one check of one server. */
    static final class CheckJob implements Job {
        private final LongConsumer runCheck;

        CheckJob(LongConsumer runCheck) {
            this.runCheck = runCheck;
        }

        @Override
        public void execute(JobExecutionContext context) {
            long id = Long.parseLong(context.getJobDetail().getKey().getName().substring(KEY_PREFIX.length()));
            try {
                runCheck.accept(id);
            } catch (Throwable e) {
                // Keep the trigger alive: the next interval tries again. Class only: a message may quote a URL.
                LOG.error(
                        "check failed to start monitor={} error={}; retried on the next tick",
                        id,
                        e.getClass().getName());
            }
        }
    }
}
