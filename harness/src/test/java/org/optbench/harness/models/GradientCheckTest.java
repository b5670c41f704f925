package org.optbench.harness.models;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.optbench.datasets.DataSplit;
import org.optbench.optimizers.Objective;
import org.optbench.optimizers.regularizers.Dropout;

/**
 * Central finite differences against the analytic gradient for every layer, activation and loss, the CNN
 * included, with dropout on and its mask fixed (a fresh dropout stream with the same seed for every evaluation).
 *
 * <p>The models compute in float. With step h = 1e-3 the central difference has truncation error O(h²) ≈ 1e-6
 * and rounding error about (float ε · |loss| · a few) / 2h ≈ 1e-5 (measured: agreement to 1e-6 on smooth
 * activations); the tolerance {@code 5e-5 + 1e-2 · |g|} is above that and below any real mistake (a missing
 * factor, a transposed index, a sign): every block must have a gradient of at least 20 times the absolute
 * tolerance, so a 10% error in a block shows. Where a ReLU or max-pool kink lies inside [θ − h, θ + h] the one-sided slopes disagree; such
 * parameters are skipped (at most 5% of them) rather than compared.
 */
class GradientCheckTest {

    private static final double STEP = 1e-3;
    private static final double TOLERANCE_ABSOLUTE = 5e-5;
    /**
     * The CNN's loss sums thousands of float products per example: measured rounding noise of the loss is about
     * 6e-7, i.e. 3e-4 in a central difference with h = 1e-3, plus small slope changes from the many pooling and
     * ReLU kinks near the ±h interval.
     */
    private static final double TOLERANCE_CNN = 1e-3;
    private static final double TOLERANCE_RELATIVE = 1e-2;

    static DataSplit classificationSplit(int count, int features, int classes, long seed) {
        return classificationSplit(count, features, classes, seed, 2);
    }

