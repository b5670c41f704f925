package org.optbench.harness.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.optbench.harness.kernels.ElementWise;
import org.optbench.harness.kernels.MatMul;
import org.optbench.harness.kernels.Pooling;
import org.optbench.optimizers.ParameterLayout;
import org.optbench.optimizers.ParameterLayout.Block;
import org.optbench.optimizers.ParameterLayout.Kind;
import org.optbench.optimizers.regularizers.Dropout;

/**
 * A small LeNet-style network for 28×28×1 images:
 * {@code conv 5×5 (1→c1) + ReLU + max-pool 2×2 → conv 5×5 (c1→c2) + ReLU + max-pool 2×2 → dense (16·c2→d) + ReLU
 * → dense (d→classes) + softmax cross-entropy}. Convolutions are "valid" (no padding, stride 1): 28→24→12→8→4.
 * The defaults {@code c1 = 16, c2 = 32, d = 128} reach about 99% on MNIST in a few epochs (docs/performance.md).
 *
 * <p>Each convolution is a matrix product (im2col): the patches of every output pixel form the rows of a matrix, so
 * {@code Y = patches · Wᵀ}; backward {@code ∇W = ∇Yᵀ · patches} and {@code ∇patches = ∇Y · W}, scattered back
 * (col2im). The forward products and ∇patches run one example at a time, right after im2col or right before col2im,
 * so the example's patches stay in L2; the weight gradients are products over the whole batch (one chain per element
 * over all its pixels). Feature maps are stored pixel-major with channels innermost (NHWC). The bias and ReLU are
 * applied inside the pooling pass (max-pool commutes with adding a per-channel constant and with ReLU), so neither
 * costs a pass of its own.
 *
 * <p>Layout: {@code conv1.weight} [c1][25], {@code conv1.bias}, {@code conv2.weight} [c2][25·c1], {@code conv2.bias},
 * then {@code dense0.*}, {@code dense1.*} as in {@link Mlp}. A convolution row (one output channel) holds its 5×5×c_in
 * incoming weights ordered kernel row, kernel column, input channel. He initialization for layers feeding a ReLU,
 * Glorot for the output layer, biases 0. Dropout, if given, applies to the dense hidden layer.
 */
public final class Cnn extends BatchModel {

    private static final int SIDE = 28;
    private static final int KERNEL = 5;
    private static final int SIDE1 = SIDE - KERNEL + 1; // 24
    private static final int POOLED1 = SIDE1 / 2; // 12
    private static final int SIDE2 = POOLED1 - KERNEL + 1; // 8
    private static final int POOLED2 = SIDE2 / 2; // 4
    private static final int PATCH1 = KERNEL * KERNEL;
    /**
     * Products inside a per-example pass, which already runs on its own thread: one thread each. Only
     * {@link MatMul#multiply} is used on it, which keeps no state, so all threads share this instance.
     */
    private static final MatMul SERIAL = new MatMul(1);

    private final int channels1;
    private final int channels2;
    private final int patch2;
    private final int conv1Weight;
    private final int conv1Bias;
    private final int conv2Weight;
    private final int conv2Bias;
    private final DenseStack dense;
    private final ParameterLayout layout;

    private int capacity;
    private float[] columns1;
    private float[] conv1;
    private float[] pooled1;
    private int[] argmax1;
    private float[] columns2;
    private float[] conv2;
    private float[] pooled2;
    private int[] argmax2;
    private float[] denseGradient;
    private float[] conv2Gradient;
    private float[] columns2Gradient;
    private float[] pooled1Gradient;
    private float[] conv1Gradient;
    private final float[] conv1WeightTransposed;
    private final float[] conv2WeightTransposed;
    private final float[] conv1GradientTransposed;

    /** The default network: 16 and 32 channels, 128 dense units, 10 classes, no dropout. */
    public Cnn() {
        this(16, 32, 128, 10, null, 1);
    }

