package org.optbench.harness.wiring;

import org.optbench.datasets.functions.TestFunction;

/**
 * An analytic function set up for a trial.
 *
 * @param function the function
 * @param start the starting point
 * @param noise the standard deviation of the gradient noise, 0 for exact gradients
 */
public record FunctionProblem(TestFunction function, double[] start, double noise) {
}
