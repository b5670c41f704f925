package org.optbench.datasets.functions;

import java.util.SplittableRandom;
import org.optbench.optimizers.Objective;

/**
 * A {@link TestFunction} as an {@link Objective}: evaluates in double at the float point and, with
 * {@code noiseSigma > 0}, adds independent N(0, σ²) noise to every gradient component. The loss is exact.
 * Keeps scratch buffers, so it is not thread-safe (one per trial, as {@link Objective} says).
 */
final class FunctionObjective implements Objective {

    private final TestFunction function;
    private final double noiseSigma;
    private final SplittableRandom random;
    private final double[] point;
    private final double[] gradient;

    FunctionObjective(TestFunction function, double noiseSigma, SplittableRandom random) {
        if (!(noiseSigma >= 0) || Double.isInfinite(noiseSigma)) {
            throw new IllegalArgumentException(function.name() + ": noise must be a finite value >= 0, got " + noiseSigma);
        }
        if (noiseSigma > 0 && random == null) {
            throw new IllegalArgumentException(function.name() + ": noise " + noiseSigma + " needs a random stream, got null");
        }
        this.function = function;
        this.noiseSigma = noiseSigma;
        this.random = random;
        this.point = new double[function.dimension()];
        this.gradient = new double[function.dimension()];
    }

    @Override
    public int dimension() {
        return point.length;
    }

    @Override
    public double lossAndGradient(float[] at, float[] gradientOut) {
        if (at.length != point.length || gradientOut.length != point.length) {
            throw new IllegalArgumentException(function.name() + ": point and gradient must have " + point.length
                    + " coordinates, got " + at.length + " and " + gradientOut.length);
        }
        for (int i = 0; i < point.length; i++) {
            point[i] = at[i];
        }
        double loss = function.value(point);
        function.gradient(point, gradient);
        for (int i = 0; i < point.length; i++) {
            double noise = noiseSigma > 0 ? noiseSigma * random.nextGaussian() : 0;
            gradientOut[i] = (float) (gradient[i] + noise);
        }
        return loss;
    }

    /** Checks a point's length against the function's dimension, in house style. */
    static void checkPoint(TestFunction function, double[] x) {
        if (x.length != function.dimension()) {
            throw new IllegalArgumentException(function.name() + ": point must have " + function.dimension()
                    + " coordinates, got " + x.length);
        }
    }

    /** Checks a point and a gradient buffer. */
    static void checkPoint(TestFunction function, double[] x, double[] gradientOut) {
        checkPoint(function, x);
        if (gradientOut.length != function.dimension()) {
            throw new IllegalArgumentException(function.name() + ": gradient buffer must have " + function.dimension()
                    + " coordinates, got " + gradientOut.length);
        }
    }
}
