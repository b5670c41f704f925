package org.optbench.datasets.functions;

import java.util.List;

/**
 * The 1-D quartic of seed 002: {@code f(x) = 0.3x⁴ − 0.1x³ − 2x² − 0.8x},
 * {@code f'(x) = 1.2x³ − 0.3x² − 4x − 0.8}. Global minimum at x ≈ 2.042137 (f ≈ −5.608514), local minimum at
 * x ≈ −1.586346 (f ≈ −1.464885), a local maximum between them at x ≈ −0.205791. Default start −2.795, from which
 * plain gradient descent with η = 0.05 stalls in the local minimum and momentum 0.9 reaches the global one.
 * Plot bounds [−3, 3].
 */
public record Quartic() implements TestFunction {

    /** The global minimizer, the largest root of f' (Newton's method to machine precision). */
    public static final double GLOBAL_MINIMUM = 2.042136865839012;
    /** The local minimizer, the smallest root of f'. */
    public static final double LOCAL_MINIMUM = -1.586346063622633;

    @Override
    public String name() {
        return "quartic";
    }

    @Override
    public int dimension() {
        return 1;
    }

    @Override
    public double value(double[] x) {
        FunctionObjective.checkPoint(this, x);
        double t = x[0];
        return ((0.3 * t - 0.1) * t - 2) * t * t - 0.8 * t;
    }

    @Override
    public void gradient(double[] x, double[] gradientOut) {
        FunctionObjective.checkPoint(this, x, gradientOut);
        double t = x[0];
        gradientOut[0] = ((1.2 * t - 0.3) * t - 4) * t - 0.8;
    }

    @Override
    public double[] defaultStart() {
        return new double[] {-2.795};
    }

    @Override
    public List<double[]> minima() {
        return List.of(new double[] {GLOBAL_MINIMUM}, new double[] {LOCAL_MINIMUM});
    }

    @Override
    public double[] plotBounds() {
        return new double[] {-3, 3};
    }
}
