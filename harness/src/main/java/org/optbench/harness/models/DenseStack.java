package org.optbench.harness.models;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.optbench.harness.kernels.MatMul;
import org.optbench.optimizers.ParameterLayout.Block;
import org.optbench.optimizers.ParameterLayout.Kind;
import org.optbench.optimizers.regularizers.Dropout;

/**
 * Fully connected layers in the matrix form of seed 003, the whole mini-batch at once with one column per
 * example: {@code Z^l = W^l · A^(l−1) + b^l 1ᵀ}, {@code A^l = φ(Z^l)}; backward
 * {@code Δ^L = ∇_Z C}, {@code ∇W^l = Δ^l · (A^(l−1))ᵀ}, {@code ∇b^l = Δ^l · 1}, {@code Δ^(l−1) = φ'(Z^(l−1)) ⊙ (W^l)ᵀ Δ^l}
 * (the 1/m of the mean is folded into {@code Δ^L}).
 *
 * <p>Weights {@code W^l} are [out][in] row-major (one row per unit: its incoming weights), then the bias; the input
 * arrives as row-major rows (one per example), so the first product reads it transposed. Hidden activations are
 * [units][batch]. Workspaces grow to the largest batch seen and are then reused: no allocation per batch.
 */
final class DenseStack {

    private final String component;
    private final int[] sizes;
    private final Activation activation;
    private final OutputLoss loss;
    private final Dropout dropout;
    private final WeightInit init;
    private final int[] weightOffset;
    private final int[] biasOffset;
    private final int end;

    private int capacity;
    /** Post-activation values of each layer (the last one holds the logits / outputs), [units][batch]. */
    private final float[][] activations;
    /** Dropout masks and dropped activations of hidden layers (null without dropout). */
    private final float[][] masks;
    private final float[][] dropped;
    /** Δ of each layer, [units][batch]. */
    private final float[][] deltas;
    private int correct;

    DenseStack(String component, int[] sizes, Activation activation, OutputLoss loss, Dropout dropout, int offset) {
        this(component, sizes, activation, loss, dropout, offset, null);
    }

    /** @param init the weight initialization of every layer, or null for the choice by activation */
    DenseStack(String component, int[] sizes, Activation activation, OutputLoss loss, Dropout dropout, int offset,
            WeightInit init) {
        this.component = component;
        this.init = init;
        this.sizes = sizes.clone();
        this.activation = activation;
        this.loss = loss;
        this.dropout = dropout != null && dropout.p() > 0 ? dropout : null;
        int layers = sizes.length - 1;
        weightOffset = new int[layers];
        biasOffset = new int[layers];
        int position = offset;
        for (int l = 0; l < layers; l++) {
            weightOffset[l] = position;
            position += sizes[l] * sizes[l + 1];
            biasOffset[l] = position;
            position += sizes[l + 1];
        }
        end = position;
        activations = new float[layers][];
        deltas = new float[layers][];
        masks = new float[layers][];
        dropped = new float[layers][];
    }

    int layers() {
        return sizes.length - 1;
    }

    int inputs() {
        return sizes[0];
    }

    int outputs() {
        return sizes[sizes.length - 1];
    }

    /** Offset just past this stack's parameters. */
    int end() {
        return end;
    }

    /** Examples classified correctly by the last {@link #run}. */
    int correct() {
        return correct;
    }

    List<Block> blocks(String prefix) {
        List<Block> blocks = new ArrayList<>();
        for (int l = 0; l < layers(); l++) {
            blocks.add(new Block(prefix + l + ".weight", weightOffset[l], sizes[l + 1], sizes[l], Kind.WEIGHT));
            blocks.add(new Block(prefix + l + ".bias", biasOffset[l], sizes[l + 1], 1, Kind.BIAS));
        }
        return blocks;
    }

