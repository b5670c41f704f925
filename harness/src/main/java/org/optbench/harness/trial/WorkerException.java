package org.optbench.harness.trial;

/**
 * A worker could not run a trial for a reason outside the trial (its data missing or damaged on that machine, a
 * plug-in module not on its classpath): an infrastructure failure, retried elsewhere or left for {@code --resume},
 * never written as a {@code failed} trial.
 */
public final class WorkerException extends RuntimeException {

    public WorkerException(String message, Throwable cause) {
        super(message, cause);
    }
}
