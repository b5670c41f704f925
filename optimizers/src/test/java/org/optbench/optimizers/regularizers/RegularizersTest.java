package org.optbench.optimizers.regularizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.optbench.optimizers.Objective;
import org.optbench.optimizers.ParameterLayout;
import org.optbench.optimizers.ParameterLayout.Block;
import org.optbench.optimizers.ParameterLayout.Kind;

/** The regularizer math and hooks, on numbers worked out by hand in the comments. */
class RegularizersTest {

    /** A 2 × 2 weight block (two units of fan-in 2) followed by a 2-unit bias block. */
    private static final ParameterLayout LAYER = new ParameterLayout(List.of(
            new Block("w", 0, 2, 2, Kind.WEIGHT), new Block("b", 4, 2, 1, Kind.BIAS)));

    @Test
    void seedExampleL2PrefersTheSpreadVector() {
        // Σθ²: 0.75² = 0.5625 and 0.25² + 0.5² + 0.25² = 0.375; all these values are exact in float
        ParameterLayout layout = ParameterLayout.allWeights(3);
        L2 l2 = new L2(1.0);
        assertEquals(0.5625, l2.penalty(new float[] {0, 0.75f, 0}, layout), 0);
        assertEquals(0.375, l2.penalty(new float[] {0.25f, 0.5f, 0.25f}, layout), 0);
    }

    @Test
    void seedExampleL1PrefersTheSparseVector() {
        // Σ|θ|: 0.75 and 0.25 + 0.5 + 0.25 = 1.0
        ParameterLayout layout = ParameterLayout.allWeights(3);
        L1 l1 = new L1(1.0);
        assertEquals(0.75, l1.penalty(new float[] {0, 0.75f, 0}, layout), 0);
        assertEquals(1.0, l1.penalty(new float[] {0.25f, 0.5f, 0.25f}, layout), 0);
    }

    @Test
    void l2SkipsBiasesUnlessAsked() {
        float[] theta = {1, -2, 0.5f, 0, 3, -4};
        // weights only: λ(1 + 4 + 0.25) = 0.1 · 5.25; with biases + 0.1 · 25
        assertEquals(0.525, new L2(0.1).penalty(theta, LAYER), 1e-12);
        assertEquals(3.025, new L2(0.1, true).penalty(theta, LAYER), 1e-12);
        float[] gradient = {1, 1, 1, 1, 1, 1};
        new L2(0.25).addGradient(theta, gradient, LAYER);
        // + 2 · 0.25 · θ on the weights: 1 + 0.5, 1 − 1, 1 + 0.25, 1 + 0; biases untouched
        assertArrayEquals(new float[] {1.5f, 0, 1.25f, 1, 1, 1}, gradient);
        float[] withBiases = {0, 0, 0, 0, 0, 0};
        new L2(0.25, true).addGradient(theta, withBiases, LAYER);
        assertArrayEquals(new float[] {0.5f, -1, 0.25f, 0, 1.5f, -2}, withBiases);
    }

    @Test
    void l1GradientIsTheSignAndZeroAtZero() {
        float[] theta = {1, -2, 0.5f, 0, 3, -4};
        assertEquals(0.35, new L1(0.1).penalty(theta, LAYER), 1e-12);
        assertEquals(1.05, new L1(0.1, true).penalty(theta, LAYER), 1e-12);
        float[] gradient = new float[6];
        new L1(0.5).addGradient(theta, gradient, LAYER);
        assertArrayEquals(new float[] {0.5f, -0.5f, 0.5f, 0, 0, 0}, gradient);
        float[] negativeZero = {-0f, 0f, 0, 0, 0, 0};
        float[] untouched = new float[6];
        new L1(0.5, true).addGradient(negativeZero, untouched, LAYER);
        assertArrayEquals(new float[6], untouched);
    }