    /**
     * The pieces of an optimizer update on {@code threads} threads, for {@link BatchModel#updateInPieces}: piece
     * {@code c · n + i} holds the weight rows of chunk c of the i-th of the n layers whose products {@link MatMul}
     * cuts by rows ({@link MatMul#rowCut}), so that {@code Workers}' home pieces of a thread are the rows it computed
     * in the forward product and the weight gradient. Piece 0 also holds every other range (biases, weights of layers
     * too small to be cut by rows). Each parameter of this stack is in exactly one piece, as pairs
     * {@code from, to} of ranges. Null when no layer is cut by rows.
     *
     * <p>Why: cut into equal stretches of the parameter vector instead, a 784-256-128-10 trial on 2 threads updated
     * 24 rows of the first layer and half of the second on the other core than the one that multiplied them, and
     * each batch moved those rows (parameters, gradients) between the cores.
     */
    int[][] updatePieces(int threads) {
        List<Integer> cutLayers = new ArrayList<>();
        List<int[]> cuts = new ArrayList<>();
        for (int l = 0; l < layers(); l++) {
            int[] cut = MatMul.rowCut(sizes[l + 1], threads);
            if (cut != null) {
                cutLayers.add(l);
                cuts.add(cut);
            }
        }
        if (cutLayers.isEmpty()) {
            return null;
        }
        int n = cutLayers.size();
        int chunks = cuts.get(0).length - 1;
        List<int[]> rest = new ArrayList<>();
        for (int l = 0; l < layers(); l++) {
            if (!cutLayers.contains(l)) {
                rest.add(new int[] {weightOffset[l], weightOffset[l] + sizes[l] * sizes[l + 1]});
            }
            rest.add(new int[] {biasOffset[l], biasOffset[l] + sizes[l + 1]});
        }
        int[][] pieces = new int[chunks * n][];
        for (int c = 0; c < chunks; c++) {
            for (int i = 0; i < n; i++) {
                int l = cutLayers.get(i);
                int[] cut = cuts.get(i);
                int base = weightOffset[l];
                pieces[c * n + i] = new int[] {base + cut[c] * sizes[l], base + cut[c + 1] * sizes[l]};
            }
        }
        int[] first = new int[2 + 2 * rest.size()];
        first[0] = pieces[0][0];
        first[1] = pieces[0][1];
        for (int r = 0; r < rest.size(); r++) {
            first[2 + 2 * r] = rest.get(r)[0];
            first[3 + 2 * r] = rest.get(r)[1];
        }
        pieces[0] = first;
        return pieces;
    }

    /**
     * Every layer by {@code init} when given; otherwise He (normal, std √(2/fan-in)) before a ReLU, Glorot (uniform
     * ±√(6/(fan-in + fan-out))) for the rest. Biases 0.
     */
    void initialize(float[] parameters, SplittableRandom random) {
        for (int l = 0; l < layers(); l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            boolean feedsRelu = l < layers() - 1 && activation == Activation.RELU;
            WeightInit kind = init != null ? init : feedsRelu ? WeightInit.HE : WeightInit.GLOROT;
            Initializers.fill(parameters, weightOffset[l], in * out, in, out, kind, random);
            java.util.Arrays.fill(parameters, biasOffset[l], biasOffset[l] + out, 0f);
        }
    }

    private void ensureCapacity(int batch) {
        if (batch <= capacity) {
            return;
        }
        for (int l = 0; l < layers(); l++) {
            int units = sizes[l + 1];
            activations[l] = new float[units * batch];
            deltas[l] = new float[units * batch];
            if (dropout != null && l < layers() - 1) {
                masks[l] = new float[units * batch];
                dropped[l] = new float[units * batch];
            }
        }
        capacity = batch;
    }

