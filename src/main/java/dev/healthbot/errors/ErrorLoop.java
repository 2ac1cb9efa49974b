package dev.healthbot.errors;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Drives an {@link ErrorDispatcher} on one daemon thread: deliver what is owed, then wait until the
 * next thing is owed, at most {@link #MAX_WAIT}, or until {@link #wake} is called. Thread-safe;
 * {@link #wake} never blocks.
 */
public final class ErrorLoop implements AutoCloseable {

    public static final Duration MAX_WAIT = Duration.ofSeconds(1);

    private static final System.Logger LOG = System.getLogger(ErrorLoop.class.getName());

    private final ErrorDispatcher dispatcher;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    public ErrorLoop(ErrorDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    public synchronized ErrorLoop start() {
        if (thread == null) {
            running = true;
            thread = new Thread(this::run, "error-dispatcher");
            thread.setDaemon(true);
            thread.start();
        }
        return this;
    }

    public void wake() {
        if (wake.availablePermits() == 0) {
            wake.release();
        }
    }

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
    }

    private void run() {
        while (running) {
            Duration wait = MAX_WAIT;
            try {
                Duration next = dispatcher.deliverDue();
                if (next.compareTo(wait) < 0) {
                    wait = next;
                }
            } catch (Throwable e) {
                LOG.log(
                        Level.ERROR,
                        "error loop iteration failed error=" + e.getClass().getSimpleName() + "; retrying",
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
    }
}
