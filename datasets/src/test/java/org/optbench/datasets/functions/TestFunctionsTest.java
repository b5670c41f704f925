package org.optbench.datasets.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.optbench.optimizers.Objective;

class TestFunctionsTest {

    private static final List<TestFunction> ALL = List.of(new Quartic(), new Quadratic(), new Quadratic(5, 100),
            new Quadratic(1, 50), new Rosenbrock(), new Beale(), new Rastrigin(), new Rastrigin(3));

    /**
     * Central differences {@code (f(x + h e_i) − f(x − h e_i)) / 2h} with h = 1e-5 in double: truncation error
     * h²/6·|f'''| is below 1e-7 for these functions at these points (|f'''| ≤ ~2e4 for Rastrigin's cosine term,
     * 2.4e3 for Rosenbrock) and rounding error ~1e-16·|f|/h below 1e-9; tolerance 1e-5 relative to max(1, |g|).
     */
    @Test
    void gradientsMatchCentralDifferences() {
        double h = 1e-5;
        SplittableRandom random = new SplittableRandom(17);
        for (TestFunction function : ALL) {
            for (int trial = 0; trial < 6; trial++) {
                double[] x = new double[function.dimension()];
                for (int i = 0; i < x.length; i++) {
                    x[i] = trial == 0 ? function.defaultStart()[i] : -2.5 + 5 * random.nextDouble();
                }
                double[] gradient = new double[x.length];
                function.gradient(x, gradient);
                for (int i = 0; i < x.length; i++) {
                    double[] plus = x.clone();
                    double[] minus = x.clone();
                    plus[i] += h;
                    minus[i] -= h;
                    double numeric = (function.value(plus) - function.value(minus)) / (2 * h);
                    assertEquals(numeric, gradient[i], 1e-5 * Math.max(1, Math.abs(numeric)),
                            function + " coordinate " + i + " at " + java.util.Arrays.toString(x));
                }
            }
        }
    }

    @Test
    void valuesAtHandComputedPoints() {
        // 0.3·81 − 0.1·(−27) − 2·9 − 0.8·(−3) = 24.3 + 2.7 − 18 + 2.4
        assertEquals(11.4, new Quartic().value(new double[] {-3}), 1e-12);
        // ½ (1·1 + 10·1)
        assertEquals(5.5, new Quadratic().value(new double[] {1, 1}), 1e-12);
        // (1 + 1.5)² + 100 (2 − 2.25)² = 6.25 + 6.25
        assertEquals(12.5, new Rosenbrock().value(new double[] {-1.5, 2}), 1e-12);
        // a = 2, b = 3.5, c = 5 at (1, 1.5): 4 + 12.25 + 25
        assertEquals(41.25, new Beale().value(new double[] {1, 1.5}), 1e-12);
        // 20 + 2 (0.25 − 10 cos π) = 20 + 2 · 10.25
        assertEquals(40.5, new Rastrigin().value(new double[] {0.5, 0.5}), 1e-12);
        Quadratic quadratic = new Quadratic(3, 100);
        assertArrayEquals(new double[] {1, 10, 100},
                new double[] {quadratic.curvature(0), quadratic.curvature(1), quadratic.curvature(2)}, 1e-12);
        assertEquals(1, new Quadratic(1, 50).curvature(0));
    }

    @Test
    void quarticMinimaByNewtonsMethodMatchTheConstantsAndSpec() {
        double[] roots = new double[2];
        double[] starts = {2, -1.5};
        for (int r = 0; r < 2; r++) {
            double x = starts[r];
            for (int iteration = 0; iteration < 50; iteration++) {
                // f'(x) = 1.2x³ − 0.3x² − 4x − 0.8, f''(x) = 3.6x² − 0.6x − 4, derived by hand from docs/math.md.
                x -= (1.2 * x * x * x - 0.3 * x * x - 4 * x - 0.8) / (3.6 * x * x - 0.6 * x - 4);
            }
            roots[r] = x;
        }
        Quartic quartic = new Quartic();

        assertEquals(roots[0], Quartic.GLOBAL_MINIMUM, 1e-12);
        assertEquals(roots[1], Quartic.LOCAL_MINIMUM, 1e-12);
        assertArrayEquals(new double[] {roots[0]}, quartic.minima().get(0), 1e-12);
        assertArrayEquals(new double[] {roots[1]}, quartic.minima().get(1), 1e-12);
        // docs/math.md: global 2.0421 (f ≈ −5.609), local −1.5863 (f ≈ −1.465).
        assertEquals(2.0421, roots[0], 5e-5);
        assertEquals(-1.5863, roots[1], 5e-5);
        assertEquals(-5.609, quartic.value(new double[] {roots[0]}), 5e-4);
        assertEquals(-1.465, quartic.value(new double[] {roots[1]}), 5e-4);
        // docs/math.md worked example 3: first gradient at −2.795 ≈ −18.17, and θ1 = θ0 − 0.05 g ≈ −1.887.
        double[] gradient = new double[1];
        quartic.gradient(quartic.defaultStart(), gradient);
        assertEquals(-18.17, gradient[0], 5e-3);
        assertEquals(-1.887, -2.795 - 0.05 * gradient[0], 5e-4);
    }

