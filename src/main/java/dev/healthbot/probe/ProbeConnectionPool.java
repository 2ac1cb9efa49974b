package dev.healthbot.probe;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.internal.concurrent.TaskRunner;
import okhttp3.internal.connection.RealConnectionPool;

/**
 * OkHttp's connection pool for the probe client, with its clean-up run on a clock rather than on
 * every new connection.
 *
 * <p>OkHttp schedules the pool's clean-up for "now" each time a connection enters the pool, and
 * wakes a task thread for it, which hands itself over to a second thread. A probe opens a fresh
 * connection every time, so at 10,000 servers that is 1,000 clean-ups a second, about 8 % of the
 * bot's CPU (docs/BENCHMARKS.md), for a pool that holds no idle connection (probes send
 * {@code Connection: close}). Here nobody is woken: the clean-up thread looks at the pool at most
 * {@link #CLEANUP_EVERY} after it was due, which only delays closing an idle connection (a caller
 * other than a probe) or reporting a leaked one by that much.
 *
 * <p>This uses OkHttp's internal {@code TaskRunner} and {@code RealConnectionPool}, as they are in
 * the OkHttp version in {@code pom.xml}; {@code ProbeConnectionPoolTest} fails if an upgrade changes
 * what this relies on.
 */
final class ProbeConnectionPool {

    /** The longest the clean-up may run late. */
    static final Duration CLEANUP_EVERY = Duration.ofSeconds(1);

    private ProbeConnectionPool() {}

    /** A pool keeping at most {@code maxIdle} idle connections, each for {@code keepAlive}. */
    static ConnectionPool create(int maxIdle, Duration keepAlive) {
        TaskRunner runner = new TaskRunner(new ClockedBackend(CLEANUP_EVERY.toNanos()));
        return new ConnectionPool(new RealConnectionPool(runner, maxIdle, keepAlive.toNanos(), TimeUnit.NANOSECONDS));
    }

    /**
     * A task runner backend that never wakes its coordinator early: a task due now waits until the
     * coordinator's current wait ends, which is never longer than {@code maxWaitNanos}. OkHttp calls
     * {@link #coordinatorWait} and {@link #coordinatorNotify} holding the runner's monitor.
     */
    static final class ClockedBackend implements TaskRunner.Backend {
        private final long maxWaitNanos;
        private final ExecutorService threads = new ThreadPoolExecutor(
                0,
                Integer.MAX_VALUE,
                60,
                TimeUnit.SECONDS,
                new SynchronousQueue<>(),
                ProbeSupport.daemonThreads("healthbot-http-pool"));

        ClockedBackend(long maxWaitNanos) {
            this.maxWaitNanos = maxWaitNanos;
        }

        @Override
        public void beforeTask(TaskRunner taskRunner) {
            // nothing to prepare
        }

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void coordinatorNotify(TaskRunner taskRunner) {
            // Deliberately nothing: the coordinator comes round within maxWaitNanos.
        }

        @Override
        public void coordinatorWait(TaskRunner taskRunner, long nanos) {
            long wait = Math.min(nanos, maxWaitNanos);
            if (wait <= 0) {
                return;
            }
            try {
                taskRunner.wait(wait / 1_000_000L, (int) (wait % 1_000_000L));
            } catch (InterruptedException e) {
                // OkHttp's own backend lets this through: its task loop ends its tasks on it.
                throw sneaky(e);
            }
        }

        @Override
        public void execute(Runnable runnable) {
            threads.execute(runnable);
        }

        @SuppressWarnings("unchecked")
        private static <E extends Throwable> E sneaky(Throwable e) throws E {
            throw (E) e;
        }
    }
}
