package org.optbench.datasets.functions;

import java.util.List;
import java.util.SplittableRandom;
import org.optbench.optimizers.Objective;

/**
 * An analytic test function of docs/math.md with its exact gradient, computed in double precision.
 * Implementations are immutable records validating their parameters.
 */
public interface TestFunction {

    /** The user-facing name ({@code quartic}, {@code rosenbrock}, ...). */
    String name();

    /** Number of coordinates. */
    int dimension();

    /** f(x). */
    double value(double[] x);

    /** Writes the exact gradient of f at {@code x} into {@code gradientOut}. */
    void gradient(double[] x, double[] gradientOut);

    /** The documented default starting point. */
    double[] defaultStart();

    /** The known minima, the global one first (the quartic also lists its local minimum). */
    List<double[]> minima();

    /**
     * Plotting bounds {@code [xMin, xMax, yMin, yMax]} for 2-D functions, {@code [xMin, xMax]} for 1-D ones;
     * empty for higher dimensions.
     */
    double[] plotBounds();

    /**
     * This function as an {@link Objective} on float parameters. With {@code noiseSigma > 0} every gradient
     * component gets independent zero-mean Gaussian noise of that standard deviation, drawn from {@code random};
     * the returned loss is always the exact value.
     */
    default Objective objective(double noiseSigma, SplittableRandom random) {
        return new FunctionObjective(this, noiseSigma, random);
    }
}
