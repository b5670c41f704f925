package org.optbench.harness.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class LandscapeBoundsTest {
    // Exact arithmetic on small decimals: 1e-12 only absorbs the binary rounding of 0.1 * span.
    private static final double TOLERANCE = 1e-12;

    @Test
    void aStartOutsideTheWindowWidensItWithAMargin() {
        // Quadratic's window [-1.5, 1.5]^2, start (3, 3): x widens to [-1.5, 3], span 4.5, margin 0.45 -> 3.45.
        double[] bounds = ExperimentRunner.landscapeBounds(new double[] {-1.5, 1.5, -1.5, 1.5}, new double[] {3, 3});
        assertArrayEquals(new double[] {-1.5, 3.45, -1.5, 3.45}, bounds, TOLERANCE);
    }

    @Test
    void aStartBelowTheWindowWidensOnlyThatSide() {
        // 1-D window [-2, 2], start -4: [-4, 2], span 6, margin 0.6 -> [-4.6, 2].
        assertArrayEquals(new double[] {-4.6, 2}, ExperimentRunner.landscapeBounds(new double[] {-2, 2},
                new double[] {-4}), TOLERANCE);
        // Second axis only: window x1 [0, 1], start x1 = 2 -> [0, 2.2]; x0 inside stays.
        assertArrayEquals(new double[] {-1, 1, 0, 2.2}, ExperimentRunner.landscapeBounds(
                new double[] {-1, 1, 0, 1}, new double[] {0.5, 2}), TOLERANCE);
    }

    @Test
    void aStartInsideTheWindowLeavesItAlone() {
        assertArrayEquals(new double[] {-2, 2, -1, 3}, ExperimentRunner.landscapeBounds(
                new double[] {-2, 2, -1, 3}, new double[] {-1.5, 2}), 0);
    }
}