    /**
     * Forward pass over {@code batch} input rows at {@code x[xOffset…]}, then (if {@code gradient} is not null) the
     * backward pass writing this stack's gradient into {@code gradient} at the parameter offsets.
     *
     * @param dropoutRandom the mask stream while training, null at evaluation (no dropout)
     * @param inputGradient if not null, receives ∂loss/∂x as [batch][inputs] rows (for a layer below)
     * @return the mean loss over the batch
     */
    double run(MatMul matMul, float[] parameters, float[] gradient, float[] x, int xOffset, int[] labels,
            int labelOffset, float[] targets, int targetOffset, int batch, SplittableRandom dropoutRandom,
            float[] inputGradient) {
        if (gradient == null && batch > FORWARD_SLICE) {
            return forwardInSlices(matMul, parameters, x, xOffset, labels, labelOffset, targets, targetOffset, batch);
        }
        ensureCapacity(batch);
        int layers = layers();
        boolean dropping = dropout != null && dropoutRandom != null;
        forward(matMul, parameters, x, xOffset, batch, dropping ? dropoutRandom : null);
        double total = outputLoss(activations[layers - 1], deltas[layers - 1], labels, labelOffset, targets,
                targetOffset, batch, batch, 0);
        if (gradient == null) {
            return total / batch;
        }
        // The element-wise steps beside a product (bias sums, the activation's derivative) run on its rows as the
        // thread that computed them finishes them (MatMul.Rows): on 2 threads, done afterwards on the calling thread
        // they pulled the other core's half of each matrix across.
        for (int l = layers - 1; l >= 0; l--) {
            int in = sizes[l];
            int out = sizes[l + 1];
            float[] delta = deltas[l];
            int bias = biasOffset[l];
            MatMul.Rows biasSums = (from, to) -> {
                for (int u = from; u < to; u++) {
                    float sum = 0f;
                    int row = u * batch;
                    for (int b = 0; b < batch; b++) {
                        sum += delta[row + b];
                    }
                    gradient[bias + u] = sum;
                }
            };
            if (l == 0) {
                matMul.multiply(out, in, batch, delta, 0, batch, x, xOffset, in, gradient, weightOffset[l], in, false,
                        null, biasSums);
            } else {
                float[] input = dropping ? dropped[l - 1] : activations[l - 1];
                matMul.multiplyTransposedB(out, in, batch, delta, 0, batch, input, 0, batch, gradient,
                        weightOffset[l], in, false, null, biasSums);
            }
            if (l > 0) {
                float[] previous = deltas[l - 1];
                float[] mask = dropping ? masks[l - 1] : null;
                float[] below = activations[l - 1];
                matMul.multiplyTransposedA(in, batch, out, parameters, weightOffset[l], in, delta, 0, batch, previous,
                        0, batch, false, null, (from, to) -> {
                            if (mask != null) {
                                for (int i = from * batch; i < to * batch; i++) {
                                    previous[i] *= mask[i];
                                }
                            }
                            activation.backward(previous, below, from * batch, to * batch);
                        });
            } else if (inputGradient != null) {
                matMul.multiplyTransposedA(batch, in, out, delta, 0, batch, parameters, weightOffset[0], in,
                        inputGradient, 0, in, false);
            }
        }
        return total / batch;
    }

    /**
     * Rows a forward-only pass (evaluation) computes at once: the width of a training batch's forward pass, so that
     * evaluation runs at its speed. At the width of a whole 1,000-row evaluation chunk the first product's input
     * (3.1 MB for MNIST) and outputs no longer stay in the core's cache while every unit's row is computed (0.78–0.80
     * of the training forward's GFLOP/s); in slices of 256 rows the packed input (800 KB) and the first layer's
     * weights (400 KB at 128 units) still exceed a 1 MB L2, and a 128 × 256 × 784 product ran about 3% below a
     * 128 × 64 × 784 one (docs/performance.md, "Evaluation speed"). A multiple of {@link #PANEL}.
     */
    static final int FORWARD_SLICE = 64;

    /**
     * A multiple of the column panels of {@code MatMul}'s products (32 floats with 512-bit vectors, 16 with 256-bit
     * ones). A product whose width is not a multiple of the panel computes the last {@code width mod 32} columns with
     * narrower kernels: scalar below 16 columns (a 128 × 232 × 784 product ran at 72 GFLOP/s, against 117 at 224
     * or 256 columns), and, when the whole product is narrower than one panel, one-vector tiles that no MLP product
     * of a training step uses, so that they stay uncompiled for a long time (in a fresh JVM a 128 × 16 × 784 product
     * still took 0.2–5 ms per call between its 50th and 200th calls, 0.03 ms once compiled). Every 1,000-row chunk
     * ends in such a slice (1,000 mod 32 = 8), and evaluation ran at 0.85 of the training forward's GFLOP/s.
     */
    static final int PANEL = 32;

    /** The last slice of a chunk, padded with zero rows to a multiple of {@link #PANEL}. */
    private float[] paddedSlice = new float[0];

    /**
     * The forward-only pass over {@code batch} rows, {@link #FORWARD_SLICE} at a time, with exactly the result of
     * one pass over all of them: each row's outputs do not depend on the rows beside it in a product, and the loss
     * sum runs on from slice to slice in the same row order ({@link #outputLoss}'s {@code start}). A last slice
     * whose width is not a multiple of {@link #PANEL} is copied and padded with zero rows to the next multiple, whose
     * outputs are computed and ignored: at most 31 rows of extra work per chunk instead of narrow kernels.
     */
    private double forwardInSlices(MatMul matMul, float[] parameters, float[] x, int xOffset, int[] labels,
            int labelOffset, float[] targets, int targetOffset, int batch) {
        ensureCapacity(FORWARD_SLICE);
        int layers = layers();
        int inputs = inputs();
        int outputs = outputs();
        double total = 0;
        int hits = 0;
        for (int start = 0; start < batch; start += FORWARD_SLICE) {
            int rows = Math.min(FORWARD_SLICE, batch - start);
            int width = (rows + PANEL - 1) / PANEL * PANEL;
            float[] input = x;
            int inputOffset = xOffset + start * inputs;
            if (width != rows) {
                if (paddedSlice.length < width * inputs) {
                    paddedSlice = new float[FORWARD_SLICE * inputs];
                }
                System.arraycopy(x, inputOffset, paddedSlice, 0, rows * inputs);
                java.util.Arrays.fill(paddedSlice, rows * inputs, width * inputs, 0f);
                input = paddedSlice;
                inputOffset = 0;
            }
            forward(matMul, parameters, input, inputOffset, width, null);
            total = outputLoss(activations[layers - 1], deltas[layers - 1], labels, labelOffset + start, targets,
                    targetOffset + start * outputs, rows, width, total);
            hits += correct;
        }
        correct = hits;
        return total / batch;
    }

