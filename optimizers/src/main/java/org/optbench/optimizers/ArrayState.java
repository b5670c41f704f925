package org.optbench.optimizers;

/**
 * What every state of this library shares: its optimizer's name, the dimension it was created for, and the
 * gradient buffer the objective writes into (allocated once, so that a step allocates nothing).
 */
abstract class ArrayState implements OptimizerState {

    final String name;
    final int dimension;
    final float[] gradient;

    ArrayState(String name, int dimension) {
        Checks.atLeast(name, "dimension", 1, dimension);
        this.name = name;
        this.dimension = dimension;
        this.gradient = new float[dimension];
    }

    /** Fails clearly when a trial passes a parameter vector of the wrong length. */
    final void checkLength(float[] theta, Objective batch) {
        if (theta.length != dimension) {
            throw new IllegalArgumentException(name + ": theta has length " + theta.length
                    + ", but this state was created for dimension " + dimension);
        }
        if (batch.dimension() != dimension) {
            throw new IllegalArgumentException(name + ": the objective has dimension " + batch.dimension()
                    + ", but this state was created for dimension " + dimension);
        }
    }
}
