package org.optbench.harness.run;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns SIGINT and SIGTERM (Ctrl-C, {@code kill}, a CI timeout, a job scheduler) during the trials into an
 * orderly stop. On these signals the JVM runs its shutdown hooks and then exits with 128 + the signal number
 * (130, 143). The hook registered here stops the run: it waits for the result being written, if any, to be
 * written whole, then interrupts the thread that schedules the trials, so no further result is written and the
 * running trials are abandoned (they run again on {@code --resume}); it then waits until that thread reports the
 * folder consistent ({@link #settled()}), at most {@value #WAIT_SECONDS} s.
 *
 * <p>Created by the thread that writes the results; every write goes through {@link #unlessStopped}.
 */
final class RunInterruption implements AutoCloseable {
    static final long WAIT_SECONDS = 30;

    private final Thread writer;
    private final Thread hook;
    private final CountDownLatch settled = new CountDownLatch(1);
    private boolean trialsRunning = true;
    private boolean stopped;

    RunInterruption() {
        this.writer = Thread.currentThread();
        this.hook = new Thread(this::stop, "optbench-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    private void stop() {
        synchronized (this) {
            if (!trialsRunning) {
                return; // the trials are over and their files complete: nothing to wait for
            }
            stopped = true;
            // Safe: the writer holds this monitor while it writes, so it is not writing now.
            writer.interrupt();
        }
        try {
            settled.await(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs {@code write} unless a stop was requested; returns whether it ran. A stop waits for it to end. */
    synchronized boolean unlessStopped(Runnable write) {
        if (stopped) {
            return false;
        }
        write.run();
        return true;
    }

    /**
     * The scheduling has ended (normally or by a stop); returns whether a stop was requested, and clears the
     * interrupt it caused. A signal from now on lets the JVM exit at once.
     */
    synchronized boolean trialsOver() {
        trialsRunning = false;
        if (stopped) {
            Thread.interrupted();
        }
        return stopped;
    }

    /** Whether a stop was requested. */
    synchronized boolean stopped() {
        return stopped;
    }

    /** The folder is consistent and the user told: the JVM may exit. */
    void settled() {
        settled.countDown();
    }

    @Override
    public void close() {
        settled.countDown();
        synchronized (this) {
            trialsRunning = false;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting; the hook has run or returns at once
        }
    }
}
