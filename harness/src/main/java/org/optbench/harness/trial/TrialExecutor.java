package org.optbench.harness.trial;

import java.util.List;
import java.util.function.Consumer;

/**
 * Runs independent trials somewhere: the local thread pool ({@link LocalTrialExecutor}) today, a distributed
 * engine such as Apache Spark later. Trials are serializable values and {@link TrialRunner#run(Trial)} is the
 * whole of a trial's work, so an engine only has to ship trials out and results back.
 */
public interface TrialExecutor {

    /**
     * Runs every trial and hands each result to {@code onResult} as soon as it is ready, on the calling thread
     * and one at a time (so the consumer may write files without locking). Returns when all are done.
     *
     * @param runner the trial function (rebuilt from Guice on each worker by a distributed engine)
     * @throws InterruptedException if the calling thread is interrupted; trials still running are cancelled
     */
    void execute(List<Trial> trials, TrialRunner runner, Consumer<TrialResult> onResult) throws InterruptedException;
}
