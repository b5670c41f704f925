package org.optbench.harness.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PoolingTest {

    /** One example, a 4×4 map with 2 channels, worked by hand (bias 0.5 on channel 0, −1 on channel 1). */
    @Test
    void poolsAddsTheBiasRectifiesAndRecordsTheWinnerOnAHandWorkedMap() {
        int side = 4, channels = 2;
        // map[(y·4 + x)·2 + c]; channel 0 = 10y + x, channel 1 = −(10y + x) except a tie and a lone positive.
        float[] map = new float[side * side * channels];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                map[(y * side + x) * channels] = 10 * y + x;
                map[(y * side + x) * channels + 1] = -(10 * y + x);
            }
        }
        map[(0 * side + 2) * channels + 1] = 3f; // window (0, 1), channel 1: inputs (0,2) = 3 and (0,3) = 3 tie
        map[(0 * side + 3) * channels + 1] = 3f;
        map[(3 * side + 3) * channels + 1] = 0.5f; // window (1, 1), channel 1: max 0.5, plus bias −1 → cut by ReLU
        float[] parameters = {9f, 0.5f, -1f}; // bias at offset 1
        float[] out = new float[4 * channels];
        int[] winner = new int[4 * channels];
        Pooling.maxPoolBiasRelu(map, 0, 1, side, channels, parameters, 1, out, winner);
        // Channel 0: the window's bottom-right input (y = 2py + 1, x = 2px + 1) wins, value 10y + x + 0.5.
        // Channel 1, window (0, 0): max −0 = 0 at (0, 0), 0 − 1 ≤ 0 → cut; window (0, 1): the tie 3 goes to the
        // first input (0, 2), 3 − 1 = 2; window (1, 0): max −20 → cut; window (1, 1): 0.5 − 1 → cut.
        assertArrayEquals(new float[] {11.5f, 0f, 13.5f, 2f, 31.5f, 0f, 33.5f, 0f}, out);
        assertArrayEquals(new int[] {(1 * side + 1) * 2, -1, (1 * side + 3) * 2, (0 * side + 2) * 2 + 1,
                (3 * side + 1) * 2, -1, (3 * side + 3) * 2, -1}, winner);
    }

    /**
     * The vector pass against the scalar pass on random maps drawn from a few values (so ties are common), with NaN
     * and ±0 mixed in, for channel counts below, at and between vector widths, over a range of examples that starts
     * past 0: outputs and winners must be identical, and nothing outside the range may be written.
     */
    @Test
    void vectorPassGivesTheScalarPassesOutputsAndWinnersIncludingTiesAndNaN() {
        SplittableRandom random = new SplittableRandom(3);
        float[] pool = {-1f, -0f, 0f, 0.25f, 0.25f, 1f, 2f, Float.NaN};
        for (int channels : new int[] {1, 3, 8, 16, 20, 32, 35}) {
            for (int side : new int[] {2, 8, 24}) {
                int examples = 5;
                float[] map = new float[examples * side * side * channels];
                for (int i = 0; i < map.length; i++) {
                    map[i] = pool[random.nextInt(pool.length)];
                }
                float[] parameters = new float[channels + 2];
                for (int c = 0; c < parameters.length; c++) {
                    parameters[c] = pool[random.nextInt(pool.length - 1)] - 0.5f;
                }
                int pooled = examples * (side / 2) * (side / 2) * channels;
                float[] out = new float[pooled];
                int[] winner = new int[pooled];
                float[] expectedOut = new float[pooled];
                int[] expectedWinner = new int[pooled];
                java.util.Arrays.fill(out, 7f);
                java.util.Arrays.fill(expectedOut, 7f);
                Pooling.maxPoolBiasRelu(map, 1, 4, side, channels, parameters, 2, out, winner);
                Pooling.maxPoolBiasReluScalar(map, 1, 4, side, channels, parameters, 2, expectedOut, expectedWinner);
                String what = "channels=" + channels + " side=" + side;
                assertArrayEquals(expectedOut, out, what);
                assertArrayEquals(expectedWinner, winner, what);
            }
        }
    }

    /**
     * Backward on the hand-worked map of the first test: the winners found there get the pooled gradients (10, 20,
     * …), every other map entry 0, and the bias gradients are the routed sums: channel 0 all four (10 + 30 + 50 + 70),
     * channel 1 only window (0, 1) (40).
     */
    @Test
    void unpoolRoutesToTheWinnersAndSumsTheBiasGradient() {
        int side = 4, channels = 2;
        int[] winner = {10, -1, 14, 5, 26, -1, 30, -1};
        float[] pooledGradient = {10f, 20f, 30f, 40f, 50f, 60f, 70f, 80f};
        float[] map = new float[side * side * channels];
        java.util.Arrays.fill(map, 9f);
        float[] gradient = {5f, 5f, 5f, 5f};
        Pooling.route(pooledGradient, winner, 0, 1, side, channels, map);
        Pooling.routedSums(pooledGradient, winner, 1, side, channels, gradient, 1);
        float[] expected = new float[map.length];
        expected[10] = 10f;
        expected[14] = 30f;
        expected[5] = 40f;
        expected[26] = 50f;
        expected[30] = 70f;
        assertArrayEquals(expected, map);
        assertArrayEquals(new float[] {5f, 160f, 40f, 5f}, gradient);
    }

    /**
     * The backward in two halves (routing example range by range, then the bias sums over the batch) against the
     * scalar one-pass backward, on winners the forward pass recorded for random maps (ties, NaN, cut outputs), with
     * gradients that include ±0 and NaN: map and bias gradients identical bit for bit.
     */
    @Test
    void routingByExamplesAndRoutedSumsGiveTheOnePassScalarBackward() {
        SplittableRandom random = new SplittableRandom(4);
        float[] pool = {-1f, -0f, 0f, 0.25f, 0.25f, 1f, 2f, Float.NaN};
        for (int channels : new int[] {1, 3, 16, 20, 32, 35}) {
            for (int side : new int[] {2, 8, 24}) {
                int examples = 3;
                float[] map = new float[examples * side * side * channels];
                for (int i = 0; i < map.length; i++) {
                    map[i] = pool[random.nextInt(pool.length)];
                }
                float[] parameters = new float[channels];
                int pooled = examples * (side / 2) * (side / 2) * channels;
                int[] winner = new int[pooled];
                Pooling.maxPoolBiasReluScalar(map, 0, examples, side, channels, parameters, 0, new float[pooled],
                        winner);
                float[] pooledGradient = new float[pooled];
                for (int i = 0; i < pooled; i++) {
                    pooledGradient[i] = random.nextInt(10) == 0 ? pool[random.nextInt(pool.length)]
                            : (float) random.nextGaussian();
                }
                float[] mapGradient = new float[map.length];
                float[] expectedMap = new float[map.length];
                java.util.Arrays.fill(mapGradient, 3f);
                java.util.Arrays.fill(expectedMap, 3f);
                float[] gradient = new float[channels + 1];
                float[] expectedGradient = new float[channels + 1];
                Pooling.route(pooledGradient, winner, 1, examples, side, channels, mapGradient);
                Pooling.route(pooledGradient, winner, 0, 1, side, channels, mapGradient);
                Pooling.routedSums(pooledGradient, winner, examples, side, channels, gradient, 1);
                Pooling.unpoolScalar(pooledGradient, winner, examples, side, channels, expectedMap, expectedGradient,
                        1);
                String what = "channels=" + channels + " side=" + side;
                assertArrayEquals(expectedMap, mapGradient, what);
                assertArrayEquals(expectedGradient, gradient, what);
            }
        }
    }
}
