package dev.healthbot.alert;

import dev.healthbot.monitor.StatusChange;
import dev.healthbot.monitor.StatusListener;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Drives an {@link AlertDispatcher} on one daemon thread: fan out, deliver what is due, then wait
 * until the next delivery is due, at most {@code maxWait}, or until {@link #changed} wakes it.
 * An iteration that throws (anything) is logged and the loop goes on. Thread-safe; {@link #changed} is called
 * from probe threads and never blocks.
 */
public final class AlertLoop implements StatusListener, AutoCloseable {

    /** The longest wait between two iterations, so changes whose wake-up was lost are still seen. */
    public static final Duration MAX_WAIT = Duration.ofSeconds(1);

    private static final System.Logger LOG = System.getLogger(AlertLoop.class.getName());

    private final AlertDispatcher dispatcher;
    /** Certificate warnings, driven by the same thread; null when not wired. */
    private final CertificateDispatcher certificates;

    private final Duration maxWait;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    public AlertLoop(AlertDispatcher dispatcher) {
        this(dispatcher, MAX_WAIT);
    }

    public AlertLoop(AlertDispatcher dispatcher, Duration maxWait) {
        this(dispatcher, null, maxWait);
    }

    /** A loop that also scans and delivers certificate warnings ({@code certificates} may be null). */
    public AlertLoop(AlertDispatcher dispatcher, CertificateDispatcher certificates, Duration maxWait) {
        if (maxWait.isNegative() || maxWait.isZero()) {
            throw new IllegalArgumentException("maxWait must be positive");
        }
        this.dispatcher = dispatcher;
        this.certificates = certificates;
        this.maxWait = maxWait;
    }

    /** Starts the thread; a second call does nothing. */
    public synchronized AlertLoop start() {
        if (thread == null) {
            running = true;
            thread = new Thread(this::run, "alert-dispatcher");
            thread.setDaemon(true);
            thread.start();
        }
        return this;
    }

    @Override
    public void changed(StatusChange change) {
        wake();
    }

    @Override
    public void certificateSeen(long monitorId) {
        if (certificates != null) {
            certificates.certificateSeen();
            wake();
        }
    }

    /** Wakes the loop for an iteration now (e.g. after a channel was subscribed). */
    public void wake() {
        if (wake.availablePermits() == 0) {
            wake.release();
        }
    }

    /** Stops the thread, waiting at most about 2 seconds; a send in progress is interrupted after 1.5 s. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        if (t == null) {
            return;
        }
        wake.release();
        try {
            t.join(1500);
            if (t.isAlive()) {
                t.interrupt();
                t.join(500);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            LOG.log(Level.WARNING, "alert loop did not stop within 2s");
        }
    }

    private void run() {
        LOG.log(Level.INFO, "alert loop started maxWaitMs=" + maxWait.toMillis());
        while (running) {
            Duration wait = maxWait;
            try {
                dispatcher.fanOut();
                Duration next = dispatcher.deliverDue();
                if (next.compareTo(wait) < 0) {
                    wait = next;
                }
                if (certificates != null) {
                    certificates.scanIfDue();
                    Duration nextPost = certificates.deliverDue();
                    if (nextPost.compareTo(wait) < 0) {
                        wait = nextPost;
                    }
                }
            } catch (Throwable e) {
                // Even an Error: this is the only thread that sends alerts, and what the iteration did
                // not finish is still in the outbox, so the next iteration retries it.
                LOG.log(
                        Level.ERROR,
                        "alert loop iteration failed error=" + e.getClass().getSimpleName() + "; retrying",
                        e);
            }
            if (!running) {
                break;
            }
            try {
                if (!wait.isZero() && wake.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                if (!running) {
                    break;
                }
            }
        }
        LOG.log(Level.INFO, "alert loop stopped");
    }
}