    @Test
    void everyListedMinimumHasZeroGradientAndTheGlobalValue() {
        for (TestFunction function : ALL) {
            double[] gradient = new double[function.dimension()];
            for (double[] minimum : function.minima()) {
                function.gradient(minimum, gradient);
                for (double component : gradient) {
                    assertEquals(0, component, 1e-12, function.name());
                }
            }
            if (!(function instanceof Quartic)) {
                assertEquals(0, function.value(function.minima().get(0)), 1e-12, function.name());
            }
        }
    }

    @Test
    void plotBoundsFitTheDimension() {
        assertArrayEquals(new double[] {-3, 3}, new Quartic().plotBounds());
        assertArrayEquals(new double[] {-2, 2, -1, 3}, new Rosenbrock().plotBounds());
        assertEquals(4, new Beale().plotBounds().length);
        assertEquals(2, new Quadratic(1, 5).plotBounds().length);
        assertEquals(0, new Quadratic(3, 5).plotBounds().length);
        assertEquals(0, new Rastrigin(3).plotBounds().length);
        for (TestFunction function : ALL) {
            double[] bounds = function.plotBounds();
            double[] start = function.defaultStart();
            for (int i = 0; i < bounds.length / 2; i++) {
                double coordinate = start[i];
                assertEquals(true, coordinate > bounds[2 * i] && coordinate < bounds[2 * i + 1],
                        function.name() + ": the default start lies inside the plot");
            }
        }
    }

    @Test
    void objectiveWithoutNoiseReturnsTheExactLossAndGradient() {
        Objective objective = new Rosenbrock().objective(0, null);
        float[] gradient = new float[2];

        double loss = objective.lossAndGradient(new float[] {-1.5f, 2f}, gradient);

        assertEquals(2, objective.dimension());
        assertEquals(12.5, loss, 1e-12);
        // −2(2.5) − 400(−1.5)(−0.25) = −5 − 150; 200(−0.25)
        assertArrayEquals(new float[] {-155f, -50f}, gradient);
    }

    @Test
    void gradientNoiseHasTheRequestedMeanAndStandardDeviation() {
        double sigma = 0.5;
        Objective objective = new Quadratic().objective(sigma, new SplittableRandom(2024));
        float[] point = {1f, 1f};
        float[] gradient = new float[2];
        int draws = 20_000;
        double[] sum = new double[2];
        double[] squares = new double[2];
        for (int n = 0; n < draws; n++) {
            double loss = objective.lossAndGradient(point, gradient);
            assertEquals(5.5, loss, 1e-12);
            // Exact gradient at (1, 1) is (1, 10).
            double[] noise = {gradient[0] - 1.0, gradient[1] - 10.0};
            for (int i = 0; i < 2; i++) {
                sum[i] += noise[i];
                squares[i] += noise[i] * noise[i];
            }
        }
        for (int i = 0; i < 2; i++) {
            double mean = sum[i] / draws;
            double std = Math.sqrt(squares[i] / draws - mean * mean);
            // Standard errors: mean σ/√n = 0.0035, std σ/√(2n) = 0.0025; tolerances are 4–5 of them.
            assertEquals(0, mean, 0.015);
            assertEquals(sigma, std, 0.0125);
        }
        float[] first = new float[2];
        float[] replay = new float[2];
        new Quadratic().objective(sigma, new SplittableRandom(7)).lossAndGradient(point, first);
        new Quadratic().objective(sigma, new SplittableRandom(7)).lossAndGradient(point, replay);
        assertArrayEquals(first, replay, "the same stream gives the same noise");
    }

    @Test
    void invalidParametersAreRejectedInHouseStyle() {
        assertEquals("quadratic: dim must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> new Quadratic(0, 10)).getMessage());
        assertEquals("quadratic: kappa must be a finite value >= 1, got 0.5",
                assertThrows(IllegalArgumentException.class, () -> new Quadratic(2, 0.5)).getMessage());
        assertEquals("rastrigin: dim must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> new Rastrigin(0)).getMessage());
        assertEquals("beale: noise must be a finite value >= 0, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> new Beale().objective(-1, new SplittableRandom(1))).getMessage());
        assertEquals("rosenbrock: point must have 2 coordinates, got 3",
                assertThrows(IllegalArgumentException.class, () -> new Rosenbrock().value(new double[3])).getMessage());
    }
}