    /**
     * The forward pass over {@code batch} rows into {@link #activations} (and, with {@code dropoutRandom}, the
     * dropped copies of the hidden layers).
     */
    private void forward(MatMul matMul, float[] parameters, float[] x, int xOffset, int batch,
            SplittableRandom dropoutRandom) {
        int layers = layers();
        boolean dropping = dropoutRandom != null;
        float[] below = null;
        for (int l = 0; l < layers; l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            float[] z = activations[l];
            int bias = biasOffset[l];
            // The bias is the product's starting value: no separate pass to add it. It is written, and the
            // activation applied, on each row range by the thread computing it (see the backward pass in run).
            MatMul.Rows start = (from, to) -> {
                for (int u = from; u < to; u++) {
                    java.util.Arrays.fill(z, u * batch, (u + 1) * batch, parameters[bias + u]);
                }
            };
            MatMul.Rows activate = l < layers - 1 ? (from, to) -> activation.apply(z, from * batch, to * batch) : null;
            if (l == 0) {
                matMul.multiplyTransposedB(out, batch, in, parameters, weightOffset[l], in, x, xOffset, in, z, 0,
                        batch, true, start, activate);
            } else {
                matMul.multiply(out, batch, in, parameters, weightOffset[l], in, below, 0, batch, z, 0, batch, true,
                        start, activate);
            }
            below = z;
            if (l < layers - 1) {
                if (dropping) {
                    float[] kept = dropped[l];
                    System.arraycopy(z, 0, kept, 0, out * batch);
                    dropout.apply(kept, masks[l], out * batch, dropoutRandom);
                    below = kept;
                }
            }
        }
    }

    /**
     * {@code start} plus the summed loss over the batch, added row by row; writes Δ^L (with the 1/m of the mean)
     * and counts correct predictions. {@code stride} is the row length of {@code z} and {@code delta} (at least
     * {@code batch}: a padded slice has more columns than rows to score).
     */
    private double outputLoss(float[] z, float[] delta, int[] labels, int labelOffset, float[] targets,
            int targetOffset, int batch, int stride, double start) {
        int out = outputs();
        double total = start;
        float scale = 1f / batch;
        if (loss == OutputLoss.SOFTMAX_CROSS_ENTROPY) {
            int hits = 0;
            for (int b = 0; b < batch; b++) {
                int label = labels[labelOffset + b];
                if (label < 0 || label >= out) {
                    throw new IllegalArgumentException(component + ": label " + label + " is outside [0, " + out
                            + "): the model has " + out + " classes");
                }
                float max = z[b];
                int best = 0;
                for (int u = 1; u < out; u++) {
                    float value = z[u * stride + b];
                    if (value > max) {
                        max = value;
                        best = u;
                    }
                }
                if (best == label) {
                    hits++;
                }
                double sum = 0;
                for (int u = 0; u < out; u++) {
                    float e = (float) Math.exp(z[u * stride + b] - max);
                    delta[u * stride + b] = e;
                    sum += e;
                }
                total += Math.log(sum) + max - z[label * stride + b];
                float inverse = (float) (1.0 / sum);
                for (int u = 0; u < out; u++) {
                    delta[u * stride + b] = (delta[u * stride + b] * inverse - (u == label ? 1f : 0f)) * scale;
                }
            }
            correct = hits;
        } else {
            for (int b = 0; b < batch; b++) {
                for (int u = 0; u < out; u++) {
                    float difference = z[u * stride + b] - targets[targetOffset + b * out + u];
                    total += (double) difference * difference;
                    delta[u * stride + b] = 2f * difference * scale;
                }
            }
            correct = 0;
        }
        return total;
    }
}
