package org.optbench.optimizers;

/** Small objectives for the tests, evaluated in double from the float point and rounded once to float. */
final class TestObjectives {

    private TestObjectives() {
    }

    /** A function of a double vector with its gradient. */
    interface Function {
        double lossAndGradient(double[] x, double[] gradient);
    }

    /** {@code function} as an {@link Objective} on float vectors. */
    static Objective of(int dimension, Function function) {
        return new Objective() {
            @Override
            public int dimension() {
                return dimension;
            }

            @Override
            public double lossAndGradient(float[] point, float[] gradientOut) {
                double[] x = new double[dimension];
                for (int i = 0; i < dimension; i++) {
                    x[i] = point[i];
                }
                double[] g = new double[dimension];
                double loss = function.lossAndGradient(x, g);
                for (int i = 0; i < dimension; i++) {
                    gradientOut[i] = (float) g[i];
                }
                return loss;
            }
        };
    }

    /** The quartic of seed 002: f = 0.3θ⁴ − 0.1θ³ − 2θ² − 0.8θ, f' = 1.2θ³ − 0.3θ² − 4θ − 0.8. */
    static Objective quartic() {
        return of(1, (x, g) -> {
            double t = x[0];
            g[0] = 1.2 * t * t * t - 0.3 * t * t - 4 * t - 0.8;
            return 0.3 * t * t * t * t - 0.1 * t * t * t - 2 * t * t - 0.8 * t;
        });
    }
}
