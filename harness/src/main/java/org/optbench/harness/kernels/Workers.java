package org.optbench.harness.kernels;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The helper threads behind intra-trial parallelism (matrix products in {@link MatMul}, the per-example passes of
 * the CNN, optimizer updates). {@link #run} cuts the work into numbered chunks; the calling thread and up to
 * {@code threads − 1} helpers each claim their own contiguous home range of chunks first, one at a time, then what
 * is left of the others'.
 *
 * <p>Why home ranges: with every thread present, each runs the same chunks on every call, so the rows of a weight
 * matrix that a thread multiplied, differentiated and updated in one batch are still in its core's cache in the
 * next (a 784-256-128-10 trial on 2 threads: 0.497 against 0.629 s per epoch, medians of 3 rounds, with one shared
 * counter). Why chunks are still claimed on demand rather than assigned: on a busy machine a helper may start late or
 * be descheduled; the others then simply take the chunks it has not claimed, so a slow helper costs at most the
 * chunk it is working on instead of stalling the whole product. Which thread runs a chunk never changes what the
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
    /** Ints per cache line (64 bytes): the stride between the counters of a call. */
    private static final int PAD = 16;
    private static final ThreadLocal<Team> TEAMS = ThreadLocal.withInitial(Team::new);

    private Workers() {
    }

    /**
     * Runs {@code chunk.accept(c)} for every c in [0, chunks), each exactly once, on the calling thread and up to
     * {@code threads − 1} helpers, and returns when all are done. The first exception a chunk throws is rethrown here
     * (wrapped if checked) after the other chunks have finished or been abandoned.
     */
    public static void run(int threads, int chunks, IntConsumer chunk) {
        run(threads, chunks, (c, participant) -> chunk.accept(c));
    }

    /** A chunk of work told which thread runs it, so that it can use scratch space of that thread's own. */
    @FunctionalInterface
    public interface Chunk {
        /**
         * @param participant 0 on the calling thread, h + 1 on its helper h: below {@code min(threads, chunks)}, and
         *     one thread at a time per value within a call
         */
        void run(int chunk, int participant);
    }

    /** {@link #run(int, int, IntConsumer)} with the running thread's participant number passed to each chunk. */
    public static void run(int threads, int chunks, Chunk chunk) {
        if (chunks <= 0) {
            return;
        }
        int helpers = Math.min(threads, chunks) - 1;
        if (helpers <= 0) {
            for (int c = 0; c < chunks; c++) {
                chunk.run(c, 0);
            }
            return;
        }
        Job job = new Job(chunks, helpers, chunk, Thread.currentThread());
        Team team = TEAMS.get();
        team.post(job);
        try {
            job.work(0);
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
                if (job == null) {
                    done = null; // a finished call's job is never posted again; do not keep its arrays reachable
                }
                if (job != null && job != done && index < job.helpers) {
                    done = job;
                    job.work(index + 1);
                    idleSince = System.nanoTime();
                    continue;
                }
                long idle = System.nanoTime() - idleSince;
                if (idle < SPIN_NANOS) {
                    for (int s = 0; s < 8; s++) {
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
        private final Chunk chunk;
        private final Thread caller;
        /** Participant p (the caller is 0, helper h is h + 1) claims its home chunks [first[p], first[p + 1]) first. */
        private final int[] first;
        /**
         * Participant p's next home chunk at {@code next[(p + 1) · PAD]}, and the count of chunks not yet finished at
         * {@code next[(participants + 1) · PAD]}: each counter on a cache line of its own, so that a thread claiming
         * its own chunks does not pull a line another thread is writing (counters allocated one after the other
         * share lines, and moving a line between this machine's two vCPUs takes about 250 ns).
         */
        private final AtomicIntegerArray next;
        /** Where in {@link #next} the count of chunks not yet finished is. */
        private final int remaining;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        Job(int chunks, int helpers, Chunk chunk, Thread caller) {
            this.chunks = chunks;
            this.helpers = helpers;
            this.chunk = chunk;
            this.caller = caller;
            int participants = helpers + 1;
            this.first = new int[participants + 1];
            this.next = new AtomicIntegerArray((participants + 2) * PAD);
            for (int p = 0; p <= participants; p++) {
                first[p] = (int) ((long) chunks * p / participants);
            }
            for (int p = 0; p < participants; p++) {
                next.set((p + 1) * PAD, first[p]);
            }
            remaining = (participants + 1) * PAD;
            next.set(remaining, chunks);
        }

        /**
         * Runs chunks as participant {@code self}: its home chunks first, then whatever is left of the others'. With
         * every participant present, each runs the same chunks on every call, so a product's rows, or an update's
         * parameters, stay in the cache of the core that used them in the previous batch; a late helper's chunks
         * are taken by the others.
         */
        void work(int self) {
            int participants = first.length - 1;
            int done = 0;
            for (int k = 0; k < participants; k++) {
                int p = (self + k) % participants;
                int c;
                while ((c = next.getAndIncrement((p + 1) * PAD)) < first[p + 1]) {
                    run(c, self);
                    done++;
                }
            }
            // One update of the shared count per participant and call, not one per chunk: every update pulls the
            // count's cache line from the core that wrote it last.
            if (done > 0 && next.addAndGet(remaining, -done) == 0 && self != 0) {
                LockSupport.unpark(caller);
            }
        }

        private void run(int c, int self) {
            try {
                if (failure.get() == null) {
                    chunk.run(c, self);
                }
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        }

        void await() {
            int spins = 0;
            while (next.get(remaining) > 0) {
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