    /**
     * @param channels1 output channels of the first convolution
     * @param channels2 output channels of the second convolution
     * @param denseUnits units of the dense hidden layer
     * @param classes number of classes
     * @param dropoutOrNull dropout on the dense hidden layer, or null
     */
    public Cnn(int channels1, int channels2, int denseUnits, int classes, Dropout dropoutOrNull) {
        this(channels1, channels2, denseUnits, classes, dropoutOrNull, 1);
    }

    /** As {@link #Cnn(int, int, int, int, Dropout)} with {@code threads} per matrix product. */
    public Cnn(int channels1, int channels2, int denseUnits, int classes, Dropout dropoutOrNull, int threads) {
        super("cnn", threads);
        if (channels1 < 1 || channels2 < 1 || denseUnits < 1 || classes < 2) {
            throw new IllegalArgumentException("cnn: channels and dense units must be >= 1 and classes >= 2, got "
                    + channels1 + ", " + channels2 + ", " + denseUnits + ", " + classes);
        }
        this.channels1 = channels1;
        this.channels2 = channels2;
        patch2 = PATCH1 * channels1;
        conv1Weight = 0;
        conv1Bias = conv1Weight + channels1 * PATCH1;
        conv2Weight = conv1Bias + channels1;
        conv2Bias = conv2Weight + channels2 * patch2;
        int denseOffset = conv2Bias + channels2;
        dense = new DenseStack("cnn", new int[] {POOLED2 * POOLED2 * channels2, denseUnits, classes}, Activation.RELU,
                OutputLoss.SOFTMAX_CROSS_ENTROPY, dropoutOrNull, denseOffset);
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block("conv1.weight", conv1Weight, channels1, PATCH1, Kind.WEIGHT));
        blocks.add(new Block("conv1.bias", conv1Bias, channels1, 1, Kind.BIAS));
        blocks.add(new Block("conv2.weight", conv2Weight, channels2, patch2, Kind.WEIGHT));
        blocks.add(new Block("conv2.bias", conv2Bias, channels2, 1, Kind.BIAS));
        blocks.addAll(dense.blocks("dense"));
        layout = new ParameterLayout(blocks);
        conv1WeightTransposed = new float[PATCH1 * channels1];
        conv2WeightTransposed = new float[patch2 * channels2];
        conv1GradientTransposed = new float[PATCH1 * channels1];
    }

    @Override
    public ParameterLayout layout() {
        return layout;
    }

    @Override
    public void initialize(float[] parameters, SplittableRandom random) {
        Initializers.fill(parameters, conv1Weight, channels1 * PATCH1, PATCH1, channels1, true, random);
        Arrays.fill(parameters, conv1Bias, conv1Bias + channels1, 0f);
        Initializers.fill(parameters, conv2Weight, channels2 * patch2, patch2, channels2, true, random);
        Arrays.fill(parameters, conv2Bias, conv2Bias + channels2, 0f);
        dense.initialize(parameters, random);
    }

    @Override
    int inputs() {
        return SIDE * SIDE;
    }

    @Override
    int outputs() {
        return dense.outputs();
    }

    @Override
    boolean classification() {
        return true;
    }

    @Override
    int evaluationChunk() {
        return 250;
    }

    @Override
    int lastCorrect() {
        return dense.correct();
    }

    private void ensureCapacity(int batch, boolean training) {
        if (batch > capacity) {
            columns1 = new float[batch * SIDE1 * SIDE1 * PATCH1];
            conv1 = new float[batch * SIDE1 * SIDE1 * channels1];
            pooled1 = new float[batch * POOLED1 * POOLED1 * channels1];
            argmax1 = new int[pooled1.length];
            columns2 = new float[batch * SIDE2 * SIDE2 * patch2];
            conv2 = new float[batch * SIDE2 * SIDE2 * channels2];
            pooled2 = new float[batch * POOLED2 * POOLED2 * channels2];
            argmax2 = new int[pooled2.length];
            denseGradient = null;
            capacity = batch;
        }
        if (training && (denseGradient == null || denseGradient.length < pooled2.length)) {
            denseGradient = new float[pooled2.length];
            conv2Gradient = new float[conv2.length];
            pooled1Gradient = new float[pooled1.length];
            conv1Gradient = new float[conv1.length];
        }
    }

    @Override
    double run(MatMul matMul, float[] parameters, float[] gradient, float[] x, int xOffset, int[] labels,
            int labelOffset, float[] targets, int targetOffset, int batch, SplittableRandom dropoutRandom) {
        boolean training = gradient != null;
        ensureCapacity(batch, training);
        int pixels1 = batch * SIDE1 * SIDE1;
        int pixels2 = batch * SIDE2 * SIDE2;

        int threads = matMul.threads();
        transpose(parameters, conv1Weight, channels1, PATCH1, conv1WeightTransposed);
        transpose(parameters, conv2Weight, channels2, patch2, conv2WeightTransposed);
        forExamples(threads, batch, (chunk, from, to) -> {
            for (int example = from; example < to; example++) {
                forward(x, xOffset, parameters, example);
            }
        });

        double loss = dense.run(matMul, parameters, gradient, pooled2, 0, labels, labelOffset, targets, targetOffset,
                batch, dropoutRandom, training ? denseGradient : null);
        if (!training) {
            return loss;
        }

        // Routed by examples on the threads that hold them, bias sums in one order on this thread (see conv1 below).
        forExamples(threads, batch, (chunk, from, to) ->
                Pooling.route(denseGradient, argmax2, from, to, SIDE2, channels2, conv2Gradient));
        Pooling.routedSums(denseGradient, argmax2, batch, SIDE2, channels2, gradient, conv2Bias);
        matMul.multiplyTransposedA(channels2, patch2, pixels2, conv2Gradient, 0, channels2, columns2, 0, patch2,
                gradient, conv2Weight, patch2, false);
        // ∇patches = ∇Y · W and its col2im, one example at a time into a buffer per chunk: the example's 64×400 patch
        // gradients are added onto its map while they are still in L1/L2, instead of a 6.5 MB round trip to memory
        // for the whole batch.
        int patchRows = SIDE2 * SIDE2 * patch2;
        if (columns2Gradient == null || columns2Gradient.length < chunks(threads, batch) * patchRows) {
            columns2Gradient = new float[chunks(threads, batch) * patchRows];
        }
        // Each example's pooled gradient is routed back through conv1's pooling on the thread that just computed it;
        // only the bias sums, which add up the whole batch in one order, are left for the calling thread. Routed on
        // the calling thread, the 2.4 MB map gradient was written there after the other core had read half of it.
        forExamples(threads, batch, (chunk, from, to) -> {
            for (int example = from; example < to; example++) {
                int row = example * SIDE2 * SIDE2;
                SERIAL.multiply(SIDE2 * SIDE2, patch2, channels2, conv2Gradient, row * channels2, channels2, parameters,
                        conv2Weight, patch2, columns2Gradient, chunk * patchRows, patch2, false);
                columnsToMap(example, columns2Gradient, chunk * patchRows);
                Pooling.route(pooled1Gradient, argmax1, example, example + 1, SIDE1, channels1, conv1Gradient);
            }
        });
        Pooling.routedSums(pooled1Gradient, argmax1, batch, SIDE1, channels1, gradient, conv1Bias);
        // ∇W1ᵀ = patchesᵀ · ∇Y: 25 rows × c1 columns keeps the micro-kernel's full-width tiles busy (c1 = 16).
        matMul.multiplyTransposedA(PATCH1, channels1, pixels1, columns1, 0, PATCH1, conv1Gradient, 0, channels1,
                conv1GradientTransposed, 0, channels1, false);
        for (int c = 0; c < channels1; c++) {
            for (int q = 0; q < PATCH1; q++) {
                gradient[conv1Weight + c * PATCH1 + q] = conv1GradientTransposed[q * channels1 + c];
            }
        }
        return loss;
    }

    /**
     * The forward pass of both convolutions for one example: im2col, {@code Y = patches · Wᵀ} against the weights
     * transposed once per batch, then pooling with bias and ReLU. One example at a time keeps its patches (57.6 KB for
     * conv1, 102 KB for conv2 with the default channels) in L2 between being written and being multiplied. Every
     * output element is the same chain of fused multiply-adds as a product over the whole batch, so neither the
     * per-example split nor the thread count changes a bit.
     */
    private void forward(float[] x, int xOffset, float[] parameters, int example) {
        int row1 = example * SIDE1 * SIDE1;
        imageToColumns(x, xOffset, example, example + 1);
        SERIAL.multiply(SIDE1 * SIDE1, channels1, PATCH1, columns1, row1 * PATCH1, PATCH1, conv1WeightTransposed, 0,
                channels1, conv1, row1 * channels1, channels1, false);
        Pooling.maxPoolBiasRelu(conv1, example, example + 1, SIDE1, channels1, parameters, conv1Bias, pooled1,
                argmax1);
        int row2 = example * SIDE2 * SIDE2;
        mapToColumns(example, example + 1);
        SERIAL.multiply(SIDE2 * SIDE2, channels2, patch2, columns2, row2 * patch2, patch2, conv2WeightTransposed, 0,
                channels2, conv2, row2 * channels2, channels2, false);
        Pooling.maxPoolBiasRelu(conv2, example, example + 1, SIDE2, channels2, parameters, conv2Bias, pooled2,
                argmax2);
    }

    /** {@code out[q][r] = parameters[offset + r·columns + q]}: the rows × columns block at offset, transposed. */
    private static void transpose(float[] parameters, int offset, int rows, int columns, float[] out) {
        for (int r = 0; r < rows; r++) {
            for (int q = 0; q < columns; q++) {
                out[q * rows + r] = parameters[offset + r * columns + q];
            }
        }
    }

    /** Patches of the input images: row (example, y, x) of 24×24 per example, 25 columns (kernel row, column). */
    private void imageToColumns(float[] x, int xOffset, int from, int to) {
        int row = from * SIDE1 * SIDE1;
        for (int example = from; example < to; example++) {
            int image = xOffset + example * SIDE * SIDE;
            for (int y = 0; y < SIDE1; y++) {
                for (int xPos = 0; xPos < SIDE1; xPos++) {
                    int out = row * PATCH1;
                    // Five-element runs: a plain loop the JIT unrolls beats 184,320 arraycopy calls per batch.
                    for (int ky = 0; ky < KERNEL; ky++) {
                        int source = image + (y + ky) * SIDE + xPos;
                        int target = out + ky * KERNEL;
                        for (int kx = 0; kx < KERNEL; kx++) {
                            columns1[target + kx] = x[source + kx];
                        }
                    }
                    row++;
                }
            }
        }
    }

    /** Patches of the first pooled map: for each kernel row, 5 neighbouring pixels × c1 channels are contiguous. */
    private void mapToColumns(int from, int to) {
        int run = KERNEL * channels1;
        int row = from * SIDE2 * SIDE2;
        for (int example = from; example < to; example++) {
            int map = example * POOLED1 * POOLED1;
            for (int y = 0; y < SIDE2; y++) {
                for (int xPos = 0; xPos < SIDE2; xPos++) {
                    int out = row * patch2;
                    for (int ky = 0; ky < KERNEL; ky++) {
                        System.arraycopy(pooled1, (map + (y + ky) * POOLED1 + xPos) * channels1, columns2,
                                out + ky * run, run);
                    }
                    row++;
                }
            }
        }
    }

    /**
     * The reverse of {@link #mapToColumns} for one example: adds each of its patch gradients ({@code patches} from
     * {@code offset}, 64 rows of 25·c1) back onto its map gradient, in a fixed order.
     */
    private void columnsToMap(int example, float[] patches, int offset) {
        int run = KERNEL * channels1;
        int map = example * POOLED1 * POOLED1;
        Arrays.fill(pooled1Gradient, map * channels1, (map + POOLED1 * POOLED1) * channels1, 0f);
        int in = offset;
        for (int y = 0; y < SIDE2; y++) {
            for (int xPos = 0; xPos < SIDE2; xPos++) {
                for (int ky = 0; ky < KERNEL; ky++) {
                    ElementWise.add(patches, in + ky * run, pooled1Gradient,
                            (map + (y + ky) * POOLED1 + xPos) * channels1, run);
                }
                in += patch2;
            }
        }
    }
}
