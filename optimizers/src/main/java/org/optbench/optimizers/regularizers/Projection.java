package org.optbench.optimizers.regularizers;

import org.optbench.optimizers.ParameterLayout;

/** A constraint enforced by changing the parameters in place after every update. */
public interface Projection extends Regularizer {

    /** Projects {@code theta} onto the constraint set, in place. */
    void project(float[] theta, ParameterLayout layout);
}
