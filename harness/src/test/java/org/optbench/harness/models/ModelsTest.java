package org.optbench.harness.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.optbench.datasets.DataSplit;
import org.optbench.optimizers.Objective;
import org.optbench.optimizers.ParameterLayout.Block;
import org.optbench.optimizers.ParameterLayout.Kind;
import org.optbench.optimizers.regularizers.Dropout;

class ModelsTest {

    private static int[] identity(int count) {
        return IntStream.range(0, count).toArray();
    }

    @Test
    void scalarReluNetGivesTheSeedGradients() {
        // docs/math.md worked example 1: x = 1, y = 0, w1 = 1/3, w2 = 2 → ∂L/∂w1 = 8/3, ∂L/∂w2 = 4/9, L = (2/3)² = 4/9.
        DataSplit split = new DataSplit("train", 1, 1, new float[] {1f}, null, 1, new float[] {0f});
        ScalarReluNet net = new ScalarReluNet();
        float[] theta = {1f / 3, 2f};
        float[] gradient = new float[2];
        double loss = net.batch(split, new int[] {0}, 0, 1, new SplittableRandom(1)).lossAndGradient(theta, gradient);
        // float parameters: 1/3 is stored to 2^-25 relative, so 1e-6 covers the rounding of these few products.
        assertEquals(4.0 / 9, loss, 1e-6);
        assertEquals(8.0 / 3, gradient[0], 1e-6);
        assertEquals(4.0 / 9, gradient[1], 1e-6);
        // one sgd step with η = 0.1 gives (1/3 − 8η/3, 2 − 4η/9)
        float eta = 0.1f;
        assertEquals(1.0 / 3 - 8 * 0.1 / 3, theta[0] - eta * gradient[0], 1e-6);
        assertEquals(2 - 4 * 0.1 / 9, theta[1] - eta * gradient[1], 1e-6);
        assertEquals(4.0 / 9, net.evaluate(theta, split).loss(), 1e-6);
    }

