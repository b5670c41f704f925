package org.optbench.datasets.functions;

import java.util.Arrays;
import java.util.List;

/**
 * An ill-conditioned convex quadratic {@code f(x) = ½ Σ λ_i x_i²}, gradient {@code λ_i x_i}, with the curvatures
 * log-spaced from 1 to κ: {@code λ_i = κ^(i / (dim − 1))} for {@code i = 0..dim−1} ({@code λ_0 = 1}; with
 * {@code dim = 1}, {@code λ_0 = 1}). κ is the condition number. Minimum 0 at the origin. Default start: every
 * coordinate 1. Plot bounds [−1.5, 1.5] per axis for 1-D and 2-D. Defaults: dim 2, κ 10.
 *
 * @param dim number of coordinates, at least 1 [2]
 * @param kappa condition number κ, at least 1 [10]
 */
public record Quadratic(int dim, double kappa) implements TestFunction {

    public Quadratic {
        if (dim < 1) {
            throw new IllegalArgumentException("quadratic: dim must be >= 1, got " + dim);
        }
        if (!(kappa >= 1) || Double.isInfinite(kappa)) {
            throw new IllegalArgumentException("quadratic: kappa must be a finite value >= 1, got " + kappa);
        }
    }

    /** dim 2, κ 10. */
    public Quadratic() {
        this(2, 10);
    }

    /** The curvature λ_i of coordinate i. */
    public double curvature(int i) {
        return dim == 1 ? 1 : Math.pow(kappa, (double) i / (dim - 1));
    }

    @Override
    public String name() {
        return "quadratic";
    }

    @Override
    public int dimension() {
        return dim;
    }

    @Override
    public double value(double[] x) {
        FunctionObjective.checkPoint(this, x);
        double sum = 0;
        for (int i = 0; i < dim; i++) {
            sum += curvature(i) * x[i] * x[i];
        }
        return 0.5 * sum;
    }

    @Override
    public void gradient(double[] x, double[] gradientOut) {
        FunctionObjective.checkPoint(this, x, gradientOut);
        for (int i = 0; i < dim; i++) {
            gradientOut[i] = curvature(i) * x[i];
        }
    }

    @Override
    public double[] defaultStart() {
        double[] start = new double[dim];
        Arrays.fill(start, 1);
        return start;
    }

    @Override
    public List<double[]> minima() {
        return List.<double[]>of(new double[dim]);
    }

    @Override
    public double[] plotBounds() {
        return dim == 1 ? new double[] {-1.5, 1.5} : dim == 2 ? new double[] {-1.5, 1.5, -1.5, 1.5} : new double[0];
    }
}
