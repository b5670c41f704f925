package org.optbench.optimizers.regularizers;

import org.optbench.optimizers.ParameterLayout;

/** A term added to the loss, with its gradient. Applies to weight blocks, and to biases only if configured. */
public interface Penalty extends Regularizer {

    /** The penalty's value at {@code theta}. */
    double penalty(float[] theta, ParameterLayout layout);

    /** Adds the penalty's gradient at {@code theta} to {@code gradient}. */
    void addGradient(float[] theta, float[] gradient, ParameterLayout layout);
}
