package org.optbench.datasets.functions;

import java.util.List;

/**
 * Rosenbrock's banana valley {@code f(x, y) = (1 − x)² + 100 (y − x²)²}, gradient
 * {@code (−2(1 − x) − 400 x (y − x²), 200 (y − x²))}. Minimum 0 at (1, 1) at the end of a long curved valley.
 * Default start (−1.5, 2), on the far side of the valley. Plot bounds x ∈ [−2, 2], y ∈ [−1, 3].
 */
public record Rosenbrock() implements TestFunction {

    @Override
    public String name() {
        return "rosenbrock";
    }

    @Override
    public int dimension() {
        return 2;
    }

    @Override
    public double value(double[] point) {
        FunctionObjective.checkPoint(this, point);
        double x = point[0];
        double y = point[1];
        return (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);
    }

    @Override
    public void gradient(double[] point, double[] gradientOut) {
        FunctionObjective.checkPoint(this, point, gradientOut);
        double x = point[0];
        double y = point[1];
        gradientOut[0] = -2 * (1 - x) - 400 * x * (y - x * x);
        gradientOut[1] = 200 * (y - x * x);
    }

    @Override
    public double[] defaultStart() {
        return new double[] {-1.5, 2};
    }

    @Override
    public List<double[]> minima() {
        return List.<double[]>of(new double[] {1, 1});
    }

    @Override
    public double[] plotBounds() {
        return new double[] {-2, 2, -1, 3};
    }
}
