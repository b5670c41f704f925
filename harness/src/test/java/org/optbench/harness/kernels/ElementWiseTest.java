package org.optbench.harness.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class ElementWiseTest {

    /** x = i, y = 1000·i: after the add, y[yo + i] = 1000·(yo + i) + (xo + i) exactly; outside the range, untouched. */
    @Test
    void addsTheRangeAndNothingElseAcrossVectorsAndTheTail() {
        for (int length : new int[] {0, 1, 7, 16, 37, 80}) {
            int xo = 3, yo = 5;
            float[] x = new float[xo + length + 4];
            float[] y = new float[yo + length + 4];
            float[] expected = new float[y.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = i;
            }
            for (int i = 0; i < y.length; i++) {
                y[i] = 1000f * i;
                expected[i] = i >= yo && i < yo + length ? 1000f * i + (xo + i - yo) : 1000f * i;
            }
            ElementWise.add(x, xo, y, yo, length);
            assertArrayEquals(expected, y, "length " + length);
        }
    }
}
