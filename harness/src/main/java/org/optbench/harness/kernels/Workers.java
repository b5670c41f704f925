package org.optbench.harness.kernels;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The one pool of helper threads behind intra-trial parallelism (matrix products in {@link MatMul}, the per-example
 * passes of the CNN). {@link #run} cuts the work into numbered chunks that the calling thread and up to
 * {@code threads − 1} helpers claim one at a time from a shared counter.
 *
 * <p>Why chunks claimed on demand rather than one fixed share per thread: on a busy machine a helper may start late or
 * be descheduled; the caller then simply takes the chunks the helper has not claimed, so a slow helper costs at most
 * the chunk it is working on instead of stalling the whole product. Which thread runs a chunk never changes what the
 * chunk computes, so results do not depend on the thread count or on the timing as long as every chunk writes only
 * its own outputs.
 */
public final class Workers {

    private static final ExecutorService POOL = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "optbench-worker");
        thread.setDaemon(true);
        return thread;
    });
    /** Spins of the waiting caller before it parks: a chunk in flight on a helper usually ends within microseconds. */
    private static final int SPINS = 20_000;

    private Workers() {
    }

    /**
     * Runs {@code chunk.accept(c)} for every c in [0, chunks), each exactly once, on the calling thread and up to
     * {@code threads − 1} helpers, and returns when all are done. The first exception a chunk throws is rethrown here
     * (wrapped if checked) after the other chunks have finished or been abandoned.
     */
    public static void run(int threads, int chunks, IntConsumer chunk) {
        if (chunks <= 0) {
            return;
        }
        int helpers = Math.min(threads, chunks) - 1;
        if (helpers <= 0) {
            for (int c = 0; c < chunks; c++) {
                chunk.accept(c);
            }
            return;
        }
        Job job = new Job(chunks, chunk, Thread.currentThread());
        for (int h = 0; h < helpers; h++) {
            POOL.execute(job::work);
        }
        job.work();
        job.await();
    }

    /** One {@link #run} call's shared state. */
    private static final class Job {
        private final int chunks;
        private final IntConsumer chunk;
        private final Thread caller;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger remaining;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        Job(int chunks, IntConsumer chunk, Thread caller) {
            this.chunks = chunks;
            this.chunk = chunk;
            this.caller = caller;
            this.remaining = new AtomicInteger(chunks);
        }

        void work() {
            int c;
            while ((c = next.getAndIncrement()) < chunks) {
                try {
                    if (failure.get() == null) {
                        chunk.accept(c);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    if (remaining.decrementAndGet() == 0) {
                        LockSupport.unpark(caller);
                    }
                }
            }
        }

        void await() {
            int spins = 0;
            while (remaining.get() > 0) {
                if (spins < SPINS) {
                    spins++;
                    Thread.onSpinWait();
                } else {
                    // The helper that finishes the last chunk unparks the caller; a permit given before this park
                    // makes it return at once, so no wake-up is lost.
                    LockSupport.park(this);
                }
            }
            Throwable e = failure.get();
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e instanceof Error error) {
                throw error;
            }
            if (e != null) {
                throw new IllegalStateException("worker failed", e);
            }
        }
    }
}