    /** Features uniform in [−scale, scale]: large enough that every layer's gradient is well above the tolerance. */
    static DataSplit classificationSplit(int count, int features, int classes, long seed, double scale) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[count * features];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) ((random.nextDouble() * 2 - 1) * scale);
        }
        int[] labels = IntStream.range(0, count).map(i -> random.nextInt(classes)).toArray();
        return new DataSplit("train", count, features, x, labels, 0, null);
    }

    static DataSplit regressionSplit(int count, int features, int targets, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[count * features];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (random.nextDouble() * 2 - 1);
        }
        float[] y = new float[count * targets];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return new DataSplit("train", count, features, x, null, targets, y);
    }

    /** Checks every parameter (or every {@code stride}-th) of {@code model} on the whole split. */
    static void check(Model model, DataSplit split, long initSeed, int stride) {
        check(model, split, initSeed, stride, TOLERANCE_ABSOLUTE);
    }

    static void check(Model model, DataSplit split, long initSeed, int stride, double toleranceAbsolute) {
        float[] theta = new float[model.dimension()];
        model.initialize(theta, new SplittableRandom(initSeed));
        // Non-zero biases so that the bias paths are exercised away from the symmetric start.
        SplittableRandom jitter = new SplittableRandom(initSeed + 1);
        for (var block : model.layout().blocks()) {
            if (block.kind() == org.optbench.optimizers.ParameterLayout.Kind.BIAS) {
                for (int i = 0; i < block.size(); i++) {
                    theta[block.offset() + i] = (float) (jitter.nextDouble() * 0.2 - 0.1);
                }
            }
        }
        int[] order = IntStream.range(0, split.count()).toArray();
        float[] gradient = new float[theta.length];
        objective(model, split, order).lossAndGradient(theta, gradient);
        float[] scratch = new float[theta.length];
        double center = objective(model, split, order).lossAndGradient(theta, scratch);
        int mismatches = 0;
        int kinks = 0;
        int checked = 0;
        StringBuilder report = new StringBuilder();
        for (int i = 0; i < theta.length; i += stride) {
            float saved = theta[i];
            theta[i] = (float) (saved + STEP);
            double plus = objective(model, split, order).lossAndGradient(theta, scratch);
            double upper = theta[i];
            theta[i] = (float) (saved - STEP);
            double minus = objective(model, split, order).lossAndGradient(theta, scratch);
            double lower = theta[i];
            theta[i] = saved;
            double right = (plus - center) / (upper - saved);
            double left = (center - minus) / (saved - lower);
            checked++;
            if (Math.abs(right - left) > 0.1 * Math.max(Math.abs(right), Math.abs(left)) + 1e-3) {
                // A ReLU or max-pool kink inside [θ − h, θ + h]: the one-sided slopes disagree and a central
                // difference means nothing there. Counted, and bounded below.
                kinks++;
                continue;
            }
            double numeric = (plus - minus) / (upper - lower);
            double analytic = gradient[i];
            if (Math.abs(numeric - analytic) > toleranceAbsolute + TOLERANCE_RELATIVE * Math.abs(analytic)) {
                mismatches++;
                report.append(String.format("%n  parameter %d: analytic %.6g, numeric %.6g", i, analytic, numeric));
            }
        }
        assertTrue(kinks <= checked / 20, kinks + " of " + checked + " parameters sit on a kink");
        assertTrue(mismatches == 0, mismatches + " gradient mismatches:" + report);
        // Guard against a vacuous check: every block must have gradients well above the absolute tolerance.
        for (var block : model.layout().blocks()) {
            double largest = 0;
            for (int i = 0; i < block.size(); i++) {
                largest = Math.max(largest, Math.abs(gradient[block.offset() + i]));
            }
            assertTrue(largest > 20 * toleranceAbsolute, "block " + block.name() + " has gradients of at most " + largest
                    + ": the check would not notice a wrong one");
        }
    }

    /** A fresh objective with a fresh dropout stream of a fixed seed: the same mask on every evaluation. */
    private static Objective objective(Model model, DataSplit split, int[] order) {
        return model.batch(split, order, 0, order.length, new SplittableRandom(99));
    }

    @Test
    void mlpWithEachActivationAndSoftmaxCrossEntropy() {
        DataSplit split = classificationSplit(7, 5, 3, 1);
        for (Activation activation : Activation.values()) {
            check(new Mlp(5, new int[] {6, 4}, activation, 3, OutputLoss.SOFTMAX_CROSS_ENTROPY, null), split, 11, 1);
        }
    }

    @Test
    void mlpWithEachActivationAndSquaredError() {
        DataSplit split = regressionSplit(6, 4, 2, 2);
        for (Activation activation : Activation.values()) {
            check(new Mlp(4, new int[] {5}, activation, 2, OutputLoss.MEAN_SQUARED_ERROR, null), split, 12, 1);
        }
    }

    @Test
    void mlpWithDropoutOnEveryHiddenLayer() {
        DataSplit split = classificationSplit(9, 5, 3, 3);
        for (Activation activation : Activation.values()) {
            check(new Mlp(5, new int[] {8, 6}, activation, 3, OutputLoss.SOFTMAX_CROSS_ENTROPY, new Dropout(0.3)),
                    split, 13, 1);
        }
    }

    @Test
    void linearAndSoftmaxRegression() {
        check(new LinearRegressionModel(3, 2), regressionSplit(5, 3, 2, 4), 14, 1);
        check(new SoftmaxRegression(4, 3), classificationSplit(8, 4, 3, 5), 15, 1);
    }

    @Test
    void cnnEveryLayerWithDropout() {
        DataSplit split = classificationSplit(3, 28 * 28, 3, 6, 4);
        check(new Cnn(2, 3, 8, 3, null), split, 16, 1, TOLERANCE_CNN);
        check(new Cnn(2, 3, 8, 3, new Dropout(0.25)), split, 16, 1, TOLERANCE_CNN);
    }

    @Test
    void scalarReluNet() {
        check(new ScalarReluNet(), regressionSplit(5, 1, 1, 7), 17, 1);
    }
}