    @Test
    void maxNormRescalesEachUnitAboveTheLimit() {
        // unit 0 has ‖(3, 4)‖ = 5 > 1 → (0.6, 0.8); unit 1 has ‖(0.3, 0.4)‖ = 0.5 ≤ 1 → unchanged; biases never
        float[] theta = {3, 4, 0.3f, 0.4f, 10, -10};
        new MaxNorm(1).project(theta, LAYER);
        assertArrayEquals(new float[] {0.6f, 0.8f, 0.3f, 0.4f, 10, -10}, theta, 1e-7f);
        // a unit exactly at the limit stays as it is
        float[] atLimit = {0.6f, 0.8f, 0, 0, 0, 0};
        new MaxNorm(1).project(atLimit, LAYER);
        assertArrayEquals(new float[] {0.6f, 0.8f, 0, 0, 0, 0}, atLimit);
    }

    @Test
    void dropoutKeepsAboutOneMinusPAndScalesTheKept() {
        // 100 000 draws at p = 0.25: the kept fraction is binomial with sd √(0.25 · 0.75 / 1e5) ≈ 0.0014;
        // 0.01 is seven standard deviations, so a fixed seed passes and a wrong p (or 1/p) cannot
        int n = 100_000;
        float[] activations = new float[n];
        Arrays.fill(activations, 2f);
        float[] mask = new float[n];
        new Dropout(0.25).apply(activations, mask, n, new SplittableRandom(42));
        int kept = 0;
        for (int i = 0; i < n; i++) {
            if (mask[i] != 0) {
                kept++;
                assertEquals(1 / 0.75f, mask[i], 0, "kept units are scaled by 1/(1 − p)");
                assertEquals(2 / 0.75f, activations[i], 1e-6f);
            } else {
                assertEquals(0, activations[i], 0);
            }
        }
        assertEquals(0.75, (double) kept / n, 0.01);
        // so the expected activation is unchanged: mean ≈ 2 within the same relative margin
        double mean = 0;
        for (float a : activations) {
            mean += a / n;
        }
        assertEquals(2, mean, 2 * 0.01 / 0.75);
    }

    @Test
    void dropoutIsReproducibleAndOnlyFillsTheGivenLength() {
        float[] first = new float[10];
        float[] second = new float[10];
        float[] ones = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
        float[] twos = ones.clone();
        new Dropout(0.5).apply(ones, first, 8, new SplittableRandom(7));
        new Dropout(0.5).apply(twos, second, 8, new SplittableRandom(7));
        assertArrayEquals(first, second);
        assertEquals(1, ones[8], 0);
        assertEquals(1, ones[9], 0);
    }

    @Test
    void dropoutWithZeroPIsTheIdentity() {
        float[] activations = {1.5f, -2, 0, 7};
        float[] mask = new float[4];
        new Dropout(0).apply(activations, mask, 4, new SplittableRandom(1));
        assertArrayEquals(new float[] {1.5f, -2, 0, 7}, activations);
        assertArrayEquals(new float[] {1, 1, 1, 1}, mask);
    }

    @Test
    void earlyStoppingOnLossWaitsPatienceEpochs() {
        EarlyStopping.Monitor monitor = new EarlyStopping(2, 0, EarlyStopping.Metric.VAL_LOSS).monitor();
        assertEquals(-1, monitor.bestEpoch());
        assertTrue(monitor.observe(0, 1.0));
        assertTrue(monitor.observe(1, 0.5));
        assertFalse(monitor.observe(2, 0.5), "an equal value is no improvement");
        assertFalse(monitor.shouldStop());
        assertTrue(monitor.observe(3, 0.25), "an improvement resets the count");
        assertFalse(monitor.observe(4, 0.75));
        assertFalse(monitor.shouldStop());
        assertFalse(monitor.observe(5, Double.NaN), "NaN never improves");
        assertTrue(monitor.shouldStop());
        assertEquals(3, monitor.bestEpoch());
        assertEquals(0.25, monitor.best(), 0);
    }

