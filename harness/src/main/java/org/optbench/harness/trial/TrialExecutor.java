package org.optbench.harness.trial;

import java.util.List;
import java.util.function.Consumer;

/**
 * Runs independent trials somewhere: the local thread pool ({@link LocalTrialExecutor}) or a cluster engine (the
 * optional {@code spark} module). What travels is plain data: the trials and a {@link WorkerSetup}, from which each
 * worker JVM builds its own registry and data sets once ({@link TrialWorkers}); results come back as
 * {@link TrialResult} values.
 */
public interface TrialExecutor {

    /**
     * Runs every trial and hands each result to {@code onResult} as soon as it is ready, on the calling thread
     * and one at a time (so the consumer may write files without locking), each trial at most once. Returns when all
     * are done.
     *
     * @param setup how a worker builds its components and data
     * @throws InterruptedException if the calling thread is interrupted; trials still running are cancelled
     */
    void execute(List<Trial> trials, WorkerSetup setup, Consumer<TrialResult> onResult) throws InterruptedException;

    /**
     * Whether trials run in this JVM, sharing the caller's warmed-up JIT; when false the workers warm up themselves
     * ({@link WorkerSetup#warmupSeconds()}).
     */
    default boolean inThisJvm() {
        return true;
    }

    /** Where trials run, for the user: {@code 4 threads}, {@code spark local[2]}. */
    String where();
}
