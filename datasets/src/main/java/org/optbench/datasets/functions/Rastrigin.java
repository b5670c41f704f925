package org.optbench.datasets.functions;

import java.util.Arrays;
import java.util.List;

/**
 * Rastrigin's function {@code f(x) = 10 n + Σ (x_i² − 10 cos 2πx_i)}, gradient {@code 2x_i + 20π sin 2πx_i}:
 * a bowl covered with a grid of local minima near the integer points. Global minimum 0 at the origin. Default
 * start: every coordinate 3.3 (near the local minimum at about 2.98 per coordinate, so a plain descent gets
 * stuck there). Plot bounds [−5.12, 5.12] per axis (the usual domain) for 1-D and 2-D. Default dim 2.
 *
 * @param dim number of coordinates n, at least 1 [2]
 */
public record Rastrigin(int dim) implements TestFunction {

    public Rastrigin {
        if (dim < 1) {
            throw new IllegalArgumentException("rastrigin: dim must be >= 1, got " + dim);
        }
    }

    /** dim 2. */
    public Rastrigin() {
        this(2);
    }

    @Override
    public String name() {
        return "rastrigin";
    }

    @Override
    public int dimension() {
        return dim;
    }

    @Override
    public double value(double[] x) {
        FunctionObjective.checkPoint(this, x);
        double sum = 10.0 * dim;
        for (double coordinate : x) {
            sum += coordinate * coordinate - 10 * Math.cos(2 * Math.PI * coordinate);
        }
        return sum;
    }

    @Override
    public void gradient(double[] x, double[] gradientOut) {
        FunctionObjective.checkPoint(this, x, gradientOut);
        for (int i = 0; i < dim; i++) {
            gradientOut[i] = 2 * x[i] + 20 * Math.PI * Math.sin(2 * Math.PI * x[i]);
        }
    }

    @Override
    public double[] defaultStart() {
        double[] start = new double[dim];
        Arrays.fill(start, 3.3);
        return start;
    }

    @Override
    public List<double[]> minima() {
        return List.<double[]>of(new double[dim]);
    }

    @Override
    public double[] plotBounds() {
        return dim == 1 ? new double[] {-5.12, 5.12} : dim == 2 ? new double[] {-5.12, 5.12, -5.12, 5.12} : new double[0];
    }
}
