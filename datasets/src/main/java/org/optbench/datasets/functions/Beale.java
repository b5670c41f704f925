package org.optbench.datasets.functions;

import java.util.List;

/**
 * Beale's function {@code f(x, y) = a² + b² + c²} with {@code a = 1.5 − x + xy}, {@code b = 2.25 − x + xy²},
 * {@code c = 2.625 − x + xy³}; gradient {@code ∂f/∂x = 2a(y − 1) + 2b(y² − 1) + 2c(y³ − 1)},
 * {@code ∂f/∂y = 2a·x + 2b·2xy + 2c·3xy²}. Minimum 0 at (3, 0.5), in a flat valley with steep walls. Default
 * start (1, 1.5). Plot bounds [−4.5, 4.5] on both axes (the function's usual domain).
 */
public record Beale() implements TestFunction {

    @Override
    public String name() {
        return "beale";
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
        double a = 1.5 - x + x * y;
        double b = 2.25 - x + x * y * y;
        double c = 2.625 - x + x * y * y * y;
        return a * a + b * b + c * c;
    }

    @Override
    public void gradient(double[] point, double[] gradientOut) {
        FunctionObjective.checkPoint(this, point, gradientOut);
        double x = point[0];
        double y = point[1];
        double a = 1.5 - x + x * y;
        double b = 2.25 - x + x * y * y;
        double c = 2.625 - x + x * y * y * y;
        gradientOut[0] = 2 * a * (y - 1) + 2 * b * (y * y - 1) + 2 * c * (y * y * y - 1);
        gradientOut[1] = 2 * a * x + 4 * b * x * y + 6 * c * x * y * y;
    }

    @Override
    public double[] defaultStart() {
        return new double[] {1, 1.5};
    }

    @Override
    public List<double[]> minima() {
        return List.<double[]>of(new double[] {3, 0.5});
    }

    @Override
    public double[] plotBounds() {
        return new double[] {-4.5, 4.5, -4.5, 4.5};
    }
}
