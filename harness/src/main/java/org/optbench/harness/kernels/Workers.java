package org.optbench.harness.kernels;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The helper threads behind intra-trial parallelism (matrix products in {@link MatMul}, the per-example passes of
 * the CNN). {@link #run} cuts the work into numbered chunks that the calling thread and up to {@code threads − 1}
 * helpers claim one at a time from a shared counter.
 *
 * <p>Why chunks claimed on demand rather than one fixed share per thread: on a busy machine a helper may start late or
 * be descheduled; the caller then simply takes the chunks the helper has not claimed, so a slow helper costs at most
 * the chunk it is working on instead of stalling the whole product. Which thread runs a chunk never changes what the
 * chunk computes, so results do not depend on the thread count or on the timing as long as every chunk writes only
 * its own outputs. The caller never waits for a helper to arrive, only for chunks a helper has claimed.
 *
 * <p>Why each calling thread has a team of its own helpers that spin between calls: a training batch is a few dozen
 * products of 50–500 µs each with short serial steps between them, and waking a parked thread on an idle virtual
 * CPU takes about as long as such a product (measured: with helpers handed each product through a thread pool, a
 * 784-256-128-10 MLP ran slower on 2 threads than on 1). A helper therefore polls its team for the next call for
 * {@link #SPIN_NANOS} after the last one before it parks, and retires after {@link #RETIRE_NANOS} without work or
 * when its calling thread has ended. A trial given one thread never starts a helper. The harness gives trials at
 * most {@code --threads} threads in total, so the spinning helpers use cores the run was given.
 */
public final class Workers {

    /** How long an idle helper polls for its caller's next call before parking. */
    static final long SPIN_NANOS = 2_000_000L;
    /** How long a parked helper waits for work before its thread ends (a later call starts a new one). */
    static final long RETIRE_NANOS = 5_000_000_000L;
    /** Spins of the waiting caller before it parks: a chunk in flight on a helper usually ends within microseconds. */
    private static final int SPINS = 20_000;
    private static final ThreadLocal<Team> TEAMS = ThreadLocal.withInitial(Team::new);

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
        Job job = new Job(chunks, helpers, chunk, Thread.currentThread());
        Team team = TEAMS.get();
        team.post(job);
        try {
            job.work();
            job.await();
        } finally {
            team.current = null;
        }
    }

    /** The helpers of one calling thread; only that thread posts to it. */
    private static final class Team {
        private final Thread owner = Thread.currentThread();
        private Helper[] helpers = new Helper[0];
        /** The latest job; helpers with an index below its {@code helpers} join it once. */
        private volatile Job current;

        void post(Job job) {
            if (helpers.length < job.helpers) {
                helpers = java.util.Arrays.copyOf(helpers, job.helpers);
            }
            current = job;
            for (int h = 0; h < job.helpers; h++) {
                Helper helper = helpers[h];
                if (helper == null || !helper.thread.isAlive()) {
                    helpers[h] = helper = new Helper(this, h);
                    helper.thread.start();
                } else if (helper.parked) {
                    // A helper sets parked before its last look at current, and current is written before this
                    // read, so either it sees the job or this unpark reaches it (a permit given early is kept).
                    LockSupport.unpark(helper.thread);
                }
            }
        }
    }

    /** One helper thread of a team. */
    private static final class Helper implements Runnable {
        private final Team team;
        private final int index;
        private final Thread thread;
        private volatile boolean parked;

        Helper(Team team, int index) {
            this.team = team;
            this.index = index;
            this.thread = new Thread(this, "optbench-worker-" + team.owner.getName() + "-" + index);
            this.thread.setDaemon(true);
        }

        @Override
        public void run() {
            Job done = null;
            long idleSince = System.nanoTime();
            while (true) {
                Job job = team.current;
                if (job != null && job != done && index < job.helpers) {
                    done = job;
                    job.work();
                    idleSince = System.nanoTime();
                    continue;
                }
                long idle = System.nanoTime() - idleSince;
                if (idle < SPIN_NANOS) {
                    for (int s = 0; s < 64; s++) {
                        Thread.onSpinWait();
                    }
                    continue;
                }
                if (idle > RETIRE_NANOS || !team.owner.isAlive()) {
                    return;
                }
                parked = true;
                if (team.current == job) {
                    LockSupport.parkNanos(this, RETIRE_NANOS);
                }
                parked = false;
            }
        }
    }

    /** One {@link #run} call's shared state. */
    private static final class Job {
        private final int chunks;
        private final int helpers;
        private final IntConsumer chunk;
        private final Thread caller;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger remaining;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        Job(int chunks, int helpers, IntConsumer chunk, Thread caller) {
            this.chunks = chunks;
            this.helpers = helpers;
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