    @Test
    void earlyStoppingMinDeltaIsTheSmallestGainThatCounts() {
        // min_delta = 0.25 (exact in binary): 1.0 → 0.875 gains 0.125, not enough; → 0.75 gains exactly 0.25, enough
        EarlyStopping.Monitor monitor = new EarlyStopping(3, 0.25, EarlyStopping.Metric.VAL_LOSS).monitor();
        assertTrue(monitor.observe(0, 1.0));
        assertFalse(monitor.observe(1, 0.875));
        assertTrue(monitor.observe(2, 0.75));
        assertFalse(monitor.observe(3, 0.625));
        assertFalse(monitor.observe(4, 0.5625));
        assertFalse(monitor.shouldStop());
        assertFalse(monitor.observe(5, 0.53125));
        assertTrue(monitor.shouldStop());
        assertEquals(2, monitor.bestEpoch());
    }

    @Test
    void earlyStoppingOnAccuracyWantsItHigher() {
        EarlyStopping.Monitor monitor = new EarlyStopping(1, 0.0, EarlyStopping.Metric.VAL_ACCURACY).monitor();
        assertTrue(monitor.observe(0, 0.5));
        assertTrue(monitor.observe(1, 0.75));
        assertFalse(monitor.observe(2, 0.625), "lower accuracy is worse");
        assertTrue(monitor.shouldStop());
        assertEquals(1, monitor.bestEpoch());
        assertEquals(0.75, monitor.best(), 0);
        assertEquals(EarlyStopping.Metric.VAL_ACCURACY, EarlyStopping.Metric.parse("val_accuracy"));
    }

    @Test
    void penalizedAddsEveryPenaltyToLossAndGradient() {
        // base: f = Σ θ_i, gradient 1 everywhere; at θ = (1, −2, 0.5, 0 | 3, −4):
        // l2(0.1): 0.1 · 5.25 = 0.525, gradient + 0.2 θ on weights; l1(0.5): 0.5 · 3.5 = 1.75, + 0.5 sign θ
        Objective base = new Objective() {
            @Override
            public int dimension() {
                return 6;
            }

            @Override
            public double lossAndGradient(float[] point, float[] gradientOut) {
                double sum = 0;
                for (int i = 0; i < 6; i++) {
                    sum += point[i];
                    gradientOut[i] = 1;
                }
                return sum;
            }
        };
        RegularizerSet set = new RegularizerSet(List.of(new L2(0.1), new Dropout(0.5), new L1(0.5)));
        assertEquals(2, set.penalties().size());
        assertTrue(set.dropout().isPresent());
        assertTrue(set.earlyStopping().isEmpty());
        Objective penalized = set.penalized(base, LAYER);
        assertEquals(6, penalized.dimension());
        float[] gradient = new float[6];
        double loss = penalized.lossAndGradient(new float[] {1, -2, 0.5f, 0, 3, -4}, gradient);
        assertEquals(-1.5 + 0.525 + 1.75, loss, 1e-6);
        assertArrayEquals(new float[] {1 + 0.2f + 0.5f, 1 - 0.4f - 0.5f, 1 + 0.1f + 0.5f, 1, 1, 1}, gradient, 1e-6f);
        assertSame(base, RegularizerSet.none().penalized(base, LAYER));
        assertSame(base, new RegularizerSet(List.of(new MaxNorm(1))).penalized(base, LAYER));
    }

    @Test
    void afterUpdateAppliesEveryProjection() {
        float[] theta = {3, 4, 0.3f, 0.4f, 10, -10};
        new RegularizerSet(List.of(new L2(0.1), new MaxNorm(2.5), new MaxNorm(1))).afterUpdate(theta, LAYER);
        assertArrayEquals(new float[] {0.6f, 0.8f, 0.3f, 0.4f, 10, -10}, theta, 1e-7f);
        float[] untouched = {3, 4, 0, 0, 0, 0};
        RegularizerSet.none().afterUpdate(untouched, LAYER);
        assertArrayEquals(new float[] {3, 4, 0, 0, 0, 0}, untouched);
    }

    @Test
    void namesAreTheSpecNames() {
        assertEquals(List.of("l2", "l1", "max-norm", "dropout", "early-stopping"),
                List.of(new L2(0.1), new L1(0.1), new MaxNorm(1), new Dropout(0.1),
                        new EarlyStopping(1, 0, EarlyStopping.Metric.VAL_LOSS)).stream()
                        .map(Regularizer::name).toList());
    }
}
