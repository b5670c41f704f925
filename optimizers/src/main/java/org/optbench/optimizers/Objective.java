package org.optbench.optimizers;

/**
 * What is being minimized, with one mini-batch (or one noise draw) fixed: its loss and gradient at a point.
 *
 * <p>Implementations may keep scratch buffers and are therefore not thread-safe; each trial owns its own.
 */
public interface Objective {

    /** Number of parameters, the length of every point and gradient. */
    int dimension();

    /**
     * Evaluates the objective at {@code point}.
     *
     * @param point the parameters, length {@link #dimension()}; not modified
     * @param gradientOut overwritten with the gradient of the loss at {@code point}
     * @return the loss at {@code point}
     */
    double lossAndGradient(float[] point, float[] gradientOut);
}