    @Test
    void mlpBatchOfOneEqualsThePerSampleFormulaAndABatchIsTheMeanOfItsSamples() {
        int inputs = 4, hidden = 5, classes = 3, count = 6;
        DataSplit split = GradientCheckTest.classificationSplit(count, inputs, classes, 21);
        Mlp mlp = new Mlp(inputs, new int[] {hidden}, Activation.RELU, classes, OutputLoss.SOFTMAX_CROSS_ENTROPY, null);
        float[] theta = new float[mlp.dimension()];
        mlp.initialize(theta, new SplittableRandom(5));
        for (int i = 0; i < theta.length; i++) {
            theta[i] += 0.05f * (i % 7 - 3); // non-zero biases
        }
        int w1 = 0, b1 = hidden * inputs, w2 = b1 + hidden, b2 = w2 + classes * hidden;
        double[] meanGradient = new double[theta.length];
        double meanLoss = 0;
        for (int sample = 0; sample < count; sample++) {
            // The per-sample formulas of seed 000/003 written out in double.
            double[] x = new double[inputs];
            for (int k = 0; k < inputs; k++) {
                x[k] = split.features()[sample * inputs + k];
            }
            double[] z1 = new double[hidden];
            double[] a1 = new double[hidden];
            for (int u = 0; u < hidden; u++) {
                z1[u] = theta[b1 + u];
                for (int k = 0; k < inputs; k++) {
                    z1[u] += theta[w1 + u * inputs + k] * x[k];
                }
                a1[u] = Math.max(0, z1[u]);
            }
            double[] z2 = new double[classes];
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                z2[c] = theta[b2 + c];
                for (int u = 0; u < hidden; u++) {
                    z2[c] += theta[w2 + c * hidden + u] * a1[u];
                }
                max = Math.max(max, z2[c]);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += Math.exp(z2[c] - max);
            }
            int label = split.labels()[sample];
            double loss = Math.log(sum) + max - z2[label];
            double[] expected = new double[theta.length];
            double[] delta2 = new double[classes];
            for (int c = 0; c < classes; c++) {
                delta2[c] = Math.exp(z2[c] - max) / sum - (c == label ? 1 : 0);
                expected[b2 + c] = delta2[c];
                for (int u = 0; u < hidden; u++) {
                    expected[w2 + c * hidden + u] = delta2[c] * a1[u];
                }
            }
            for (int u = 0; u < hidden; u++) {
                double back = 0;
                for (int c = 0; c < classes; c++) {
                    back += theta[w2 + c * hidden + u] * delta2[c];
                }
                double delta1 = z1[u] > 0 ? back : 0;
                expected[b1 + u] = delta1;
                for (int k = 0; k < inputs; k++) {
                    expected[w1 + u * inputs + k] = delta1 * x[k];
                }
            }
            float[] gradient = new float[theta.length];
            double actual = mlp.batch(split, new int[] {sample}, 0, 1, null).lossAndGradient(theta, gradient);
            // float forward/backward of a 4-5-3 net against double: a few ulps of values of order 1.
            assertEquals(loss, actual, 1e-5, "loss of sample " + sample);
            for (int i = 0; i < theta.length; i++) {
                assertEquals(expected[i], gradient[i], 1e-5, "sample " + sample + ", parameter " + i);
                meanGradient[i] += expected[i] / count;
            }
            meanLoss += loss / count;
        }
        float[] gradient = new float[theta.length];
        double loss = mlp.batch(split, identity(count), 0, count, null).lossAndGradient(theta, gradient);
        assertEquals(meanLoss, loss, 1e-5);
        for (int i = 0; i < theta.length; i++) {
            assertEquals(meanGradient[i], gradient[i], 1e-5, "batch mean, parameter " + i);
        }
    }

    @Test
    void linearRegressionMatchesAHandComputedExample() {
        // ŷ = 2x + 1 on x = (1, 2), y = (3, 3): errors (0, 2), loss (0 + 4)/2 = 2, ∂w = (0·1 + 2·2·2)/2 = 4, ∂b = 2.
        DataSplit split = new DataSplit("train", 2, 1, new float[] {1, 2}, null, 1, new float[] {3, 3});
        LinearRegressionModel model = new LinearRegressionModel(1, 1);
        float[] theta = {2, 1};
        float[] gradient = new float[2];
        double loss = model.batch(split, identity(2), 0, 2, null).lossAndGradient(theta, gradient);
        assertEquals(2.0, loss, 1e-6);
        assertEquals(4.0, gradient[0], 1e-6);
        assertEquals(2.0, gradient[1], 1e-6);
        assertTrue(Double.isNaN(model.evaluate(theta, split).accuracy()));
    }

    @Test
    void softmaxRegressionAtZeroHasLossLogClassesAndTheTextbookGradient() {
        // W = 0, b = 0: p = 1/3 for each of 3 classes, loss ln 3; ∂W[c][k] = mean over examples of (p_c − [y = c]) x_k.
        DataSplit split = new DataSplit("train", 2, 2, new float[] {1, 2, -1, 0.5f}, new int[] {0, 2}, 0, null);
        SoftmaxRegression model = new SoftmaxRegression(2, 3);
        float[] theta = new float[model.dimension()];
        float[] gradient = new float[theta.length];
        double loss = model.batch(split, identity(2), 0, 2, null).lossAndGradient(theta, gradient);
        assertEquals(Math.log(3), loss, 1e-6);
        double third = 1.0 / 3;
        double[] expected = {
            ((third - 1) * 1 + third * -1) / 2, ((third - 1) * 2 + third * 0.5) / 2, // class 0 weights
            (third * 1 + third * -1) / 2, (third * 2 + third * 0.5) / 2, // class 1
            (third * 1 + (third - 1) * -1) / 2, (third * 2 + (third - 1) * 0.5) / 2, // class 2
            (third - 1 + third) / 2, (third + third) / 2, (third + third - 1) / 2, // biases
        };
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], gradient[i], 1e-6, "parameter " + i);
        }
    }

    @Test
    void softmaxIsStableForHugeLogits() {
        DataSplit split = new DataSplit("train", 1, 1, new float[] {1}, new int[] {1}, 0, null);
        SoftmaxRegression model = new SoftmaxRegression(1, 2);
        // logits (1000, 0): loss = log(e^1000 + 1) − 0 ≈ 1000, finite; a naive softmax would overflow to NaN.
        float[] theta = {1000, 0, 0, 0};
        float[] gradient = new float[4];
        double loss = model.batch(split, new int[] {0}, 0, 1, null).lossAndGradient(theta, gradient);
        assertEquals(1000.0, loss, 1e-3);
        assertEquals(1.0, gradient[0], 1e-6);
        assertEquals(-1.0, gradient[1], 1e-6);
    }

    @Test
    void dropoutMasksTrainingOnlyAndTheSameStreamGivesTheSameMask() {
        DataSplit split = GradientCheckTest.classificationSplit(20, 6, 3, 31);
        Mlp plain = new Mlp(6, new int[] {16}, Activation.RELU, 3, OutputLoss.SOFTMAX_CROSS_ENTROPY, null);
        Mlp dropping = new Mlp(6, new int[] {16}, Activation.RELU, 3, OutputLoss.SOFTMAX_CROSS_ENTROPY,
                new Dropout(0.5));
        float[] theta = new float[plain.dimension()];
        plain.initialize(theta, new SplittableRandom(3));
        // Evaluation: no dropout at all, so the dropout model equals the plain one exactly.
        assertEquals(plain.evaluate(theta, split), dropping.evaluate(theta, split));
        int[] order = identity(20);
        float[] gradient = new float[theta.length];
        double noMask = plain.batch(split, order, 0, 20, new SplittableRandom(8)).lossAndGradient(theta, gradient);
        double first = dropping.batch(split, order, 0, 20, new SplittableRandom(8)).lossAndGradient(theta, gradient);
        double again = dropping.batch(split, order, 0, 20, new SplittableRandom(8)).lossAndGradient(theta, gradient);
        Objective objective = dropping.batch(split, order, 0, 20, new SplittableRandom(8));
        double drawOne = objective.lossAndGradient(theta, gradient);
        double drawTwo = objective.lossAndGradient(theta, gradient);
        double otherStream = dropping.batch(split, order, 0, 20, new SplittableRandom(9)).lossAndGradient(theta, gradient);
        assertEquals(first, again, 0.0, "same stream, same mask");
        assertEquals(first, drawOne, 0.0);
        assertNotEquals(first, noMask, "training with p = 0.5 drops units");
        assertEquals(drawOne, drawTwo, 0.0, "every evaluation of one batch objective draws the same masks");
        assertNotEquals(first, otherStream, "another stream, another mask");
        // A dropped hidden unit passes no gradient: with p close to 1 most weight rows into the output are 0.
        Mlp heavy = new Mlp(6, new int[] {16}, Activation.RELU, 3, OutputLoss.SOFTMAX_CROSS_ENTROPY,
                new Dropout(0.999));
        float[] heavyGradient = new float[theta.length];
        heavy.batch(split, order, 0, 1, new SplittableRandom(8)).lossAndGradient(theta, heavyGradient);
        int zeroRows = 0;
        int w2 = 16 * 6 + 16;
        for (int u = 0; u < 16; u++) {
            boolean zero = true;
            for (int c = 0; c < 3; c++) {
                zero &= heavyGradient[w2 + c * 16 + u] == 0f;
            }
            zeroRows += zero ? 1 : 0;
        }
        assertTrue(zeroRows >= 14, zeroRows + " of 16 hidden units passed no gradient");
    }

    /** Five steps of momentum SGD; the parameters after them. */
    private static float[] train(BatchModel model, DataSplit split, int threads) {
        model.setThreads(threads);
        float[] theta = new float[model.dimension()];
        model.initialize(theta, new SplittableRandom(42));
        float[] velocity = new float[theta.length];
        float[] gradient = new float[theta.length];
        int[] order = identity(split.count());
        SplittableRandom dropout = new SplittableRandom(7);
        int batch = 37; // odd on purpose: tails of every tile
        for (int step = 0; step < 5; step++) {
            int from = (step * batch) % (split.count() - batch);
            model.batch(split, order, from, from + batch, dropout).lossAndGradient(theta, gradient);
            for (int i = 0; i < theta.length; i++) {
                velocity[i] = 0.9f * velocity[i] - 0.05f * gradient[i];
                theta[i] += velocity[i];
            }
        }
        return theta;
    }

    @Test
    void parametersAfterTrainingAreBitwiseIdenticalOnOneTwoAndThreeThreads() {
        DataSplit split = GradientCheckTest.classificationSplit(200, 784, 10, 41);
        Mlp mlp = new Mlp(784, new int[] {96, 40}, Activation.TANH, 10, OutputLoss.SOFTMAX_CROSS_ENTROPY,
                new Dropout(0.2));
        float[] mlpOne = train(mlp, split, 1);
        assertArrayEquals(mlpOne, train(mlp, split, 2));
        assertArrayEquals(mlpOne, train(mlp, split, 3));
        Cnn cnn = new Cnn(4, 8, 32, 10, new Dropout(0.2));
        float[] cnnOne = train(cnn, split, 1);
        assertArrayEquals(cnnOne, train(cnn, split, 2));
        assertArrayEquals(cnnOne, train(cnn, split, 3));
    }

    @Test
    void layoutsNameWeightAndBiasBlocksRowPerUnit() {
        Mlp mlp = new Mlp(784, new int[] {128}, Activation.RELU, 10, OutputLoss.SOFTMAX_CROSS_ENTROPY, null);
        assertEquals(List.of(
                new Block("dense0.weight", 0, 128, 784, Kind.WEIGHT),
                new Block("dense0.bias", 100352, 128, 1, Kind.BIAS),
                new Block("dense1.weight", 100480, 10, 128, Kind.WEIGHT),
                new Block("dense1.bias", 101760, 10, 1, Kind.BIAS)), mlp.layout().blocks());
        assertEquals(101770, mlp.dimension());
        Cnn cnn = new Cnn();
        List<Block> blocks = cnn.layout().blocks();
        assertEquals(new Block("conv1.weight", 0, 16, 25, Kind.WEIGHT), blocks.get(0));
        assertEquals(new Block("conv2.weight", 416, 32, 400, Kind.WEIGHT), blocks.get(2));
        assertEquals(new Block("dense0.weight", 416 + 12800 + 32, 128, 512, Kind.WEIGHT), blocks.get(4));
        // 416 + 12832 + 65664 + 1290
        assertEquals(80202, cnn.dimension());
    }

    @Test
    void initializationIsSeededHeForReluGlorotOtherwiseAndZeroBias() {
        Mlp mlp = new Mlp(784, new int[] {128}, Activation.RELU, 10, OutputLoss.SOFTMAX_CROSS_ENTROPY, null);
        float[] one = new float[mlp.dimension()];
        float[] two = new float[mlp.dimension()];
        mlp.initialize(one, new SplittableRandom(9));
        mlp.initialize(two, new SplittableRandom(9));
        assertArrayEquals(one, two);
        double sumSquares = 0;
        for (int i = 0; i < 100352; i++) {
            sumSquares += one[i] * one[i];
        }
        // He: variance 2/784; the sample variance of 100,352 draws is within 2% of it (its relative std is 0.45%).
        assertEquals(2.0 / 784, sumSquares / 100352, 0.02 * 2.0 / 784);
        double limit = Math.sqrt(6.0 / (128 + 10));
        double largest = 0;
        sumSquares = 0;
        for (int i = 100480; i < 101760; i++) {
            largest = Math.max(largest, Math.abs(one[i]));
            sumSquares += one[i] * one[i];
        }
        // Glorot uniform on ±limit: variance limit²/3 (1,280 draws: relative std of the estimate about 4%).
        assertTrue(largest <= limit);
        assertEquals(limit * limit / 3, sumSquares / 1280, 0.15 * limit * limit / 3);
        for (int i = 100352; i < 100480; i++) {
            assertEquals(0f, one[i]);
        }
    }

    @Test
    void evaluationCountsAccuracyAcrossChunks() {
        // 2,500 examples: three evaluation chunks of 1,000. A 1-feature softmax that predicts class 1 iff x > 0.
        int count = 2500;
        float[] x = new float[count];
        int[] labels = new int[count];
        int correct = 0;
        for (int i = 0; i < count; i++) {
            x[i] = (i % 5) - 2f; // -2, -1, 0, 1, 2
            labels[i] = i % 3 == 0 ? 1 : 0;
            int predicted = x[i] > 0 ? 1 : 0;
            correct += predicted == labels[i] ? 1 : 0;
        }
        DataSplit split = new DataSplit("test", count, 1, x, labels, 0, null);
        SoftmaxRegression model = new SoftmaxRegression(1, 2);
        float[] theta = {-1, 1, 0.5f, -0.5f}; // z1 − z0 = 2x − 1: class 1 iff x > 0.5, i.e. x ∈ {1, 2}
        Evaluation evaluation = model.evaluate(theta, split);
        assertEquals((double) correct / count, evaluation.accuracy(), 1e-12);
        double loss = 0;
        for (int i = 0; i < count; i++) {
            double z0 = -x[i] + 0.5, z1 = x[i] - 0.5;
            double max = Math.max(z0, z1);
            double logSum = max + Math.log(Math.exp(z0 - max) + Math.exp(z1 - max));
            loss += logSum - (labels[i] == 1 ? z1 : z0);
        }
        assertEquals(loss / count, evaluation.loss(), 1e-6);
    }

    @Test
    void evaluationInSlicesIsBitwiseTheOnePassResult() {
        // A 1,000-row split is one evaluation chunk, whose forward pass runs in slices of DenseStack.FORWARD_SLICE
        // rows. The reference is the training path over the same 1,000 rows, one pass of width 1,000 (a gradient is
        // asked for, so it is never sliced): its mean loss, times and divided by 1,000 as evaluate() does, must be the
        // same double, and the accuracy must be the count of rows whose 1-row evaluation is right (a 1-row pass
        // shares nothing with its neighbours). Both for softmax cross-entropy and for the mean squared error.
        int count = 1000;
        int inputs = 20;
        SplittableRandom random = new SplittableRandom(41);
        float[] x = new float[count * inputs];
        int[] labels = new int[count];
        float[] targets = new float[count * 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < count; i++) {
            labels[i] = random.nextInt(4);
        }
        for (int i = 0; i < targets.length; i++) {
            targets[i] = (float) random.nextGaussian();
        }
        assertTrue(count > DenseStack.FORWARD_SLICE && count % DenseStack.FORWARD_SLICE != 0,
                "the chunk must span several slices and end in a partial one");
        DataSplit classes = new DataSplit("classes", count, inputs, x, labels, 0, null);
        DataSplit values = new DataSplit("values", count, inputs, x, null, 3, targets);
        Mlp classifier = new Mlp(inputs, new int[] {33, 17}, Activation.RELU, 4, OutputLoss.SOFTMAX_CROSS_ENTROPY,
                null);
        Mlp regression = new Mlp(inputs, new int[] {9}, Activation.TANH, 3, OutputLoss.MEAN_SQUARED_ERROR, null);
        for (Mlp model : List.of(classifier, regression)) {
            DataSplit split = model == classifier ? classes : values;
            float[] theta = new float[model.dimension()];
            model.initialize(theta, new SplittableRandom(5));
            double onePass = model.batch(split, identity(count), 0, count, null)
                    .lossAndGradient(theta, new float[model.dimension()]);
            Evaluation evaluation = model.evaluate(theta, split);
            assertEquals(onePass * count / count, evaluation.loss(), 0.0, "loss of " + split.name());
            if (model == classifier) {
                assertEquals(oneRowAccuracy(model, theta, x, labels, inputs), evaluation.accuracy(), 0.0);
            }
        }
    }

    @Test
    void evaluationOverSeveralChunksWithPaddedSlicesIsBitwiseThePerChunkOnePassResult() {
        // 2,500 rows: evaluation chunks of 1,000, 1,000 and 500 rows, each ending in a slice that is not a multiple
        // of a panel (1,000 = 15 · 64 + 40, 500 = 7 · 64 + 52), which is padded with zero rows. evaluate() sums each
        // chunk's mean loss times its size and divides by the row count; the reference does the same with the
        // training path's unsliced pass over each chunk's rows. The accuracy must be the count of rows whose 1-row
        // evaluation is right.
        int count = 2500;
        int inputs = 12;
        SplittableRandom random = new SplittableRandom(43);
        float[] x = new float[count * inputs];
        int[] labels = new int[count];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < count; i++) {
            labels[i] = random.nextInt(5);
        }
        DataSplit split = new DataSplit("classes", count, inputs, x, labels, 0, null);
        Mlp model = new Mlp(inputs, new int[] {40, 7}, Activation.RELU, 5, OutputLoss.SOFTMAX_CROSS_ENTROPY, null);
        int chunk = model.evaluationChunk();
        assertTrue(count > 2 * chunk && chunk % DenseStack.PANEL != 0 && count % chunk % DenseStack.PANEL != 0,
                "several chunks, each ending in a slice that must be padded");
        float[] theta = new float[model.dimension()];
        model.initialize(theta, new SplittableRandom(6));
        int[] order = identity(count);
        double lossSum = 0;
        for (int start = 0; start < count; start += chunk) {
            int size = Math.min(chunk, count - start);
            lossSum += model.batch(split, order, start, start + size, null)
                    .lossAndGradient(theta, new float[model.dimension()]) * size;
        }
        Evaluation evaluation = model.evaluate(theta, split);
        assertEquals(lossSum / count, evaluation.loss(), 0.0);
        assertEquals(oneRowAccuracy(model, theta, x, labels, inputs), evaluation.accuracy(), 0.0);
    }

    /**
     * The fraction of rows that {@code model} classifies right when each is evaluated alone, as a split of one row:
     * a 1-row pass shares nothing with its neighbours, so this is what any chunked or sliced evaluation must give.
     */
    private static double oneRowAccuracy(Model model, float[] theta, float[] x, int[] labels, int inputs) {
        int hits = 0;
        for (int i = 0; i < labels.length; i++) {
            DataSplit row = new DataSplit("row", 1, inputs, java.util.Arrays.copyOfRange(x, i * inputs,
                    (i + 1) * inputs), new int[] {labels[i]}, 0, null);
            hits += (int) model.evaluate(theta, row).accuracy();
        }
        return (double) hits / labels.length;
    }

    @Test
    void mismatchedDataGetsOneClearMessage() {
        DataSplit images = GradientCheckTest.classificationSplit(3, 10, 2, 1);
        Mlp mlp = new Mlp(784, new int[] {8}, Activation.RELU, 10, OutputLoss.SOFTMAX_CROSS_ENTROPY, null);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> mlp.evaluate(new float[mlp.dimension()], images));
        assertEquals("mlp: the model expects 784 input features but split train has 10; pick a model built for "
                + "this data set", error.getMessage());
        DataSplit regression = GradientCheckTest.regressionSplit(3, 1, 1, 1);
        error = assertThrows(IllegalArgumentException.class,
                () -> new SoftmaxRegression(1, 2).batch(regression, new int[] {0}, 0, 1, null));
        assertEquals("softmax: the model is a classifier but split train has real-valued targets; use a regression "
                + "model (linear, or mlp with loss=mse)", error.getMessage());
        error = assertThrows(IllegalArgumentException.class, () -> Activation.parse("gelu"));
        assertEquals("mlp: activation must be one of relu, sigmoid, tanh, got gelu", error.getMessage());
    }
}
