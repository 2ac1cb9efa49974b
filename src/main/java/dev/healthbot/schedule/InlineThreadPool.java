package dev.healthbot.schedule;

import org.quartz.spi.ThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Quartz thread pool that runs each fired job on the scheduler's own thread. healthbot's job only
 * starts an asynchronous check (the probe runs on the probe's threads) and returns within
 * microseconds, so handing it to a worker thread cost more than the job itself: one thread wake-up per
 * check, a quarter of the scheduling CPU at 1,000 checks a second (docs/BENCHMARKS.md). Jobs run one
 * at a time, so one that blocked would delay the others; a job must not block.
 *
 * <p>Public with a no-argument constructor because Quartz creates its pool by class name.
 */
public final class InlineThreadPool implements ThreadPool {

    private static final Logger LOG = LoggerFactory.getLogger(InlineThreadPool.class);

    /** How many triggers the scheduler thread may take in one pass; it never waits for a thread. */
    static final int AVAILABLE = QuartzMonitorScheduler.MAX_BATCH;

    private volatile boolean shutdown;

    public InlineThreadPool() {
        // created by Quartz
    }

    @Override
    public boolean runInThread(Runnable job) {
        if (shutdown) {
            return false;
        }
        try {
            job.run();
        } catch (Throwable e) {
            // Quartz's job shell reports a job's own failures; this is anything else, even an Error,
            // as Quartz's own worker threads do. The scheduler thread must live on: were it to end,
            // no server would be checked again.
            LOG.error("scheduled job failed error={}", e.getClass().getName());
        }
        return true;
    }

    @Override
    public int blockForAvailableThreads() {
        return AVAILABLE;
    }

    @Override
    public void initialize() {
        // no threads to start
    }

    @Override
    public void shutdown(boolean waitForJobsToComplete) {
        // A job runs on the scheduler thread, which ends only after its job returns.
        shutdown = true;
    }

    @Override
    public int getPoolSize() {
        return 1;
    }

    @Override
    public void setInstanceId(String schedInstId) {
        // no threads to name
    }

    @Override
    public void setInstanceName(String schedName) {
        // no threads to name
    }
}
