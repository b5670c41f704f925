package org.optbench.optimizers;

/** The mutable per-trial state of one optimizer: velocities, accumulators, the update count. */
public interface OptimizerState {

    /**
     * Performs one update of {@code theta} in place. The rule evaluates {@code batch} wherever it needs the
     * gradient: at {@code theta} for most rules, at the look-ahead point for {@code nesterov}.
     *
     * @param theta the parameters, updated in place
     * @param batch the objective on the current mini-batch
     * @param learningRate the rate the schedule gives for this update (ignored by rules that have none)
     * @return the loss the rule evaluated for this update (at the point where it took the gradient)
     */
    double step(float[] theta, Objective batch, double learningRate);
}
