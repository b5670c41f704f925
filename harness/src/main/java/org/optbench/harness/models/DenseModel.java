package org.optbench.harness.models;

import java.util.SplittableRandom;
import org.optbench.harness.kernels.MatMul;
import org.optbench.harness.kernels.Workers;
import org.optbench.optimizers.Objective;
import org.optbench.optimizers.ParameterLayout;
import org.optbench.optimizers.regularizers.Dropout;

/**
 * A model made of one {@link DenseStack}: the shared implementation of {@link Mlp}, {@link SoftmaxRegression} and
 * {@link LinearRegressionModel}.
 */
abstract class DenseModel extends BatchModel {

    private final DenseStack stack;
    private final ParameterLayout layout;

    DenseModel(String component, int inputs, int[] hidden, Activation activation, int outputs, OutputLoss loss,
            Dropout dropoutOrNull, int threads) {
        this(component, inputs, hidden, activation, outputs, loss, dropoutOrNull, threads, null);
    }

    /** @param init every layer's weight initialization, or null for the choice by activation */
    DenseModel(String component, int inputs, int[] hidden, Activation activation, int outputs, OutputLoss loss,
            Dropout dropoutOrNull, int threads, WeightInit init) {
        super(component, threads);
        if (inputs < 1 || outputs < 1) {
            throw new IllegalArgumentException(component + ": inputs and outputs must be >= 1, got " + inputs + " and "
                    + outputs);
        }
        if (hidden == null) {
            throw new IllegalArgumentException(component + ": hidden sizes must be given (an empty array for none)");
        }
        if (loss == null || activation == null) {
            throw new IllegalArgumentException(component + ": activation and loss must be given");
        }
        if (loss == OutputLoss.SOFTMAX_CROSS_ENTROPY && outputs < 2) {
            throw new IllegalArgumentException(component + ": softmax needs at least 2 classes, got " + outputs);
        }
        int[] sizes = new int[hidden.length + 2];
        sizes[0] = inputs;
        for (int i = 0; i < hidden.length; i++) {
            if (hidden[i] < 1) {
                throw new IllegalArgumentException(component + ": hidden sizes must be >= 1, got " + hidden[i]);
            }
            sizes[i + 1] = hidden[i];
        }
        sizes[sizes.length - 1] = outputs;
        stack = new DenseStack(component, sizes, activation, loss, dropoutOrNull, 0, init);
        layout = new ParameterLayout(stack.blocks("dense"));
        this.loss = loss;
    }

    private final OutputLoss loss;

    @Override
    public ParameterLayout layout() {
        return layout;
    }

    @Override
    public void initialize(float[] parameters, SplittableRandom random) {
        stack.initialize(parameters, random);
    }

    @Override
    int inputs() {
        return stack.inputs();
    }

    @Override
    int outputs() {
        return stack.outputs();
    }

    @Override
    boolean classification() {
        return loss.classification();
    }

    @Override
    double run(MatMul matMul, float[] parameters, float[] gradient, float[] x, int xOffset, int[] labels,
            int labelOffset, float[] targets, int targetOffset, int batch, SplittableRandom dropoutRandom) {
        return stack.run(matMul, parameters, gradient, x, xOffset, labels, labelOffset, targets, targetOffset, batch,
                dropoutRandom, null);
    }

    /** {@link DenseStack#updatePieces} for the thread count they were made for (at most 256). */
    private final int[][][] updatePieces = new int[257][][];

    /** The update cut along the rows the products cut ({@link DenseStack#updatePieces}), else as every model's. */
    @Override
    void updateInPieces(int threads, int length, Objective.RangeUpdate update) {
        if (threads == 1 || length != dimension() || length < PARALLEL_UPDATE) {
            super.updateInPieces(threads, length, update);
            return;
        }
        if (updatePieces[threads] == null) {
            int[][] pieces = stack.updatePieces(threads);
            updatePieces[threads] = pieces != null ? pieces : new int[0][];
        }
        int[][] pieces = updatePieces[threads];
        if (pieces.length == 0) {
            super.updateInPieces(threads, length, update);
            return;
        }
        Workers.run(threads, pieces.length, piece -> {
            int[] ranges = pieces[piece];
            for (int r = 0; r < ranges.length; r += 2) {
                update.apply(ranges[r], ranges[r + 1]);
            }
        });
    }

    @Override
    int lastCorrect() {
        return stack.correct();
    }
}
